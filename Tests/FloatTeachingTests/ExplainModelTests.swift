import FloatTeaching
import SoftFloat
import Testing

/// `mpstudy explain` values derived by hand (the derivation above each check).
///
/// binary16: bias 15, f = 10, ulp at exponent E is 2^(E-10), smallest subnormal 2^-24 =
/// 0.000000059604644775390625, largest 65504.
@Suite struct ExplainModelTests {
    func explain(_ text: String, _ format: FormatKind, _ rounding: RoundingRule = .toNearestOrEven) throws
        -> ValueExplanation
    {
        try ValueExplanation.explaining(text, format: format, rounding: rounding)
    }

    @Test func pointOneInHalf() throws {
        // 0.1 = 1.6 * 2^-4; 1.6 * 2^10 = 1638.4 -> 1638 = 0b1_1001100110: fraction 1001100110,
        // exponent field -4 + 15 = 11 = 01011; stored 1638 * 2^-14 = 0.0999755859375; error
        // -0.4 * 2^-14 = -0.0000244140625 = -0.4 ulp (ulp 2^-14 = 0.00006103515625); relative
        // 0.0000244140625 / 0.1 = 0.000244140625 = 2^-12, exactly. Neighbours 1637 * 2^-14 and
        // 1639 * 2^-14.
        let v = try explain("0.1", .binary16)
        #expect(
            v.hex == "0x2e66" && v.signField == "0" && v.exponentField == "01011" && v.fractionField == "1001100110")
        #expect(v.exactValue == "0.0999755859375" && v.shortestValue == "0.1")
        #expect(
            v.absoluteError?.description == "-0.0000244140625" && v.relativeError?.description == "0.000244140625"
                && v.ulpError?.description == "-0.4")
        #expect(v.ulp == "0.00006103515625")
        #expect(v.below == ("0x2e65", "0.09991455078125") && v.above == ("0x2e67", "0.10003662109375"))
        #expect(v.floatClass == .positiveNormal && v.flags == .inexact)
    }

    @Test func largestHalf() throws {
        // 65504 = 1.1111111111b * 2^15: field 30 = 11110, exact, no flags; next up is +inf.
        let v = try explain("65504", .binary16)
        #expect(v.hex == "0x7bff" && v.exponentField == "11110" && v.fractionField == "1111111111")
        #expect(
            v.exactValue == "65504" && v.absoluteError?.description == "0" && v.ulpError?.description == "0"
                && v.flags == [])
        #expect(v.ulp == "32" && v.above.hex == "0x7c00" && v.above.exact == "inf")
    }

    @Test func halfOverflowThreshold() throws {
        // 65520 = 65504 + 16 is the midpoint of 65504 and 2^16: ties to even picks 2^16 (even,
        // 1.0000000000b * 2^16) beyond the largest finite value: overflow, +inf (0x7c00),
        // overflow|inexact; error undefined. Toward zero: 65504 and inexact only.
        let v = try explain("65520", .binary16)
        #expect(v.hex == "0x7c00" && v.floatClass == .positiveInfinity && v.flags == [.overflow, .inexact])
        #expect(v.absoluteError == nil)
        let down = try explain("65520", .binary16, .towardZero)
        #expect(
            down.hex == "0x7bff" && down.flags == .inexact && down.absoluteError?.description == "-16"
                && down.ulpError?.description == "-0.5")
    }

    @Test func tinyInHalf() throws {
        // 1e-8 / 2^-24 = 0.16777216: below half the smallest subnormal, rounds to +0;
        // tiny and inexact: underflow|inexact. Error -1e-8 = -1e-8 * 2^24 = -0.16777216 ulp of
        // 2^-24, exactly; relative exactly 1.
        let v = try explain("1e-8", .binary16)
        #expect(v.hex == "0x0000" && v.floatClass == .positiveZero && v.flags == [.underflow, .inexact])
        #expect(
            v.absoluteError?.description == "-0.00000001" && v.relativeError?.description == "1"
                && v.ulpError?.description == "-0.16777216")
        // 5.96e-8 / 2^-24 = 0.99988... -> 1 * 2^-24 (0x0001, subnormal), underflow|inexact;
        // error 2^-24 - 5.96e-8 = 0.000000000004644775390625 = 4644775390625 / 10^24 * 2^24 =
        // 761 / 9765625 = 0.0000779264 ulp exactly; relative 4.644775390625e-12 / 5.96e-8 =
        // 0.0000779324729970637..., not a finite decimal (5.96 = 4 * 149 / 100): 7.7932e-05.
        let w = try explain("5.96e-8", .binary16)
        #expect(w.hex == "0x0001" && w.floatClass == .positiveSubnormal && w.flags == [.underflow, .inexact])
        #expect(w.exactValue == "0.000000059604644775390625")
        #expect(
            w.absoluteError?.description == "0.000000000004644775390625"
                && w.relativeError?.description == "≈ 7.7932e-05"
                && w.ulpError?.description == "0.0000779264")
        #expect(w.below.hex == "0x0000" && w.above.exact == "0.00000011920928955078125")
    }

    @Test func pointOneInBFloat16AndE4M3() throws {
        // bfloat16 (f = 7): 1.6 * 2^7 = 204.8 -> 205 = 0b1_1001101; field 127 - 4 = 123 =
        // 01111011: 0x3dcd; stored 205 * 2^-11 = 0.10009765625, error +0.2 ulp (2^-11 =
        // 0.00048828125): 0.00009765625, relative 0.0009765625 (2^-10).
        let b = try explain("0.1", .bfloat16)
        #expect(b.hex == "0x3dcd" && b.exactValue == "0.10009765625" && b.absoluteError?.description == "0.00009765625")
        #expect(
            b.ulpError?.description == "0.2" && b.relativeError?.description == "0.0009765625" && b.flags == .inexact)
        // E4M3 (bias 7, f = 3): 1.6 * 2^3 = 12.8 -> 13 = 0b1_101; field 7 - 4 = 3 = 0011:
        // 0|0011|101 = 0x1d; stored 13 * 2^-7 = 0.1015625, error 0.0015625 = +0.2 ulp
        // (2^-7 = 0.0078125), relative 0.015625. Neighbours 12/128 = 0.09375, 14/128 = 0.109375.
        let e = try explain("0.1", .e4m3)
        #expect(e.hex == "0x1d" && e.exponentField == "0011" && e.fractionField == "101")
        #expect(
            e.exactValue == "0.1015625" && e.absoluteError?.description == "0.0015625"
                && e.ulpError?.description == "0.2")
        #expect(e.relativeError?.description == "0.015625" && e.below.exact == "0.09375" && e.above.exact == "0.109375")
    }

    @Test func badInputNamesTheColumn() {
        #expect(throws: FloatParseError.self) { try explain("1.2.3", .binary16) }
        #expect(throws: FloatParseError.self) { try BitPattern.parse("0x13c00", width: 16, formatName: "half") }
        #expect((try? BitPattern.parse("0x3c00", width: 16, formatName: "half")) == 0x3C00)
        #expect((try? BitPattern.parse("0b0_01111_0000000000", width: 16, formatName: "half")) == 0x3C00)
        // Fullwidth digits are not ASCII digits (explain refuses them too).
        #expect(throws: FloatParseError.self) { try BitPattern.parse("0x３c00", width: 16, formatName: "half") }
    }

    /// `formats` rounds its 6-digit values to nearest (issue 11, item 8; they were truncated):
    /// 2^-14 = 0.00006103515625 -> 6.10352e-05; 2^-149 = 1.40129846e-45 -> 1.40130e-45 (a
    /// rounded value keeps its zeros); 2^-1074 = 4.9406564584e-324 -> 4.94066e-324; 2^-133 =
    /// 9.1835496e-41 -> 9.18355e-41; 2^-16 = 0.0000152587890625 -> 1.52588e-05; 2^-3 = 0.125
    /// is exact: 1.25e-01.
    @Test func formatsRoundToNearest() {
        let p = Dictionary(uniqueKeysWithValues: FormatKind.allCases.map { ($0.name, FormatParameters($0)) })
        #expect(p["half"]?.smallestNormal == "6.10352e-05 (2^-14)")
        #expect(p["single"]?.smallestSubnormal == "1.40130e-45 (2^-149)")
        #expect(p["double"]?.smallestSubnormal == "4.94066e-324 (2^-1074)")
        #expect(p["bfloat16"]?.smallestSubnormal == "9.18355e-41 (2^-133)")
        #expect(p["e5m2"]?.smallestSubnormal == "1.52588e-05 (2^-16)")
        #expect(p["e4m3"]?.machineEpsilon == "1.25e-01 (2^-3)")
    }
}

import FloatTeaching
import SoftFloat
import Testing

/// explain on inputs far outside every format's range (issue 11, items 1 and 10): the errors
/// come from the exact numbers (never from binary64, never from 10^|e| written out), so they
/// are right and short. Expected values from the mathematics in the comments, the long digit
/// strings from MPFR (`mpfr_get_str` of the exact power of two, 40 digits, nearest).
@Suite struct ExplainExtremeInputTests {
    func explain(
        _ text: String, _ format: FormatKind, _ rounding: RoundingRule = .toNearestOrEven,
        saturating: Bool = false
    ) throws -> ValueExplanation {
        try ValueExplanation.explaining(text, format: format, rounding: rounding, saturating: saturating)
    }

    @Test func zeroWithAHugeExponentIsZero() throws {
        // 0e-100000 is 0: stored +0, error 0, 0 ulps; relative 0 / 0, undefined.
        let v = try explain("0e-100000", .binary16)
        #expect(v.hex == "0x0000" && v.flags == [])
        #expect(v.absoluteError?.description == "0" && v.relativeError == nil && v.ulpError?.description == "0")
        let w = try explain("-0e99999999999999999999999", .binary64)
        #expect(w.hex == "0x8000000000000000" && w.absoluteError?.description == "0" && w.relativeError == nil)
    }

    @Test func tinyDecimalRoundsToZero() throws {
        // 1e-99999999999999 rounds to +0 (underflow, inexact); the error is minus the input,
        // exactly, in scientific notation; relative |0 - x| / x = 1 exactly; in ulps of 2^-24:
        // -10^-99999999999999 * 2^24 = -16777216e-99999999999999 exactly (8 digits: shown exactly).
        let v = try explain("1e-99999999999999", .binary16)
        #expect(v.hex == "0x0000" && v.flags == [.underflow, .inexact])
        #expect(v.absoluteError == ShownDecimal(text: "-1e-99999999999999", isExact: true))
        #expect(v.relativeError == ShownDecimal(text: "1", isExact: true))
        #expect(v.ulpError == ShownDecimal(text: "-1.6777216e-99999999999992", isExact: true))
    }

    @Test func tinyDecimalRoundedUp() throws {
        // Rounded up it is 2^-24 (0x0001): the error 2^-24 - 10^-99999999999999 is just below
        // 2^-24 = 0.000000059604644775390625 (17 digits), so its 40 digits are 2^-24's with
        // zeros; in ulps just below 1 (1.0000e+00, not exact); relative about 2^-24 * 10^99999999999999.
        let v = try explain("1e-99999999999999", .binary16, .up)
        #expect(v.hex == "0x0001")
        #expect(v.absoluteError == ShownDecimal(text: "5.960464477539062500000000000000000000000e-08", isExact: false))
        #expect(v.ulpError == ShownDecimal(text: "1.0000e+00", isExact: false))
        #expect(v.relativeError == ShownDecimal(text: "5.9605e+99999999999991", isExact: false))
    }

    @Test func tinyHexadecimal() throws {
        // 0x1p-99999999999 rounds to +0: the error is -2^-99999999999, whose 40 leading digits
        // MPFR gives as 7996693937146190867191668861304030001223 (times 10^-30102999606), and
        // in ulps of 2^-24 -2^-99999999975.
        let v = try explain("0x1p-99999999999", .binary16)
        #expect(v.hex == "0x0000" && v.relativeError?.description == "1")
        #expect(v.absoluteError?.description == "≈ -7.996693937146190867191668861304030001223e-30102999567")
        #expect(v.ulpError?.isExact == false && v.ulpError?.text.hasSuffix("e-30102999559") == true)
    }

    @Test func hugeHexadecimalOverflows() throws {
        // 0x1p99999999999: +inf with overflow (no error defined); toward zero the largest finite 65504.
        let v = try explain("0x1p99999999999", .binary16)
        #expect(v.hex == "0x7c00" && v.flags == [.overflow, .inexact] && v.absoluteError == nil)
        let w = try explain("0x1p99999999999", .binary16, .towardZero)
        #expect(
            w.hex == "0x7bff" && w.absoluteError?.isExact == false
                && w.absoluteError?.text.hasPrefix("-1.250516785886735615680407855548444290832e+30102999566") == true)
    }

    @Test func saturatingE4M3() throws {
        // 1e999999999 saturates to 448 (0x7e): the error 448 - 10^999999999 is -10^999999999 to
        // 40 digits; relative 1 - 448 / 10^999999999, 1.0000e+00 to 5 digits; in ulps of 32:
        // -10^999999999 / 32 + 14 = -3.125e+999999997 + 14, to 5 digits -3.1250e+999999997.
        let v = try explain("1e999999999", .e4m3, saturating: true)
        #expect(v.hex == "0x7e" && v.flags == [.overflow, .inexact])
        #expect(v.absoluteError?.description == "≈ -1.000000000000000000000000000000000000000e+999999999")
        #expect(v.relativeError?.description == "≈ 1.0000e+00" && v.ulpError?.description == "≈ -3.1250e+999999997")
    }

    @Test func ratiosBeyondBinary64() throws {
        // 2^-1074 in E4M3 rounds to +0: in ulps of 2^-9 the error is -2^-1065 =
        // -2^-1074 * 512 = -2.5296e-321, below binary64's normal range (it printed -0 when
        // computed as a Double). The absolute error is -2^-1074 with all its 751 digits.
        let v = try explain("0x1p-1074", .e4m3)
        #expect(v.ulpError?.description == "≈ -2.5296e-321" && v.relativeError?.description == "1")
        #expect(
            v.absoluteError?.isExact == true && v.absoluteError?.text.hasPrefix("-4.9406564584124654") == true
                && v.absoluteError?.text.hasSuffix("e-324") == true)
        // 2^57 saturated to 448: (448 - 2^57) / 32 = 14 - 2^52 = -4503599627370482 ulps exactly
        // (not 4503600000000000, which read like an exact integer); relative 1 - 448 / 2^57
        // = 0.9999999999999968..., 1.0000e+00 rounded.
        let w = try explain("0x1p57", .e4m3, saturating: true)
        #expect(w.ulpError?.description == "-4503599627370482" && w.absoluteError?.description == "-144115188075855424")
        #expect(w.relativeError?.description == "≈ 1.0000e+00")
    }

    @Test func exponentBeyondMPFRsRange() throws {
        // An exponent of 22 digits saturates (rounding unaffected: +0, or 2^-24 upward); the
        // exact input is not kept, so the errors are not computed, and say why.
        let v = try explain("1e-1000000000000000000000", .binary16, .up)
        #expect(v.hex == "0x0001" && v.absoluteError == nil && v.errorNote != nil)
    }

    /// An input longer than the 800 digits the parser keeps: the errors come from every digit
    /// (MPFR), correctly rounded. 0.1 + 10^-901 in binary16 is stored as 0.0999755859375 (as 0.1
    /// is): the error -0.0000244140625 - 10^-901 rounds, to 40 digits, to -0.0000244140625
    /// (shown without its trailing zeros, marked ≈); relative 2.44140625e-4 and -0.4 ulps, to 5
    /// digits 2.4414e-04 and -4.0000e-01.
    @Test func longInputGoesToMPFR() throws {
        let text = "0.1" + String(repeating: "0", count: 897) + "1"
        let v = try explain(text, .binary16)
        #expect(v.hex == "0x2e66" && v.errorIsApproximate)
        #expect(v.absoluteError?.description == "≈ -0.0000244140625")
        #expect(v.relativeError?.description == "≈ 2.4414e-04" && v.ulpError?.description == "≈ -4.0000e-01")
    }
}

import FloatTeaching
import SoftFloat
import Testing

/// `CalcReference`: the exact step results, the exact reference and the final errors, derived
/// by hand (issue 11, item 7: the reference is exact; item 10: calc and explain agree).
@Suite struct CalcReferenceTests {
    func completed(
        _ text: String, _ format: FormatKind = .binary16, _ rounding: RoundingRule = .toNearestOrEven,
        saturating: Bool = false
    ) throws -> CalcEvaluation {
        let parsed = try CalcExpression.parse(text)
        var evaluation = CalcEvaluation.evaluate(
            parsed, text: text, format: format, rounding: rounding, saturating: saturating)
        CalcReference().complete(&evaluation, expression: parsed, format: format)
        return evaluation
    }

    @Test func everyOperationExact() throws {
        // Every step exact in binary16 and in exact arithmetic: fma(3, 5, -1) = 14; sqrt(2.25) =
        // 1.5 (rational); -(2) = -2; 1.5 * -2 = -3; 14 - -3 = 17. The reference (literals
        // unrounded) is 17 too, so every error is zero.
        let e = try completed("fma(3, 5, -1) - sqrt(2.25) * -(2)")
        #expect(e.steps.map(\.exactResult.text) == ["3", "5", "-1", "14", "2.25", "1.5", "2", "-2", "-3", "17"])
        #expect(e.steps.allSatisfy { $0.exactResult.isExact })
        #expect(e.reference?.description == "17" && e.referenceMethod == .exact)
        #expect(
            e.absoluteError?.description == "0" && e.relativeError?.description == "0" && e.ulpError?.description == "0"
        )
    }

    @Test func oneThird() throws {
        // 1/3 is not a finite decimal: the step shows 25 significant digits and "≈", the
        // reference 40 (the exact fraction 1/3, correctly rounded). Stored 1365 * 2^-12 =
        // 0.333251953125 (0x3555): error 1365/4096 - 1/3 = (4095 - 4096) / 12288 = -1/12288 =
        // -0.0000813802083333... (40 digits: 81380208 and 32 threes); relative (1/12288) / (1/3)
        // = 1/4096 = 0.000244140625 exactly; ulp 2^-12 (the value is in [2^-2, 2^-1)):
        // -4096/12288 = -1/3 ulp (-3.3333e-01).
        let e = try completed("1 / 3")
        #expect(e.steps[2].exactResult.description == "≈ 0." + String(repeating: "3", count: 25))
        #expect(e.resultHex == "0x3555" && e.resultExact == "0.333251953125")
        #expect(e.reference?.description == "≈ 0." + String(repeating: "3", count: 40) && e.referenceMethod == .exact)
        #expect(e.absoluteError?.description == "≈ -0.0000" + "81380208" + String(repeating: "3", count: 32))
        #expect(e.relativeError?.description == "0.000244140625" && e.ulpError?.description == "≈ -3.3333e-01")
    }

    @Test func decimalLiteralIsItsOwnExactValue() throws {
        // 0.1 has no exact binary value, but as written it is exactly one tenth: the literal
        // step shows "0.1" as exact; stored 1638 * 2^-14 = 0.0999755859375.
        let e = try completed("0.1")
        #expect(e.steps[0].exactResult == ShownDecimal(text: "0.1", isExact: true))
        #expect(e.reference == ShownDecimal(text: "0.1", isExact: true) && e.resultExact == "0.0999755859375")
    }

    @Test func fusedMultiplyAddOfDecimalsIsExactlyZero() throws {
        // 0.1 * 3 - 0.3 = 0 exactly: the reference is 0 (it was -3.67e-1326 from 4,400-bit
        // binary approximations of the literals). In binary32: 0.1 -> 13421773 * 2^-27,
        // -0.3 -> -10066330 * 2^-25 = -40265320 * 2^-27; fma = (40265319 - 40265320) * 2^-27
        // = -2^-27 exactly (0xb2000000 = 1 01100100 0...: 2^(100 - 127)). Error -2^-27 =
        // -0.000000007450580596923828125; relative error undefined (the reference is 0); in
        // ulps of 2^(-27 - 23): -2^23 = -8388608 exactly.
        let e = try completed("fma(0.1, 3, -0.3)", .binary32)
        #expect(e.resultHex == "0xb2000000")
        #expect(e.reference == ShownDecimal(text: "0", isExact: true) && e.referenceMethod == .exact)
        #expect(e.absoluteError?.description == "-0.000000007450580596923828125")
        #expect(e.relativeError == nil && e.ulpError?.description == "-8388608")
    }

    @Test func hugeExponentsCancelExactly() throws {
        // 1e-99999999999999 * 1e99999999999999 = 1 exactly (exponents add; nothing written out).
        let e = try completed("1e-99999999999999 * 1e99999999999999", .binary64)
        #expect(e.reference?.description == "1" && e.referenceMethod == .exact)
    }

    @Test func irrationalSquareRootFromProvenIntervals() throws {
        // sqrt(2) = 1.41421356237309504880168872420969807856967187537694... (40 digits:
        // ...07857, the 41st digit 9 rounding up), proven by MPFR interval arithmetic.
        let e = try completed("sqrt(2)", .binary64)
        #expect(e.reference?.description == "≈ 1.41421356237309504880168872420969807857")
        #expect(e.referenceMethod == .intervals)
        // A zero reached through square roots is exact, but no interval proves it: bounds, and no
        // relative error (the reference may be 0).
        let z = try completed("sqrt(2) * sqrt(2) - 2", .binary64)
        #expect(z.referenceMethod == .bounds && z.reference?.text.hasPrefix("[") == true && z.relativeError == nil)
    }

    @Test func undefinedReference() throws {
        // 0/0 and inf - inf have no exact value: no reference, no errors.
        for text in ["0 / 0", "inf - inf", "sqrt(-1)", "1 / (0.1 - 0.1)"] {
            let e = try completed(text)
            #expect(e.reference == nil && e.absoluteError == nil, "\(text)")
        }
        // inf is its own exact value; the error of an infinite result is undefined.
        let e = try completed("inf + 1")
        #expect(e.reference?.description == "inf" && e.absoluteError == nil)
    }

    /// calc and explain show the same numbers for the same input (item 10): a literal alone is
    /// the same rounding of the same decimal, so the stored value and the three errors agree.
    @Test(arguments: ["0.1", "0", "-0.3", "65520", "1e-8", "5.96e-8", "0x1p-30", "448.5", "1e-99999999999999"])
    func calcAgreesWithExplain(_ text: String) throws {
        for format in FormatKind.allCases {
            let c = try completed(text, format)
            let v = try ValueExplanation.explaining(text, format: format, rounding: .toNearestOrEven)
            #expect(c.resultHex == v.hex && c.resultExact == v.exactValue)
            #expect(
                c.absoluteError == v.absoluteError && c.relativeError == v.relativeError && c.ulpError == v.ulpError,
                "\(text) in \(format.name)")
        }
    }
}

import FloatTeaching
import SoftFloat
import Testing

/// `CalcReference`: MPFR's exact step results and the final errors, derived by hand.
@Suite struct CalcReferenceTests {
    func completed(_ text: String, _ format: FormatKind = .binary16) throws -> CalcEvaluation {
        let parsed = try CalcExpression.parse(text)
        var evaluation = CalcEvaluation.evaluate(parsed, text: text, format: format, rounding: .toNearestOrEven)
        CalcReference().complete(&evaluation, expression: parsed, format: format)
        return evaluation
    }

    @Test func everyOperationExact() throws {
        // Every step exact in binary16 and in MPFR: fma(3, 5, -1) = 14; sqrt(2.25) = 1.5;
        // -(2) = -2; 1.5 * -2 = -3; 14 - -3 = 17. The reference (literals unrounded) is 17 too,
        // so every error is zero.
        let e = try completed("fma(3, 5, -1) - sqrt(2.25) * -(2)")
        #expect(e.steps.map(\.exactResult) == ["3", "5", "-1", "14", "2.25", "1.5", "2", "-2", "-3", "17"])
        #expect(e.steps.map(\.exactResultIsExact) == Array(repeating: true, count: 10))
        #expect(e.reference == "17" && e.absoluteError == "0" && e.relativeError == "0" && e.ulpError == "0")
    }

    @Test func oneThird() throws {
        // 1/3 is not a finite binary fraction: the step shows 25 significant digits and "≈";
        // the reference 40 digits. Stored 1365 * 2^-12 = 0.333251953125 (0x3555): error
        // 1365/4096 - 1/3 = (4095 - 4096) / 12288 = -1/12288 = -0.0000813802083...
        // (6 digits: -0.0000813802); relative (1/12288) / (1/3) = 1/4096 = 0.000244140625
        // (5 digits: 0.00024414); ulp 2^-12 (the value is in [2^-2, 2^-1)): -4096/12288 =
        // -1/3 ulp (-0.33333).
        let e = try completed("1 / 3")
        #expect(e.steps[2].exactResult == "0." + String(repeating: "3", count: 25) && !e.steps[2].exactResultIsExact)
        #expect(e.resultHex == "0x3555" && e.resultExact == "0.333251953125")
        #expect(e.reference == "0." + String(repeating: "3", count: 40))
        #expect(e.absoluteError == "-0.0000813802" && e.relativeError == "0.00024414" && e.ulpError == "-0.33333")
    }

    @Test func decimalLiteralIsItsOwnExactValue() throws {
        // 0.1 has no exact binary value, but as written it is exactly one tenth: the literal
        // step shows "0.1" as exact; stored 1638 * 2^-14 = 0.0999755859375.
        let e = try completed("0.1")
        #expect(e.steps[0].exactResult == "0.1" && e.steps[0].exactResultIsExact)
        #expect(e.reference == "0.1" && e.resultExact == "0.0999755859375")
    }
}

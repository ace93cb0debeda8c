import FloatTeaching
import Reporter
import SoftFloat
import Testing

/// The teaching views' text (`mpstudy formats`, `explain`, `decode`, `calc` render these).
/// Values come from FloatTeaching's models, whose numbers are checked by hand derivations in
/// FloatTeachingTests/ExplainModelTests; here: layout, colours on and off, every field present.
@Suite struct TeachingViewTests {
    @Test func explainPlainAndColoured() throws {
        let view = try ValueExplanation.explaining("0.1", format: .binary16, rounding: .toNearestOrEven)
        let plain = renderExplanation(view, style: TeachingStyle(colors: false))
        #expect(!plain.contains("\u{1B}["))
        for text in [
            "0x2e66 = 0 01011 1001100110", "0.0999755859375", "-0.0000244140625", "relative 0.000244140625",
            "-0.4", "0x2e65 = 0.09991455078125", "0x2e67 = 0.10003662109375", "positiveNormal", "inexact",
        ] {
            #expect(plain.contains(text), "missing \(text) in\n\(plain)")
        }
        let coloured = renderExplanation(view, style: TeachingStyle(colors: true))
        // Sign red (31), exponent green (32), fraction blue (34).
        #expect(
            coloured.contains("\u{1B}[31m0\u{1B}[0m") && coloured.contains("\u{1B}[32m01011\u{1B}[0m")
                && coloured.contains("\u{1B}[34m1001100110\u{1B}[0m"))
    }

    @Test func formatsTableHasEveryFormat() {
        let table = renderFormatsTable(FormatKind.allCases.map(FormatParameters.init))
        // Largest finite values: 65504, 448 (E4M3), 57344 (E5M2); binary16 2^-24 subnormal.
        for text in [
            "half", "single", "double", "bfloat16", "e4m3", "e5m2", "65504", "448 (no inf)", "57344",
            "5.96046e-08 (2^-24)", "1.7976931348623157e+308",
        ] {
            #expect(table.contains(text), "missing \(text)")
        }
    }

    @Test func allFormatsOneLineEach() throws {
        let views = try FormatKind.allCases.map {
            try ValueExplanation.explaining("0.1", format: $0, rounding: .toNearestOrEven)
        }
        let text = renderExplanationRows(views, style: TeachingStyle(colors: false))
        #expect(text.split(separator: "\n").count == 2 + FormatKind.allCases.count)
        #expect(text.contains("0x3fb999999999999a") && text.contains("0x1d") && text.contains("0x3dcd"))
    }

    /// A long calc shows its first and last 500 steps and says which are left out (1,199 steps:
    /// 600 ones and 599 additions; steps 501 to 699 are not shown).
    @Test func longCalcElidesTheMiddle() throws {
        let text = Array(repeating: "1", count: 600).joined(separator: " + ")
        let parsed = try CalcExpression.parse(text)
        var e = CalcEvaluation.evaluate(parsed, text: text, format: .binary64, rounding: .toNearestOrEven)
        CalcReference().complete(&e, expression: parsed, format: .binary64)
        let view = renderCalc(e, style: TeachingStyle(colors: false))
        #expect(view.contains("... steps 501 to 699 not shown (199 of 1199)") && view.contains("1199. 599 + 1"))
        #expect(view.contains("exact      = 600") && !view.contains("\n501. "))
    }
}

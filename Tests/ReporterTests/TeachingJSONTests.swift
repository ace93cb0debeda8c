import FloatTeaching
import Foundation
import Reporter
import SoftFloat
import Testing

/// `--json` of `mpstudy formats`, `explain`, `decode` and `calc`: the JSON is parsed back and its
/// values compared with hand derivations (in the comments). The notebooks read these keys.
@Suite struct TeachingJSONTests {
    /// The JSON text parsed into plain Foundation values.
    func parse(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    func object(_ text: String) throws -> [String: Any] {
        try #require(try parse(text) as? [String: Any])
    }

    @Test func formatsHaveEveryDigit() throws {
        let array = try #require(
            try parse(formatsJSON(FormatKind.allCases.map(FormatParameters.init))) as? [[String: Any]])
        #expect(
            array.map { $0["name"] as? String } == [
                "half", "single", "double", "bfloat16", "e4m3", "e5m2", "e2m3", "e3m2", "e2m1", "e8m0",
            ])
        let half = array[0]
        // binary16: w = 5, f = 10, bias 2^4 - 1 = 15, p = 11, emin = 1 - 15 = -14, emax = 15.
        #expect(half["exponentBits"] as? Int == 5 && half["fractionBits"] as? Int == 10 && half["bias"] as? Int == 15)
        #expect(
            half["precision"] as? Int == 11 && half["minExponent"] as? Int == -14 && half["maxExponent"] as? Int == 15)
        #expect(
            half["aliases"] as? [String] == ["binary16", "fp16", "float16"] && half["hasInfinities"] as? Bool == true)
        // (2 - 2^-10) * 2^15 = 65536 - 32 = 65504; 2^-14 = 1/16384 = 0.00006103515625;
        // 2^-24 = 0.000000059604644775390625; epsilon 2^-10 = 0.0009765625; u = 2^-11 = 0.00048828125.
        #expect(half["largestFinite"] as? String == "65504")
        #expect(half["smallestNormal"] as? String == "0.00006103515625")
        #expect(half["smallestSubnormal"] as? String == "0.000000059604644775390625")
        #expect(half["machineEpsilon"] as? String == "0.0009765625")
        #expect(half["unitRoundoff"] as? String == "0.00048828125")
        // E4M3: no infinities, largest 1.75 * 2^8 = 448, smallest subnormal 2^(-6 - 3) = 2^-9 = 0.001953125.
        let e4m3 = array[4]
        #expect(e4m3["hasInfinities"] as? Bool == false && e4m3["largestFinite"] as? String == "448")
        #expect(e4m3["smallestSubnormal"] as? String == "0.001953125")
        // binary64's 2^-1074 = 5^1074 / 10^1074: exactly 1074 digits after the point, the last a 5;
        // 5^1074 has floor(1074 * log10 5) + 1 = 751 digits, so 323 zeros follow the point, then
        // the leading digits of the well-known 2^-1074 = 4.9406564584124654...e-324.
        let tiny = try #require(array[2]["smallestSubnormal"] as? String)
        #expect(tiny.count == 2 + 1074 && tiny.hasSuffix("5"))
        #expect(tiny.hasPrefix("0." + String(repeating: "0", count: 323) + "49406564584124654"))
    }

    @Test func explainPointOneInHalf() throws {
        // The derivation is in FloatTeachingTests/ExplainModelTests.pointOneInHalf: 0.1 -> 1638 * 2^-14
        // = 0x2e66 = 0 01011 1001100110, error -0.4 * 2^-14 = -0.0000244140625, relative 2^-12 =
        // 0.000244140625, all exact.
        let view = try ValueExplanation.explaining("0.1", format: .binary16, rounding: .toNearestOrEven)
        let json = try object(explanationJSON(view))
        #expect(
            json["format"] as? String == "binary16" && json["bitWidth"] as? Int == 16
                && json["bits"] as? String == "0x2e66")
        #expect(
            json["signField"] as? String == "0" && json["exponentField"] as? String == "01011"
                && json["fractionField"] as? String == "1001100110")
        #expect(
            json["biasedExponent"] as? Int == 11 && json["exponent"] as? Int == -4
                && json["class"] as? String == "positiveNormal")
        #expect(json["exact"] as? String == "0.0999755859375" && json["shortest"] as? String == "0.1")
        #expect(
            json["input"] as? String == "0.1" && json["rounding"] as? String == "nearestEven"
                && json["flags"] as? [String] == ["inexact"])
        #expect(
            json["absoluteError"] as? String == "-0.0000244140625"
                && json["relativeError"] as? String == "0.000244140625"
                && json["ulpError"] as? String == "-0.4" && json["ulp"] as? String == "0.00006103515625")
        #expect(
            json["absoluteErrorIsExact"] as? Bool == true && json["relativeErrorIsExact"] as? Bool == true
                && json["ulpErrorIsExact"] as? Bool == true && json["errorNote"] == nil)
        #expect(json["errorIsApproximate"] as? Bool == false)
        let below = try #require(json["below"] as? [String: String])
        let above = try #require(json["above"] as? [String: String])
        #expect(
            below == ["bits": "0x2e65", "exact": "0.09991455078125"]
                && above == ["bits": "0x2e67", "exact": "0.10003662109375"])
    }

    @Test func decodeInfinityLeavesUndefinedKeysOut() throws {
        // 0x7c00 = 0 11111 0000000000: exponent all ones, fraction zero: +infinity. It has no
        // exponent, no ulp, and (decode has no input) no flags or errors.
        let json = try object(explanationJSON(ValueExplanation.decoding(0x7c00, format: .binary16)))
        #expect(
            json["class"] as? String == "positiveInfinity" && json["exact"] as? String == "inf"
                && json["biasedExponent"] as? Int == 31)
        for key in [
            "exponent", "ulp", "input", "rounding", "flags", "absoluteError", "relativeError", "ulpError",
            "absoluteErrorIsExact", "relativeErrorIsExact", "ulpErrorIsExact", "errorIsApproximate", "errorNote",
        ] {
            #expect(json[key] == nil, "unexpected \(key)")
        }
    }

    @Test func allFormatsOneObjectEach() throws {
        // 0.1 = 1.6 * 2^-4 with the significand 1.6 * 2^f rounded to nearest:
        // binary32: 1.6 * 2^23 = 13421772.8 -> 13421773 = 0xcccccd, field 127 - 4 = 123 -> 0x3dcccccd;
        // bfloat16: 1.6 * 2^7 = 204.8 -> 205 = 128 + 77, field 123 -> 0 01111011 1001101 = 0x3dcd;
        // e4m3: 1.6 * 2^3 = 12.8 -> 13 = 8 + 5, field 7 - 4 = 3 -> 0 0011 101 = 0x1d;
        // e5m2: 1.6 * 2^2 = 6.4 -> 6 = 4 + 2, field 15 - 4 = 11 -> 0 01011 10 = 0x2e;
        // e2m3 (emin 0, subnormal quantum 2^-3): 0.1 / 0.125 = 0.8 -> 1: subnormal 0 00 001 = 0x01;
        // e3m2 (emin -2, quantum 2^-4): 0.1 / 0.0625 = 1.6 -> 2: subnormal 0 000 10 = 0x02;
        // e2m1 (quantum 0.5): 0.1 / 0.5 = 0.2 -> 0 = 0x0;
        // e8m0: 0.1 lies between 2^-4 and 2^-3, above their midpoint 0.09375: 2^-3, field 124 = 0x7c.
        let views = try FormatKind.allCases.map {
            try ValueExplanation.explaining("0.1", format: $0, rounding: .toNearestOrEven)
        }
        let array = try #require(try parse(explanationsJSON(views)) as? [[String: Any]])
        #expect(
            array.map { $0["bits"] as? String } == [
                "0x2e66", "0x3dcccccd", "0x3fb999999999999a", "0x3dcd", "0x1d", "0x2e", "0x01", "0x02", "0x0",
                "0x7c",
            ])
    }

    @Test func calcStepsAndErrors() throws {
        // (0.1 + 0.2) * 3 in binary16, ties to even:
        // 0.1 -> 0.0999755859375 (0x2e66); 0.2 -> 0.199951171875 (0x3266), both inexact;
        // their exact sum 0.2999267578125 is 1228.5 ulps of 2^-12 in [0.25, 0.5): a tie, to the
        // even 1228 -> 0.2998046875 = 0 01101 0011001100 = 0x34cc, inexact; 3 is exact (0x4200);
        // 0.2998046875 * 3 = 0.8994140625 = 1842 * 2^-11 exactly -> 0 01110 1100110010 = 0x3b32, no flag.
        // Against 0.9 (exact: rational arithmetic on the literals): error -0.0005859375 exactly,
        // relative 0.0005859375 / 0.9 = 0.00065104166... (not a finite decimal; 5 digits:
        // 6.5104e-04), in ulps of 2^-11: -0.0005859375 * 2048 = -1.2 exactly.
        let text = "(0.1 + 0.2) * 3"
        let parsed = try CalcExpression.parse(text)
        var evaluation = CalcEvaluation.evaluate(parsed, text: text, format: .binary16, rounding: .toNearestOrEven)
        CalcReference().complete(&evaluation, expression: parsed, format: .binary16)
        let json = try object(calcJSON(evaluation))
        #expect(
            json["expression"] as? String == text && json["format"] as? String == "binary16"
                && json["rounding"] as? String == "nearestEven")
        let steps = try #require(json["steps"] as? [[String: Any]])
        #expect(steps.map { $0["operation"] as? String } == ["literal", "literal", "+", "literal", "*"])
        #expect(steps.map { $0["bits"] as? String } == ["0x2e66", "0x3266", "0x34cc", "0x4200", "0x3b32"])
        #expect(steps.map { $0["flags"] as? [String] } == [["inexact"], ["inexact"], ["inexact"], [], []])
        #expect(steps[2]["exact"] as? String == "0.2999267578125" && steps[2]["exactIsExact"] as? Bool == true)
        // The sum's operands are the exact stored values of steps 1 and 2, and so is its text.
        #expect(
            steps[2]["operands"] as? [String] == ["0.0999755859375", "0.199951171875"]
                && steps[2]["operandSteps"] as? [Int] == [1, 2]
                && steps[2]["text"] as? String == "0.0999755859375 + 0.199951171875")
        #expect(steps[2]["rounded"] as? String == "0.2998046875")
        let result = try #require(json["result"] as? [String: String])
        #expect(result["bits"] == "0x3b32" && result["exact"] == "0.8994140625")
        #expect(
            json["reference"] as? String == "0.9" && json["referenceIsExact"] as? Bool == true
                && json["referenceMethod"] as? String == "exact")
        #expect(json["absoluteError"] as? String == "-0.0005859375" && json["absoluteErrorIsExact"] as? Bool == true)
        #expect(json["relativeError"] as? String == "6.5104e-04" && json["relativeErrorIsExact"] as? Bool == false)
        #expect(json["ulpError"] as? String == "-1.2" && json["ulpErrorIsExact"] as? Bool == true)
        #expect(json["flags"] as? [String] == ["inexact"])
    }

    @Test func calcZeroReferenceLeavesTheRelativeErrorOut() throws {
        // fma(0.1, 3, -0.3) is exactly 0 (CalcReferenceTests): the relative error is undefined and
        // absent; the absolute error -2^-27 and the -2^23 ulps are there, exact.
        let text = "fma(0.1, 3, -0.3)"
        let parsed = try CalcExpression.parse(text)
        var evaluation = CalcEvaluation.evaluate(parsed, text: text, format: .binary32, rounding: .toNearestOrEven)
        CalcReference().complete(&evaluation, expression: parsed, format: .binary32)
        let json = try object(calcJSON(evaluation))
        #expect(
            json["reference"] as? String == "0" && json["relativeError"] == nil && json["relativeErrorIsExact"] == nil)
        #expect(
            json["absoluteError"] as? String == "-0.000000007450580596923828125"
                && json["ulpError"] as? String == "-8388608")
    }
}

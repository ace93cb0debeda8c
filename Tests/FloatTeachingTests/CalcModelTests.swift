import FloatTeaching
import SoftFloat
import Testing

/// `mpstudy calc`'s parser and step model, values derived by hand (the derivation above each
/// check).
@Suite struct CalcModelTests {
    @Test func badExpressionsNameTheColumn() {
        do {
            _ = try CalcExpression.parse("(1 + 2))")
            Issue.record("parsed")
        } catch {
            // The second ')' is the 8th character.
            #expect(error.description == "unexpected ')' at column 8 in \"(1 + 2))\"")
        }
        for bad in ["", "1 +", "sqrt(", "fma(1, 2)", "2 ** 3", "x", "1e", ")", "0x"] {
            #expect(throws: FloatParseError.self, "\(bad)") { try CalcExpression.parse(bad) }
        }
        // Function names and arities come from the operations.
        #expect(
            throws: FloatParseError(reason: "unknown function 'foo' (known: sqrt, fma)", column: 1, input: "foo(1)")
        ) {
            try CalcExpression.parse("foo(1)")
        }
        // A long name is cut to 30 characters in the message (found by the fuzz run: a 1,000-letter
        // name made a 1,000-character message).
        let long = String(repeating: "f", count: 1_000) + "(1)"
        #expect(
            throws: FloatParseError(
                reason: "unknown function '\(String(repeating: "f", count: 30))...' (known: sqrt, fma)",
                column: 1, input: long)
        ) {
            try CalcExpression.parse(long)
        }
        #expect(throws: FloatParseError(reason: "sqrt takes 1 argument, not 2", column: 1, input: "sqrt(1, 2)")) {
            try CalcExpression.parse("sqrt(1, 2)")
        }
    }

    @Test func calcSteps() throws {
        // (0.1 + 0.2) * 3 in half, toward zero: 0.1 -> 1638 * 2^-14 (0x2e66), 0.2 -> 1638 * 2^-13
        // (0x3266); sum 4914 * 2^-14 = 1.1997...b * 2^-2 truncated to 1228 * 2^-12 = 0.2998046875
        // (0x34cc, inexact); times 3 = 3684 * 2^-12 = 0.8994140625 exactly (0x3b32).
        let e = try CalcExpression.parse("(0.1 + 0.2) * 3")
        let r = CalcEvaluation.evaluate(e, text: "(0.1 + 0.2) * 3", format: .binary16, rounding: .towardZero)
        #expect(r.steps.map(\.resultHex) == ["0x2e66", "0x3266", "0x34cc", "0x4200", "0x3b32"])
        #expect(r.steps.map(\.flags) == [.inexact, .inexact, .inexact, [], []])
        #expect(r.resultExact == "0.8994140625" && r.flags == .inexact)
    }

    @Test func everyOperationParsesAndEvaluates() throws {
        // "-(1)" is a negation (a sign before '(' is not part of a literal); precedence makes
        // the tree sub(add(neg(1), 2), div(mul(3, 4), sqrt(fma(1, 2, 3)))), evaluated operands
        // first, left to right. In binary16, to nearest: -1 + 2 = 1; 3 * 4 = 12; fma(1, 2, 3) = 5;
        // sqrt(5) = 2.2360679... = 1144.87 * 2^-9 -> 1145 * 2^-9 = 2.236328125 = 0 10000 0001111001
        // (0x4079), inexact; 12 / (1145 * 2^-9) = 6144 / 1145 = 5.365939 = 1373.68 * 2^-8 -> 1374 * 2^-8
        // = 5.3671875 = 0 10001 0101011110 (0x455e), inexact; 1 - 5.3671875 = -4.3671875 =
        // -1118 * 2^-8 exactly = 1 10001 0001011110 (0xc45e).
        let text = "-(1) + 2 - 3 * 4 / sqrt(fma(1, 2, 3))"
        let r = CalcEvaluation.evaluate(
            try CalcExpression.parse(text), text: text, format: .binary16,
            rounding: .toNearestOrEven)
        let literal = CalcStep.Kind.literal
        let operation = CalcStep.Kind.operation
        #expect(
            r.steps.map(\.kind) == [
                literal("1"), operation(.negate), literal("2"), operation(.add),
                literal("3"), literal("4"), operation(.multiply),
                literal("1"), literal("2"), literal("3"), operation(.fusedMultiplyAdd),
                operation(.squareRoot), operation(.divide), operation(.subtract),
            ])
        #expect(
            r.steps.map(\.resultExact) == [
                "1", "-1", "2", "1", "3", "4", "12", "1", "2", "3", "5",
                "2.236328125", "5.3671875", "-4.3671875",
            ])
        #expect(r.steps[11].resultHex == "0x4079" && r.steps[12].resultHex == "0x455e" && r.resultHex == "0xc45e")
        #expect(r.steps.map(\.operandBits.count) == [0, 1, 0, 2, 0, 0, 2, 0, 0, 0, 3, 1, 2, 2])
        #expect(r.flags == .inexact)
    }

    /// The steps show arithmetic that is true (issue 11, item 9): the operands' exact stored
    /// values, not their shortest decimals, and no shortest form with a `.0` that looks exact.
    @Test func stepsShowExactOperands() throws {
        // E4M3: 448 = 1.75 * 2^8 and 16 are exact; 448 + 16 = 464 lies halfway between 448 and
        // the next value 480 (ulp 32 at 2^8): a tie, to the even significand 1.110b = 448. The step reads 448 + 16 (the shortest decimal of 448 is
        // 450, and "450.0 + 16.0 = 464" was false); 448's shortest is written 450, not 450.0.
        let text = "448 + 16"
        let r = CalcEvaluation.evaluate(
            try CalcExpression.parse(text), text: text, format: .e4m3, rounding: .toNearestOrEven)
        #expect(
            r.steps[2].text == "448 + 16" && r.steps[2].operands == ["448", "16"] && r.steps[2].operandSteps == [0, 1])
        #expect(r.resultExact == "448" && r.resultShortest == "450" && r.steps[2].resultShortest == "450")
        // A negative operand is parenthesised; 0.5 and -0.25 are exact in binary16.
        let negative = "0.5 - -0.25"
        let n = CalcEvaluation.evaluate(
            try CalcExpression.parse(negative), text: negative, format: .binary16,
            rounding: .toNearestOrEven)
        #expect(n.steps[2].text == "0.5 - (-0.25)" && n.resultShortest == "0.75")
        // Operands with long exact values (binary64's 0.1 has 55 digits) are named by their step.
        let long = "0.1 + 0.2"
        let d = CalcEvaluation.evaluate(
            try CalcExpression.parse(long), text: long, format: .binary64, rounding: .toNearestOrEven)
        #expect(
            d.steps[2].text == "#1 + #2"
                && d.steps[2].operands[0] == "0.1000000000000000055511151231257827021181583404541015625")
        // Integers are written without ".0", zeros with their sign.
        let z = CalcEvaluation.evaluate(
            try CalcExpression.parse("-0 * 3"), text: "-0 * 3", format: .binary32, rounding: .toNearestOrEven)
        #expect(z.steps.map(\.resultShortest) == ["-0", "3", "-0"])
    }

    /// A long evaluation computes every step but writes out only the first and last 500 (the
    /// flags and the result come from all of them).
    @Test func longEvaluationsShowTheirEnds() throws {
        // 600 ones: 600 literal steps and 599 additions, 1,199 steps; in binary64 the sum is
        // exactly 600. Steps 1-500 and 700-1199 are shown.
        let text = Array(repeating: "1", count: 600).joined(separator: " + ")
        let r = CalcEvaluation.evaluate(
            try CalcExpression.parse(text), text: text, format: .binary64, rounding: .toNearestOrEven)
        #expect(r.stepCount == 1_199 && r.steps.count == CalcEvaluation.shownSteps)
        #expect(r.steps[499].number == 500 && r.steps[500].number == 700 && r.steps.last?.number == 1_199)
        #expect(r.resultExact == "600" && r.steps.last?.resultExact == "600" && r.steps.last?.text == "599 + 1")
    }

    /// Function calls and negations count as operations: 5,000 fma calls and 4,999 additions
    /// make 9,999 (accepted), 5,001 calls and 5,000 additions 10,001 (refused).
    @Test func functionsCountTowardTheLimit() throws {
        func sum(_ n: Int) -> String { Array(repeating: "fma(1, 2, 3)", count: n).joined(separator: "+") }
        _ = try CalcExpression.parse(sum(5_000))
        #expect(throws: FloatParseError.self) { try CalcExpression.parse(sum(5_001)) }
    }

    @Test func operationNamesAndArities() {
        // The names `calc --json` writes, and the operand counts of + - * /, sqrt, fma, negation.
        #expect(CalcOperation.allCases.map(\.name) == ["neg", "+", "-", "*", "/", "sqrt", "fma"])
        #expect(CalcOperation.allCases.map(\.arity) == [1, 2, 2, 2, 2, 1, 3])
        #expect(CalcOperation.negate.text(["0.5"]) == "-(0.5)")
        #expect(CalcOperation.divide.text(["1.0", "3.0"]) == "1.0 / 3.0")
        #expect(CalcOperation.fusedMultiplyAdd.text(["a", "b", "c"]) == "fma(a, b, c)")
    }

    /// Evaluation recurses once per level, so the parser refuses what would overflow a stack:
    /// at the limits it parses, one past them it names the limit (and never crashes).
    /// (On a large stack, as `mpstudy calc` runs them: a 100,000-deep tree's release recurses.)
    @Test func calcSizeLimits() throws {
        try onLargeStack { try Self.checkSizeLimits() }
    }

    static func checkSizeLimits() throws {
        let n = CalcExpression.maxOperations
        let longest = Array(repeating: "1", count: n + 1).joined(separator: "+")
        _ = try CalcExpression.parse(longest)
        #expect(throws: FloatParseError.self) { try CalcExpression.parse(longest + "+1") }
        do {
            _ = try CalcExpression.parse(longest + "+1")
        } catch {
            #expect(error.reason == "expression too long: more than \(n) operations")
            // The message shows 60 characters around the column, not the whole input.
            #expect(error.description.count < 150)
        }
        let depth = CalcExpression.maxNesting
        _ = try CalcExpression.parse(
            String(repeating: "(", count: depth - 1) + "1" + String(repeating: ")", count: depth - 1))
        do {
            _ = try CalcExpression.parse(
                String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth))
            Issue.record("nesting \(depth) + 1 accepted")
        } catch {
            #expect(error.reason == "expression nested too deeply: more than \(depth) levels")
        }
    }
}

import FloatTeaching
import SoftFloat
import Testing

/// `mpstudy calc`'s parser and step model.
@Suite struct CalcModelTests {
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
        _ = try CalcExpression.parse(String(repeating: "(", count: depth - 1) + "1" + String(repeating: ")", count: depth - 1))
        do {
            _ = try CalcExpression.parse(String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth))
            Issue.record("nesting \(depth) + 1 accepted")
        } catch {
            #expect(error.reason == "expression nested too deeply: more than \(depth) levels")
        }
    }
}

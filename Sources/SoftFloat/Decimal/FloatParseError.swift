/// Why a string is not a number, and where (IEEE 754-2019 5.12.2 leaves the syntax to the
/// language; the accepted grammar is in `BinaryFloat.init(parsing:in:)`).
public struct FloatParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong: "unexpected 'x'", "expected digits", "empty number".
    public var reason: String
    /// 1-based column (in characters) of the offending character in `input`; one past the
    /// end when the input stopped too early.
    public var column: Int
    /// The text that was parsed.
    public var input: String

    public init(reason: String, column: Int, input: String) {
        self.reason = reason
        self.column = column
        self.input = input
    }

    /// `unexpected 'x' at column 4 in "1.5x"`; an input longer than 60 characters is shown
    /// as the 60 around the column, elided with `...` (the message stays one short line).
    public var description: String {
        let characters = Array(input)
        guard characters.count > 60 else { return "\(reason) at column \(column) in \"\(input)\"" }
        let start = max(0, min(column - 31, characters.count - 60))
        let end = min(characters.count, start + 60)
        let excerpt = (start > 0 ? "..." : "") + String(characters[start..<end]) + (end < characters.count ? "..." : "")
        return "\(reason) at column \(column) in \"\(excerpt)\""
    }
}

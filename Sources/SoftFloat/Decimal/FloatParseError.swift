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

    /// `unexpected 'x' at column 4 in "1.5x"`.
    public var description: String { "\(reason) at column \(column) in \"\(input)\"" }
}

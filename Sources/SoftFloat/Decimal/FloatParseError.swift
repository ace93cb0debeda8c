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
    /// as the 60 around the column, elided with `...`. Always one printable line: characters
    /// that would break or reorder it (see ``printable(_:)``) are written as escapes
    /// (`unexpected '\n'`), so an input cannot cut the message, move the cursor or colour the
    /// terminal.
    public var description: String {
        let characters = Array(input)
        guard characters.count > 60 else { return Self.printable("\(reason) at column \(column) in \"\(input)\"") }
        let start = max(0, min(column - 31, characters.count - 60))
        let end = min(characters.count, start + 60)
        let excerpt = (start > 0 ? "..." : "") + String(characters[start..<end]) + (end < characters.count ? "..." : "")
        return Self.printable("\(reason) at column \(column) in \"\(excerpt)\"")
    }

    /// `text` with every control character escaped: `\n`, `\r`, `\t`, and `\u{...}` for the
    /// other C0 and C1 controls and DEL (an ESC starts a terminal escape sequence), the line
    /// and paragraph separators U+2028 and U+2029, the byte order mark, and the bidirectional
    /// formatting characters (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), which
    /// reorder the rest of a line on screen.
    public static func printable(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x00..<0x20, 0x7F..<0xA0, 0x2028, 0x2029, 0xFEFF, 0x061C, 0x200E, 0x200F, 0x202A...0x202E,
                0x2066...0x2069:
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

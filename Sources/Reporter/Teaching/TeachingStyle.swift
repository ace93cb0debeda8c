import SoftFloat

/// How the teaching views colour their text: ANSI colours or plain. The command line decides
/// (colours only when standard output is a terminal and NO_COLOR is unset) and passes it in.
public struct TeachingStyle: Sendable {
    public var colors: Bool

    public init(colors: Bool) { self.colors = colors }

    func paint(_ text: String, _ code: String) -> String { colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    /// Sign field: red; exponent field: green; fraction field: blue; labels: bold.
    func sign(_ text: String) -> String { paint(text, "31") }
    func exponent(_ text: String) -> String { paint(text, "32") }
    func fraction(_ text: String) -> String { paint(text, "34") }
    func label(_ text: String) -> String { paint(text, "1") }
}

/// Columns padded to their widest cell, the first `leftColumns` left-aligned, the rest right.
func renderColumns(_ rows: [[String]], leftColumns: Int = 1, separator: String = "  ") -> String {
    guard let first = rows.first else { return "" }
    let widths = first.indices.map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
    return rows.map { row in
        row.enumerated().map { c, cell in
            let pad = String(repeating: " ", count: widths[c] - cell.count)
            return c < leftColumns ? cell + pad : pad + cell
        }.joined(separator: separator).trimmingTrailingSpaces()
    }.joined(separator: "\n")
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

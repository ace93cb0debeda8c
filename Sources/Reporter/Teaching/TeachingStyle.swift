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

/// Columns padded to their widest cell, the first `leftColumns` left-aligned, the rest right,
/// trailing spaces trimmed. Widths count Unicode scalars (the cells are digits, ASCII and
/// single-scalar signs such as "≈" and "×"), as good as characters here and much cheaper; the
/// text is built as bytes (a calc table can have 20,000 rows).
func renderColumns(_ rows: [[String]], leftColumns: Int = 1, separator: String = "  ") -> String {
    guard let first = rows.first else { return "" }
    let lengths = rows.map { $0.map(\.unicodeScalars.count) }
    let widths = first.indices.map { c in lengths.map { c < $0.count ? $0[c] : 0 }.max() ?? 0 }
    var out: [UInt8] = []
    for (r, row) in rows.enumerated() {
        if r > 0 { out.append(UInt8(ascii: "\n")) }
        let lineStart = out.count
        for (c, cell) in row.enumerated() {
            if c > 0 { out.append(contentsOf: separator.utf8) }
            let pad = repeatElement(UInt8(ascii: " "), count: widths[c] - lengths[r][c])
            if c >= leftColumns { out.append(contentsOf: pad) }
            out.append(contentsOf: cell.utf8)
            if c < leftColumns { out.append(contentsOf: pad) }
        }
        while out.count > lineStart && out.last == UInt8(ascii: " ") { out.removeLast() }
    }
    return String(decoding: out, as: UTF8.self)
}

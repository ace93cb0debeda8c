//===--- MarkdownTable.swift ----------------------------------------------===//
//
// A pipe table with padded columns: valid Markdown that also reads well as plain text.
//
//===----------------------------------------------------------------------===//

/// A Markdown table whose columns are padded to equal width (left-aligned text,
/// right-aligned numbers), so the same text serves `summary.md` and the terminal.
public struct MarkdownTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public let headers: [String]
    public let alignments: [Alignment]
    public private(set) var rows: [[String]] = []

    /// The first column left-aligned, the others right-aligned, unless given.
    public init(headers: [String], alignments: [Alignment]? = nil) {
        self.headers = headers
        self.alignments = alignments ?? [.left] + Array(repeating: .right, count: max(0, headers.count - 1))
    }

    public mutating func append(_ row: [String]) {
        precondition(row.count == headers.count, "row of \(row.count) cells for \(headers.count) columns")
        rows.append(row.map { $0.replacingPipes() })
    }

    /// The table, one line per row, each ending with a newline.
    public var text: String {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            "| " + cells.indices.map { pad(cells[$0], widths[$0], alignments[$0]) }.joined(separator: " | ") + " |\n"
        }
        let rule =
            "|"
            + widths.indices.map { i in
                alignments[i] == .right
                    ? String(repeating: "-", count: widths[i] + 1) + ":"
                    : ":" + String(repeating: "-", count: widths[i] + 1)
            }.joined(separator: "|") + "|\n"
        return line(headers) + rule + rows.map(line).joined()
    }

    private func pad(_ s: String, _ width: Int, _ alignment: Alignment) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return alignment == .left ? s + fill : fill + s
    }
}

extension String {
    /// `|` escaped for a table cell.
    fileprivate func replacingPipes() -> String {
        var out = ""
        for c in self { if c == "|" { out += "\\|" } else { out.append(c) } }
        return out
    }
}

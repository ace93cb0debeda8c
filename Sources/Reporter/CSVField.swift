//===--- CSVField.swift ---------------------------------------------------===//
//
// One CSV cell, formatted the same way on every run.
//
//===----------------------------------------------------------------------===//

/// A CSV cell. Numbers use Swift's shortest round-trip form (`0.5`, `1e-05`, `32768.0`), which
/// pandas parses exactly; non-finite numbers are `nan`, `inf`, `-inf`; booleans `true` /
/// `false`; an absent value is an empty cell (NaN in pandas).
public enum CSVField: Sendable, Equatable {
    case int(Int)
    case count(UInt64)
    case double(Double)
    case float(Float)
    case bool(Bool)
    case text(String)
    case empty

    /// The cell's text, quoted as RFC 4180 when it holds a comma, quote or line break.
    public var text: String {
        switch self {
        case .int(let v): String(v)
        case .count(let v): String(v)
        case .double(let v): Self.number(v.isNaN ? "nan" : v.isInfinite ? (v < 0 ? "-inf" : "inf") : v.description)
        case .float(let v): Self.number(v.isNaN ? "nan" : v.isInfinite ? (v < 0 ? "-inf" : "inf") : v.description)
        case .bool(let v): v ? "true" : "false"
        case .text(let s): Self.quoted(s)
        case .empty: ""
        }
    }

    static func number(_ s: String) -> String { s }

    static func quoted(_ s: String) -> String {
        guard
            s.utf8.contains(where: {
                $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n")
                    || $0 == UInt8(ascii: "\r")
            })
        else { return s }
        return "\"" + s.replacingQuotes() + "\""
    }

    /// `.double(x)` or `.empty`.
    static func optional(_ x: Double?) -> CSVField { x.map(CSVField.double) ?? .empty }
    static func optional(_ x: UInt64?) -> CSVField { x.map(CSVField.count) ?? .empty }
    static func optional(_ x: Int?) -> CSVField { x.map(CSVField.int) ?? .empty }
}

extension String {
    /// Doubles every `"` (CSV quoting).
    fileprivate func replacingQuotes() -> String {
        var out = ""
        for c in self {
            out.append(c)
            if c == "\"" { out.append("\"") }
        }
        return out
    }
}

/// A CSV table built row by row; lines end with `\n`.
public struct CSVTable: Sendable {
    public let header: [String]
    public private(set) var lines: [String] = []

    public init(header: [String]) { self.header = header }

    public mutating func append(_ row: [CSVField]) {
        precondition(row.count == header.count, "CSV row of \(row.count) cells for \(header.count) columns")
        lines.append(row.map(\.text).joined(separator: ","))
    }

    public var text: String { ([header.joined(separator: ",")] + lines).joined(separator: "\n") + "\n" }
}

/// A JSON value of the teaching views' `--json`, and its text: keys sorted, two-space
/// indentation, `"key" : value` (the layout `JSONEncoder` writes with `.prettyPrinted,
/// .sortedKeys`), strings escaped as JSON requires and nothing else (no `\/`, non-ASCII as
/// UTF-8). Written by hand because `JSONEncoder` cost 40 µs a step on a long `calc` (2 s for
/// 50,000 steps), more than the arithmetic.
indirect enum TeachingJSONValue {
    case string(String)
    case int(Int)
    case bool(Bool)
    /// A finite Double, written as Swift's shortest round-trip `description`.
    case double(Double)
    case array([TeachingJSONValue])
    /// Members; an absent (nil) member is left out.
    case object([String: TeachingJSONValue?])

    /// The value as JSON text (no final newline).
    var text: String {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 12)
        write(to: &out, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    private func write(to out: inout [UInt8], indent: Int) {
        switch self {
        case let .string(text): Self.write(text, to: &out)
        case let .int(value): out.append(contentsOf: String(value).utf8)
        case let .bool(value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case let .double(value): out.append(contentsOf: (value.isFinite ? value.description : "null").utf8)
        case let .array(items):
            guard !items.isEmpty else { return out.append(contentsOf: "[]".utf8) }
            out.append(contentsOf: "[\n".utf8)
            for (i, item) in items.enumerated() {
                out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent + 2))
                item.write(to: &out, indent: indent + 2)
                out.append(contentsOf: (i + 1 < items.count ? ",\n" : "\n").utf8)
            }
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
            out.append(UInt8(ascii: "]"))
        case let .object(members):
            let present = members.compactMap { key, value in value.map { (key, $0) } }.sorted { $0.0 < $1.0 }
            guard !present.isEmpty else { return out.append(contentsOf: "{}".utf8) }
            out.append(contentsOf: "{\n".utf8)
            for (i, (key, value)) in present.enumerated() {
                out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent + 2))
                Self.write(key, to: &out)
                out.append(contentsOf: " : ".utf8)
                value.write(to: &out, indent: indent + 2)
                out.append(contentsOf: (i + 1 < present.count ? ",\n" : "\n").utf8)
            }
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A JSON string literal: `"` and `\` escaped, control characters as `\n`, `\t`, ... or
    /// `\u00XX`.
    private static func write(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings (digits, names) need no escape: one copy.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(contentsOf: text.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out += [hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

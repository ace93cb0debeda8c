//===--- SafetensorsWriter.swift ------------------------------------------===//
//
// The bytes of a safetensors file, laid out as the reference implementation lays them out.
//
//===----------------------------------------------------------------------===//

import SoftFloat

/// Builds safetensors files (8-byte little-endian header length, JSON header, data) the way
/// huggingface/safetensors' `serialize` does, so that the same tensors give the same bytes:
/// tensors sorted by dtype (descending, in the crate's `Dtype` declaration order: F64, F32,
/// BF16, F16) then by name; the header `{"__metadata__": {...}, "<name>": {"dtype", "shape",
/// "data_offsets"}, ...}` in that order, compact, strings escaped as serde_json escapes them;
/// the JSON padded with spaces to a multiple of 8 bytes. The metadata map is written with
/// its keys sorted (the crate writes a hash map's order, which varies for more than one key).
public enum SafetensorsWriter {
    /// The element types written, with their safetensors names.
    public enum DType: String, Sendable, CaseIterable {
        case float16 = "F16"
        case bfloat16 = "BF16"
        case float32 = "F32"
        case float64 = "F64"

        /// Position in the crate's `Dtype` enum order (data of higher ranks comes first).
        var rank: Int {
            switch self {
            case .float16: 0
            case .bfloat16: 1
            case .float32: 2
            case .float64: 3
            }
        }

        public var byteCount: Int {
            switch self {
            case .float16, .bfloat16: 2
            case .float32: 4
            case .float64: 8
            }
        }
    }

    /// One tensor's header entry: what the data after the header holds for it.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var dtype: DType
        public var shape: [Int]

        public init(name: String, dtype: DType, shape: [Int]) {
            self.name = name
            self.dtype = dtype
            self.shape = shape
        }

        /// Bytes of data: the product of the shape times the element size.
        public var byteCount: Int { shape.reduce(1, *) * dtype.byteCount }
    }

    /// The order the tensors' data follows the header in (indices into `entries`).
    public static func dataOrder(_ entries: [Entry]) -> [Int] {
        entries.indices.sorted { a, b in
            let (x, y) = (entries[a], entries[b])
            if x.dtype.rank != y.dtype.rank { return x.dtype.rank > y.dtype.rank }
            return Array(x.name.utf8).lexicographicallyPrecedes(Array(y.name.utf8))
        }
    }

    /// The 8-byte length and the padded JSON header of `entries`, with the data laid out in
    /// ``dataOrder(_:)``; refuses a repeated or reserved name and a negative dimension.
    public static func header(_ entries: [Entry], metadata: [String: String] = [:]) throws(TensorFileError)
        -> [UInt8]
    {
        var seen = Set<String>()
        for entry in entries {
            guard entry.name != "__metadata__", seen.insert(entry.name).inserted else {
                throw TensorFileError(path: "safetensors header", tensor: entry.name, "name reserved or repeated")
            }
            guard entry.shape.allSatisfy({ $0 >= 0 }) else {
                throw TensorFileError(path: "safetensors header", tensor: entry.name, "negative dimension")
            }
        }
        var json = "{"
        var fields: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                .map { jsonString($0) + ":" + jsonString(metadata[$0]!) }
            fields.append("\"__metadata__\":{" + pairs.joined(separator: ",") + "}")
        }
        var offset = 0
        for index in dataOrder(entries) {
            let e = entries[index]
            let end = offset + e.byteCount
            fields.append(
                jsonString(e.name) + ":{\"dtype\":\"\(e.dtype.rawValue)\",\"shape\":["
                    + e.shape.map(String.init).joined(separator: ",") + "],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        json += fields.joined(separator: ",") + "}"
        var bytes = Array(json.utf8)
        while bytes.count % 8 != 0 { bytes.append(UInt8(ascii: " ")) }
        return withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { Array($0) } + bytes
    }

    /// A whole file of float32 values, each tensor converted to its entry's dtype (rounded to
    /// nearest even).
    public static func encode(_ tensors: [(entry: Entry, values: [Float])], metadata: [String: String] = [:])
        throws(TensorFileError) -> [UInt8]
    {
        for (entry, values) in tensors where entry.shape.reduce(1, *) != values.count {
            throw TensorFileError(
                path: "safetensors data", tensor: entry.name,
                "shape \(entry.shape) does not hold \(values.count) values")
        }
        var bytes = try header(tensors.map(\.entry), metadata: metadata)
        for index in dataOrder(tensors.map(\.entry)) {
            tensors[index].values.withUnsafeBufferPointer {
                appendElements($0, as: tensors[index].entry.dtype, to: &bytes)
            }
        }
        return bytes
    }

    /// Appends `values` as little-endian elements of `dtype` (float16 and bfloat16 rounded to
    /// nearest even by SoftFloat, float64 exact).
    public static func appendElements(_ values: UnsafeBufferPointer<Float>, as dtype: DType, to bytes: inout [UInt8]) {
        bytes.reserveCapacity(bytes.count + values.count * dtype.byteCount)
        var env = FloatEnvironment()
        func append<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        for v in values {
            let x = BinaryFloat<Binary32>(bits: v.bitPattern)
            switch dtype {
            case .float32: append(v.bitPattern)
            case .float64: append(Double(v).bitPattern)
            case .float16: append(x.converted(to: Binary16.self, in: &env).bits)
            case .bfloat16: append(x.converted(to: BFloat16.self, in: &env).bits)
            }
        }
    }

    /// `text` as a JSON string, escaped as serde_json escapes: `"` and `\`, the short escapes
    /// for backspace, form feed, newline, carriage return and tab, `\u00xx` for the other
    /// control characters; everything else (including `/` and non-ASCII) as its UTF-8.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

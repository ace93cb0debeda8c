//===--- SafetensorsReader.swift ------------------------------------------===//
//
// The tensors of a .safetensors file.
//
//===----------------------------------------------------------------------===//

import Foundation

/// Reads a safetensors file (huggingface/safetensors format): an 8-byte little-endian header
/// length N, N bytes of JSON mapping each tensor name to `{"dtype", "shape", "data_offsets":
/// [begin, end]}` (offsets relative to the byte buffer after the header) plus an optional
/// `__metadata__` map of strings (skipped), then the byte buffer. Every entry is checked:
/// a known floating-point dtype, a shape whose product (overflow-checked) matches end - begin,
/// offsets inside the buffer, no two tensors sharing bytes.
enum SafetensorsReader {
    /// The longest header read (the reference implementation's own limit is 100 MB).
    static let maximumHeaderLength = 100_000_000

    static func tensors(in file: MappedFile) throws(TensorFileError) -> [StoredTensor] {
        let path = file.path
        let bytes = file.bytes
        guard bytes.count >= 8 else {
            throw TensorFileError(
                path: path, "truncated: \(bytes.count) bytes, a safetensors file starts with an 8-byte header length")
        }
        let declared = bytes.loadUnaligned(as: UInt64.self).littleEndian
        guard declared <= UInt64(maximumHeaderLength) else {
            throw TensorFileError(
                path: path, "header length \(declared) is too large (at most \(maximumHeaderLength) bytes)")
        }
        let headerLength = Int(declared)
        guard headerLength <= bytes.count - 8 else {
            throw TensorFileError(
                path: path,
                "truncated: the header announces \(headerLength) bytes, the file has \(bytes.count - 8) after the length"
            )
        }
        let header = Data(bytes[8..<8 + headerLength])
        guard header.first == UInt8(ascii: "{") else {
            throw TensorFileError(path: path, "header is not a JSON object")
        }
        let entries: [String: SafetensorsEntry]
        do {
            entries = try JSONDecoder().decode(SafetensorsHeader.self, from: header).entries
        } catch let error as TensorFileError {
            throw TensorFileError(path: path, tensor: error.tensor, error.problem)
        } catch {
            throw TensorFileError(path: path, "header is not JSON: \(Self.brief(error))")
        }
        let bufferStart = 8 + headerLength
        let bufferSize = bytes.count - bufferStart
        var tensors: [StoredTensor] = []
        var ranges: [(name: String, begin: Int, end: Int)] = []
        for name in entries.keys.sorted() {
            let entry = entries[name]!
            func fail(_ problem: String) -> TensorFileError { TensorFileError(path: path, tensor: name, problem) }
            guard let type = elementType(entry.dtype) else {
                throw fail("dtype \(entry.dtype) is not read (only F16, BF16, F32, F64, F8_E4M3, F8_E5M2)")
            }
            let (count, size) = try ShapeArithmetic.sizes(entry.shape, of: type, path: path, tensor: name)
            guard entry.offsets.count == 2 else { throw fail("data_offsets has \(entry.offsets.count) items, not 2") }
            let (begin, end) = (entry.offsets[0], entry.offsets[1])
            guard begin >= 0, begin <= end else {
                throw fail("data_offsets [\(begin), \(end)] are not increasing from 0")
            }
            guard end <= bufferSize else {
                throw fail(
                    "data_offsets [\(begin), \(end)] lie outside the \(bufferSize)-byte data buffer (truncated?)")
            }
            guard end - begin == size else {
                throw fail(
                    "shape \(entry.shape) of \(entry.dtype) needs \(size) bytes, data_offsets span \(end - begin)")
            }
            ranges.append((name, begin, end))
            tensors.append(
                StoredTensor(
                    name: name, elementType: type, shape: entry.shape, count: count, byteOrder: .littleEndian,
                    storageOrder: .c, path: path, source: .mapped(file, offset: bufferStart + begin)))
        }
        let sorted = ranges.filter { $0.begin < $0.end }.sorted { ($0.begin, $0.name) < ($1.begin, $1.name) }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.end > b.begin {
            throw TensorFileError(path: path, tensor: b.name, "data_offsets overlap those of '\(a.name)'")
        }
        return tensors
    }

    static func elementType(_ dtype: String) -> TensorElementType? {
        switch dtype {
        case "F16": .float16
        case "BF16": .bfloat16
        case "F32": .float32
        case "F64": .float64
        case "F8_E4M3": .e4m3
        case "F8_E5M2": .e5m2
        default: nil
        }
    }

    /// A decoding error in a few words, without Foundation's multi-line context.
    static func brief(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return underlying ?? context.debugDescription
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.keyNotFound(_, let context):
            return context.debugDescription
        default:
            return String(describing: error)
        }
    }
}

/// The JSON header: every key but `__metadata__` is a tensor.
struct SafetensorsHeader: Decodable {
    let entries: [String: SafetensorsEntry]

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        var entries: [String: SafetensorsEntry] = [:]
        for key in container.allKeys where key.stringValue != "__metadata__" {
            do {
                entries[key.stringValue] = try container.decode(SafetensorsEntry.self, forKey: key)
            } catch let error as TensorFileError {
                throw error
            } catch {
                throw TensorFileError(
                    path: "", tensor: key.stringValue,
                    "header entry is not {\"dtype\": string, \"shape\": [integers], \"data_offsets\": [begin, end]}: \(SafetensorsReader.brief(error))"
                )
            }
        }
        self.entries = entries
    }
}

/// One tensor's header entry.
struct SafetensorsEntry: Decodable {
    let dtype: String
    let shape: [Int]
    let offsets: [Int]

    enum CodingKeys: String, CodingKey {
        case dtype, shape
        case offsets = "data_offsets"
    }
}

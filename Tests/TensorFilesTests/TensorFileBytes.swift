//===--- TensorFileBytes.swift --------------------------------------------===//
//
// Hand-built .npy, safetensors and zip bytes for the malformed-file tests.
//
//===----------------------------------------------------------------------===//

import TensorFiles
import _TestSupport

/// Builders of tensor-file bytes written from the format specifications, independent of the
/// readers under test (and of zlib: "deflated" members are deflate streams of stored blocks).
enum TensorFileBytes {
    /// Whether `text` is one line with no control character (C0, DEL, C1): what a refusal must be.
    static func isOnePrintableLine(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F..<0xA0).contains($0.value) }
    }

    static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
    static func le32(_ v: Int) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
    static func le64(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8((v >> (8 * UInt64($0))) & 0xFF) } }

    /// An .npy file: magic, version, header length (2 bytes for 1.0, else 4), the header
    /// text padded with spaces to a multiple of 64 and ended by a newline, then `data`.
    static func npy(header: String, data: [UInt8], major: UInt8 = 1, declaredLength: Int? = nil) -> [UInt8] {
        let lengthBytes = major == 1 ? 2 : 4
        var text = Array(header.utf8)
        let prefix = 8 + lengthBytes
        while (prefix + text.count + 1) % 64 != 0 { text.append(0x20) }
        text.append(0x0A)
        let length = declaredLength ?? text.count
        return [0x93] + Array("NUMPY".utf8) + [major, 0] + (lengthBytes == 2 ? le16(length) : le32(length)) + text
            + data
    }

    /// `{'descr': '<descr>', 'fortran_order': False, 'shape': <shape>, }`.
    static func npyHeader(descr: String, shape: String, fortran: Bool = false) -> String {
        "{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shape), }"
    }

    /// Little-endian float32 bytes.
    static func f32(_ values: [Float]) -> [UInt8] { values.flatMap { le32(Int($0.bitPattern)) } }

    /// A safetensors file: the 8-byte header length, the JSON text, the data buffer.
    static func safetensors(json: String, data: [UInt8], declaredLength: UInt64? = nil) -> [UInt8] {
        let text = Array(json.utf8)
        return le64(declaredLength ?? UInt64(text.count)) + text + data
    }

    /// CRC-32 (ISO-HDLC, the zip one), bit by bit: reflected polynomial 0xEDB88320.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// `data` as a deflate stream (RFC 1951) of one final stored block: BFINAL=1, BTYPE=00,
    /// then LEN and its complement, then the bytes.
    static func storedDeflate(_ data: [UInt8]) -> [UInt8] {
        [0x01] + le16(data.count) + le16(~data.count & 0xFFFF) + data
    }

    /// A zip member to build.
    struct Member {
        var name: String
        /// What the member holds once inflated.
        var content: [UInt8]
        /// 0 stored, 8 deflated (as one stored deflate block).
        var method: Int = 0
        /// Overrides of what the central directory declares.
        var declaredSize: Int? = nil
        var declaredCRC: UInt32? = nil
        /// Overrides of the local header's sizes.
        var localSize: Int? = nil
        /// The compressed bytes, when not derived from `content`.
        var compressed: [UInt8]? = nil
    }

    /// A zip archive: local headers with data, the central directory, the end record.
    static func zip(_ members: [Member]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for m in members {
            let data = m.compressed ?? (m.method == 8 ? storedDeflate(m.content) : m.content)
            let size = m.declaredSize ?? m.content.count
            let crc = m.declaredCRC ?? crc32(m.content)
            let name = Array(m.name.utf8)
            let offset = out.count
            out += le32(0x0403_4B50) + le16(20) + le16(0) + le16(m.method) + le16(0) + le16(0)
            out += le32(Int(crc)) + le32(data.count) + le32(m.localSize ?? size) + le16(name.count) + le16(0)
            out += name + data
            central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(m.method) + le16(0) + le16(0)
            central += le32(Int(crc)) + le32(data.count) + le32(size) + le16(name.count) + le16(0) + le16(0)
            central += le16(0) + le16(0) + le32(0) + le32(offset) + name
        }
        let directoryOffset = out.count
        out += central
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(members.count) + le16(members.count)
        out += le32(central.count) + le32(directoryOffset) + le16(0)
        return out
    }

    /// Writes `bytes` to a scratch file named `name`, opens it, and returns the error the
    /// reader throws when it lists the tensors, or when `values` is set, when it decodes them.
    static func failure(_ bytes: [UInt8], name: String, values: Bool = false) throws -> TensorFileError? {
        try withScratchFolder(prefix: "tensorfiles") { folder -> TensorFileError? in
            let path = folder.file(name)
            try FileTree.write(bytes, to: path)
            do {
                let file = try TensorFile(path: path)
                if values { for tensor in file.tensors { _ = try tensor.floatValues() } }
                return nil
            } catch let error as TensorFileError {
                return error
            }
        }
    }

    /// Opens `bytes` written to a scratch file and returns the tensors' values by name.
    static func open(_ bytes: [UInt8], name: String) throws -> (TensorFile, [String: [Float]]) {
        try withScratchFolder(prefix: "tensorfiles") { folder in
            let path = folder.file(name)
            try FileTree.write(bytes, to: path)
            let file = try TensorFile(path: path)
            var values: [String: [Float]] = [:]
            for tensor in file.tensors { values[tensor.name] = try tensor.floatValues().array }
            return (file, values)
        }
    }
}

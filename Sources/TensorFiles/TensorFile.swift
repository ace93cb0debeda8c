//===--- TensorFile.swift -------------------------------------------------===//
//
// A file of named tensors: .npy, .npz or .safetensors, recognised by its content.
//
//===----------------------------------------------------------------------===//

/// The tensors of one file, listed and checked when it is opened; their values are decoded
/// one tensor at a time on demand. The file is memory-mapped read-only.
public struct TensorFile: Sendable {
    /// What kind of file it is.
    public enum Kind: String, Sendable {
        case npy, npz, safetensors
    }

    public let path: String
    public let kind: Kind
    /// The tensors, in the file's order (npz) or by name (safetensors).
    public let tensors: [StoredTensor]

    /// Opens `path`: an .npy array (magic `\x93NUMPY`), an .npz archive (a zip: `PK`), or a
    /// safetensors file (a text file or any other kind is refused as no tensor file at all). Any malformed header, size or offset is refused with one line
    /// naming the file and the tensor.
    public init(path: String) throws(TensorFileError) {
        let file = try MappedFile(path: path)
        self.path = path
        let bytes = file.bytes
        if NPYHeader.hasMagic(bytes) {
            kind = .npy
            let base = path.split(separator: "/").last.map(String.init) ?? path
            tensors = [try NPYReader.tensor(in: file, name: base.hasSuffix(".npy") ? String(base.dropLast(4)) : base)]
        } else if bytes.count >= 4, bytes[0] == 0x50, bytes[1] == 0x4B, bytes[2] == 0x03 || bytes[2] == 0x05 {
            kind = .npz
            tensors = try NPZReader.tensors(in: file)
        } else if Self.looksLikeSafetensors(bytes) {
            kind = .safetensors
            tensors = try SafetensorsReader.tensors(in: file)
        } else {
            throw TensorFileError(
                path: path,
                "not a tensor file: no NumPy magic (\\x93NUMPY), no zip signature (npz), and no safetensors header (an 8-byte length the file can hold, then '{')"
            )
        }
    }

    /// Whether `bytes` can be the start of a safetensors file, however damaged: its JSON header
    /// begins at byte 8, or its header length is one the file could hold. A file with neither
    /// (a text file, an image) is no tensor file, said as such rather than as a bad header.
    static func looksLikeSafetensors(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 8 else { return true }
        if bytes.count > 8 && bytes[8] == UInt8(ascii: "{") { return true }
        return bytes.loadUnaligned(as: UInt64.self).littleEndian <= UInt64(bytes.count - 8)
    }
}

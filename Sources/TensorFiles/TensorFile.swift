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

    /// Opens `path`: an .npy array (magic `\x93NUMPY`), an .npz archive (a zip: `PK`), or else
    /// a safetensors file. Any malformed header, size or offset is refused with one line
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
        } else {
            kind = .safetensors
            tensors = try SafetensorsReader.tensors(in: file)
        }
    }
}

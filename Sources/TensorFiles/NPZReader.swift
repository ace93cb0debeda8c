//===--- NPZReader.swift --------------------------------------------------===//
//
// The arrays of an .npz archive: .npy members, stored or deflated.
//
//===----------------------------------------------------------------------===//

/// Reads the member list of an .npz file (what `numpy.savez` and `savez_compressed` write: a zip
/// archive of .npy members named `<key>.npy`). Each member's .npy header is read (inflating only
/// its first bytes when deflated) and its size checked against the zip's declared sizes before
/// any data is touched; deflated data is inflated when the tensor's values are asked for.
enum NPZReader {
    static func tensors(in file: MappedFile) throws(TensorFileError) -> [StoredTensor] {
        var tensors: [StoredTensor] = []
        for member in try ZipDirectory.members(of: file) { tensors.append(try tensor(member, in: file)) }
        return tensors
    }

    static func tensor(_ member: ZipMember, in file: MappedFile) throws(TensorFileError) -> StoredTensor {
        let name = member.name.hasSuffix(".npy") ? String(member.name.dropLast(4)) : member.name
        func fail(_ problem: String) -> TensorFileError { TensorFileError(path: file.path, tensor: name, problem) }
        let header: NPYHeader
        let source: TensorBytes
        if member.method == 0 {
            let bytes = UnsafeRawBufferPointer(
                rebasing: file.bytes[member.dataOffset..<member.dataOffset + member.compressedSize])
            header = try NPYHeader.parse(bytes, path: file.path, tensor: name)
            source = .mapped(file, offset: member.dataOffset + header.dataOffset)
        } else {
            let deflated = DeflatedMember(file: file, member: member)
            guard deflated.ratioIsPossible else {
                throw fail(
                    "declares \(member.uncompressedSize) bytes from \(member.compressedSize) compressed, more than deflate can produce (a zip bomb or corrupt)"
                )
            }
            let prefix = try deflated.prefix(NPYHeader.maximumHeaderLength + 12, tensor: name)
            header = try prefix.withUnsafeBytes { raw in
                Result { () throws(TensorFileError) in try NPYHeader.parse(raw, path: file.path, tensor: name) }
            }.get()
            source = .deflated(deflated, dataOffset: header.dataOffset)
        }
        let (count, bytes) = try ShapeArithmetic.sizes(
            header.shape, of: header.elementType, path: file.path, tensor: name)
        let (expected, overflow) = header.dataOffset.addingReportingOverflow(bytes)
        guard !overflow, expected == member.uncompressedSize else {
            throw fail(
                member.uncompressedSize < expected || overflow
                    ? "truncated data: shape \(header.shape) of \(header.elementType.rawValue) needs \(bytes) bytes after its header, the member has \(member.uncompressedSize - header.dataOffset)"
                    : "\(member.uncompressedSize - expected) bytes after the data of shape \(header.shape)")
        }
        return StoredTensor(
            name: name, elementType: header.elementType, shape: header.shape, count: count,
            byteOrder: header.byteOrder, storageOrder: header.storageOrder, path: file.path, source: source)
    }
}

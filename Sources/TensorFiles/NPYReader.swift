//===--- NPYReader.swift --------------------------------------------------===//
//
// A lone .npy array in a mapped file.
//
//===----------------------------------------------------------------------===//

/// Reads one .npy array from a mapped file: the header, then exactly the element bytes its
/// shape announces (a shorter file is truncated, a longer one has trailing bytes: both refused).
enum NPYReader {
    static func tensor(in file: MappedFile, name: String) throws(TensorFileError) -> StoredTensor {
        let header = try NPYHeader.parse(file.bytes, path: file.path, tensor: nil)
        let (count, bytes) = try ShapeArithmetic.sizes(
            header.shape, of: header.elementType, path: file.path, tensor: nil)
        let available = file.count - header.dataOffset
        guard available == bytes else {
            throw TensorFileError(
                path: file.path,
                available < bytes
                    ? "truncated data: shape \(header.shape) of \(header.elementType.rawValue) needs \(bytes) bytes, the file has \(available)"
                    : "\(available - bytes) bytes after the data of shape \(header.shape) (\(bytes) bytes)")
        }
        return StoredTensor(
            name: name, elementType: header.elementType, shape: header.shape, count: count,
            byteOrder: header.byteOrder, storageOrder: header.storageOrder, path: file.path,
            source: .mapped(file, offset: header.dataOffset))
    }
}

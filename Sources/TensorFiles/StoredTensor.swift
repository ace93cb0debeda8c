//===--- StoredTensor.swift -----------------------------------------------===//
//
// One tensor of a file: what its header says, and where its bytes are.
//
//===----------------------------------------------------------------------===//

/// A tensor as a file stores it: name, element type, shape and layout, checked against the
/// file when it was listed. Its values are decoded only when asked for
/// (``floatValues()``, ``doubleValues()``), one tensor at a time.
public struct StoredTensor: Sendable {
    /// The tensor's name: the safetensors key, the npz member without `.npy`, or the file name
    /// without `.npy` for a lone array.
    public let name: String
    public let elementType: TensorElementType
    /// Dimensions, outermost first (empty for a scalar).
    public let shape: [Int]
    /// Elements: the product of ``shape``, checked for overflow.
    public let count: Int
    public let byteOrder: ByteOrder
    public let storageOrder: StorageOrder
    /// The file it is in, for messages.
    public let path: String
    /// Where the element bytes are.
    let source: TensorBytes

    init(
        name: String, elementType: TensorElementType, shape: [Int], count: Int, byteOrder: ByteOrder,
        storageOrder: StorageOrder, path: String, source: TensorBytes
    ) {
        self.name = name
        self.elementType = elementType
        self.shape = shape
        self.count = count
        self.byteOrder = byteOrder
        self.storageOrder = storageOrder
        self.path = path
        self.source = source
    }

    /// The size of the element data in bytes.
    public var byteCount: Int { count * elementType.byteCount }
}

/// Where a tensor's element bytes are: in the mapped file, or inside a deflated npz member
/// that is inflated when the values are asked for.
enum TensorBytes: Sendable {
    /// `count` bytes at `offset` of the mapping.
    case mapped(MappedFile, offset: Int)
    /// The data of a deflated npy member, starting `dataOffset` bytes into its inflated bytes.
    case deflated(DeflatedMember, dataOffset: Int)
}

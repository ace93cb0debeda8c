//===--- Tensor.swift -----------------------------------------------------===//
//
// Row-major Float32 storage with a shape, the one tensor type of NeuralNet.
//
//===----------------------------------------------------------------------===//

/// A row-major Float32 tensor: a 64-byte aligned buffer that owns its memory, and a shape.
///
/// Why a class: the training loop hands the same buffers to CBLAS, to the elementwise kernels
/// and to probes on every step; a reference type with a stable base address makes that free
/// (no copy-on-write checks, no exclusivity bookkeeping, no per-step allocation). Buffers are
/// allocated once, for the largest batch, and the number of rows in use is changed with
/// ``setRows(_:)`` when the last batch of an epoch is smaller.
///
/// The first dimension is the batch (row) dimension; ``columns`` is the product of the others.
/// A freshly made tensor is zero-filled.
public final class Tensor {
    /// The current shape; its element count never exceeds ``capacity``.
    public private(set) var shape: [Int]
    /// Number of elements the buffer can hold.
    public let capacity: Int
    /// Start of the storage (64-byte aligned, valid for ``capacity`` elements while `self` lives).
    public let baseAddress: UnsafeMutablePointer<Float>

    /// A zero-filled tensor of `shape`, with room for `capacityRows` rows (default: `shape[0]`).
    public init(shape: [Int], capacityRows: Int? = nil) {
        precondition(!shape.isEmpty && shape.allSatisfy { $0 >= 0 }, "Tensor: invalid shape \(shape)")
        let columns = shape.dropFirst().reduce(1, *)
        let rows = capacityRows ?? shape[0]
        precondition(rows >= shape[0], "Tensor: capacity rows \(rows) below shape \(shape)")
        self.shape = shape
        self.capacity = rows * columns
        let bytes = max(capacity, 1) * MemoryLayout<Float>.stride
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        baseAddress = raw.bindMemory(to: Float.self, capacity: max(capacity, 1))
    }

    /// A tensor of `shape` holding `values` (row-major; `values.count` must match the shape).
    public convenience init(shape: [Int], values: [Float]) {
        self.init(shape: shape)
        precondition(values.count == count, "Tensor: \(values.count) values for shape \(shape)")
        values.withUnsafeBufferPointer { baseAddress.update(from: $0.baseAddress!, count: count) }
    }

    deinit { UnsafeMutableRawPointer(baseAddress).deallocate() }

    /// Elements in use (the product of the shape).
    public var count: Int { shape.reduce(1, *) }
    /// The leading (batch) dimension.
    public var rows: Int { shape[0] }
    /// Elements per row: the product of every dimension after the first (1 for a vector).
    public var columns: Int { shape.dropFirst().reduce(1, *) }

    /// The elements in use, as a mutable buffer (valid while `self` lives).
    public var buffer: UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(start: baseAddress, count: count)
    }
    /// The elements in use, read-only.
    public var readOnlyBuffer: UnsafeBufferPointer<Float> { UnsafeBufferPointer(start: baseAddress, count: count) }

    /// Changes the leading dimension (the batch size in use), keeping the others.
    /// The contents of rows beyond the old row count are unspecified (whatever was there).
    public func setRows(_ rows: Int) {
        precondition(
            rows >= 0 && rows * columns <= capacity,
            "Tensor: \(rows) rows exceed capacity \(capacity / max(columns, 1))")
        shape[0] = rows
    }

    /// Element at (`row`, `column`) of the tensor seen as a `rows x columns` matrix.
    public subscript(row: Int, column: Int) -> Float {
        get { baseAddress[row * columns + column] }
        set { baseAddress[row * columns + column] = newValue }
    }

    /// Sets every element in use to `value`.
    public func fill(_ value: Float) { buffer.update(repeating: value) }

    /// Copies the elements of `other`, which must have the same element count.
    public func copy(from other: Tensor) {
        precondition(other.count == count, "Tensor.copy: \(other.shape) into \(shape)")
        baseAddress.update(from: other.baseAddress, count: count)
    }

    /// The elements in use, as an array (for tests and reports; not for hot paths).
    public var array: [Float] { Array(readOnlyBuffer) }
}

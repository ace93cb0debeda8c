//===--- FloatValues.swift ------------------------------------------------===//
//
// A tensor's float32 elements, borrowed from a mapped file or owned.
//
//===----------------------------------------------------------------------===//

/// Float32 elements in row-major order: either a view of a memory-mapped file (kept mapped
/// while this value lives) or an array of decoded values.
public struct FloatValues: @unchecked Sendable {
    // @unchecked: the borrowed pointer is into a read-only mapping that the value keeps alive.
    private enum Storage {
        case borrowed(MappedFile, UnsafeBufferPointer<Float>)
        case owned([Float])
    }
    private let storage: Storage

    init(borrowing values: UnsafeBufferPointer<Float>, from file: MappedFile) {
        storage = .borrowed(file, values)
    }

    init(_ values: [Float]) { storage = .owned(values) }

    /// True when the values are the file's own bytes (no copy was made).
    public var isBorrowed: Bool {
        if case .borrowed = storage { return true }
        return false
    }

    public var count: Int {
        switch storage {
        case .borrowed(_, let values): values.count
        case .owned(let values): values.count
        }
    }

    /// Calls `body` with the values.
    public func withUnsafeBufferPointer<R, E: Error>(_ body: (UnsafeBufferPointer<Float>) throws(E) -> R) throws(E) -> R
    {
        switch storage {
        case .borrowed(let file, let values):
            return try withExtendedLifetime(file) { () throws(E) -> R in try body(values) }
        case .owned(let values):
            return try values.withUnsafeBufferPointer { (v: UnsafeBufferPointer<Float>) throws(E) -> R in try body(v) }
        }
    }

    /// The values as an array (a copy when borrowed).
    public var array: [Float] { withUnsafeBufferPointer { Array($0) } }
}

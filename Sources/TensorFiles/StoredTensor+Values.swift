//===--- StoredTensor+Values.swift ----------------------------------------===//
//
// A tensor's elements as Float or Double, in row-major order.
//
//===----------------------------------------------------------------------===//

extension StoredTensor {
    /// The elements as float32 in row-major (C) order: borrowed from the mapping when the file
    /// already holds aligned little-endian float32 in C order (no copy), decoded otherwise.
    /// float64 elements are rounded to the nearest float32 (ties to even); every other type
    /// converts exactly.
    public func floatValues() throws(TensorFileError) -> FloatValues {
        try withElementBytes { raw, owner throws(TensorFileError) in
            if elementType == .float32, byteOrder == .littleEndian, storageOrder == .c || shape.count < 2,
                let base = raw.baseAddress, Int(bitPattern: base) % MemoryLayout<Float>.alignment == 0, let owner
            {
                let floats = UnsafeBufferPointer(start: base.assumingMemoryBound(to: Float.self), count: count)
                return FloatValues(borrowing: floats, from: owner)
            }
            var values = [Float](repeating: 0, count: count)
            values.withUnsafeMutableBufferPointer { out in
                ElementDecoding.decode(raw, as: elementType, byteOrder: byteOrder, into: out)
            }
            if storageOrder == .fortran { values = ElementDecoding.rowMajor(values, fortranShape: shape) }
            return FloatValues(values)
        }
    }

    /// The elements as float64 in row-major order (every type converts exactly).
    public func doubleValues() throws(TensorFileError) -> [Double] {
        try withElementBytes { raw, _ throws(TensorFileError) in
            var values = [Double](repeating: 0, count: count)
            values.withUnsafeMutableBufferPointer { out in
                ElementDecoding.decode(raw, as: elementType, byteOrder: byteOrder, into: out)
            }
            if storageOrder == .fortran { values = ElementDecoding.rowMajor(values, fortranShape: shape) }
            return values
        }
    }

    /// Calls `body` with exactly the tensor's element bytes, and the mapping they live in
    /// (nil for inflated bytes, which live only for the call).
    func withElementBytes<R>(
        _ body: (UnsafeRawBufferPointer, MappedFile?) throws(TensorFileError) -> R
    ) throws(TensorFileError) -> R {
        switch source {
        case .mapped(let file, let offset):
            return try body(UnsafeRawBufferPointer(rebasing: file.bytes[offset..<offset + byteCount]), file)
        case .deflated(let member, let dataOffset):
            let bytes = try member.inflated(tensor: name)
            return try bytes.withUnsafeBytes { all in
                Result { () throws(TensorFileError) in
                    try body(UnsafeRawBufferPointer(rebasing: all[dataOffset..<dataOffset + byteCount]), nil)
                }
            }.get()
        }
    }
}

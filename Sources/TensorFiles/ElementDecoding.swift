//===--- ElementDecoding.swift --------------------------------------------===//
//
// Element bytes of any accepted type and byte order to Float or Double.
//
//===----------------------------------------------------------------------===//

import SoftFloat

/// Turns stored element bytes into host floating-point values. float16 and bfloat16 widen
/// exactly (bfloat16 is the top half of a float32); FP8 codes go through a 256-entry table
/// made by SoftFloat's conversion of each bit pattern; float64 to Float rounds to nearest even.
enum ElementDecoding {
    /// Decodes `out.count` elements of `type` from `raw` (exactly that many bytes' worth), in
    /// file order.
    static func decode<T: BinaryFloatingPoint>(
        _ raw: UnsafeRawBufferPointer, as type: TensorElementType, byteOrder: ByteOrder,
        into out: UnsafeMutableBufferPointer<T>
    ) {
        let swap = byteOrder == .bigEndian
        switch type {
        case .float16:
            for i in out.indices {
                let bits = raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)
                out[i] = T(Float(Float16(bitPattern: swap ? bits.byteSwapped : bits)))
            }
        case .bfloat16:
            for i in out.indices {
                let bits = raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)
                out[i] = T(Float(bitPattern: UInt32(swap ? bits.byteSwapped : bits) << 16))
            }
        case .float32:
            for i in out.indices {
                let bits = raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)
                out[i] = T(Float(bitPattern: swap ? bits.byteSwapped : bits))
            }
        case .float64:
            for i in out.indices {
                let bits = raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)
                out[i] = T(Double(bitPattern: swap ? bits.byteSwapped : bits))
            }
        case .e4m3:
            for i in out.indices { out[i] = T(e4m3Values[Int(raw[i])]) }
        case .e5m2:
            for i in out.indices { out[i] = T(e5m2Values[Int(raw[i])]) }
        }
    }

    /// Every E4M3 code's value (the NaN codes 0x7F and 0xFF decode to NaN).
    static let e4m3Values: [Float] = table(Float8E4M3.self)
    /// Every E5M2 code's value.
    static let e5m2Values: [Float] = table(Float8E5M2.self)

    private static func table<F: BinaryFormat>(_: F.Type) -> [Float] where F.Bits == UInt8 {
        (0...255).map { code in
            var env = FloatEnvironment()
            let wide = BinaryFloat<F>(bits: UInt8(code)).converted(to: Binary32.self, in: &env)
            return Float(bitPattern: wide.bits)
        }
    }

    /// `values`, stored column-major (first index fastest) for `shape`, in row-major order.
    static func rowMajor<T>(_ values: [T], fortranShape shape: [Int]) -> [T] {
        guard shape.count > 1, !values.isEmpty else { return values }
        // Row-major strides; walk the column-major order with an odometer over the indices.
        var strides = [Int](repeating: 1, count: shape.count)
        for k in stride(from: shape.count - 2, through: 0, by: -1) { strides[k] = strides[k + 1] * shape[k + 1] }
        var index = [Int](repeating: 0, count: shape.count)
        var target = 0
        var result = values
        for value in values {
            result[target] = value
            var k = 0
            while k < shape.count {
                index[k] += 1
                target += strides[k]
                if index[k] < shape[k] { break }
                target -= strides[k] * shape[k]
                index[k] = 0
                k += 1
            }
        }
        return result
    }
}

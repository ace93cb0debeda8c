//===--- BlockScaling+Reference.swift -------------------------------------===//
//
// The scalar reference of every scheme: element rounding by SoftFloat, exact scaling.
//
//===----------------------------------------------------------------------===//

import Foundation

/// A quantised matrix as the reference computes it.
public struct ScaledMatrix: Sendable, Equatable {
    /// The dequantised values (what a GEMM consumes), row-major.
    public var values: [Float]
    /// MX: the E8M0 code of each block (row-major over the block grid); empty otherwise.
    public var scaleCodes: [UInt8]
    /// NVFP4: each block's E4M3 scale; empty otherwise.
    public var blockScales: [Float]
}

extension BlockScaling {
    /// The block containing each element: blocks run along `axis`; the block grid is row-major.
    static func blockIndex(row: Int, column: Int, rows: Int, columns: Int, axis: BlockAxis, size: Int) -> Int {
        switch axis {
        case .rows: (row * columns + column) / size
        case .columns: (row / size) * columns + column
        }
    }

    /// The scheme applied to `x` (`rows x columns`, row-major) one element at a time, with
    /// exact arithmetic where the scheme says exact and SoftFloat's saturating conversion for
    /// every element (and NVFP4's E4M3 block scale). The definition the kernels must match.
    public func reference(_ x: [Float], rows: Int, columns: Int, axis: BlockAxis) -> ScaledMatrix {
        precondition(x.count == rows * columns && problem(rows: rows, columns: columns, axis: axis) == nil)
        let element = self.element
        switch self {
        case .tensor(_, let scale):
            let inverse = 1 / scale
            return ScaledMatrix(
                values: x.map { v in Float(element.rounded(Double(v) * Double(scale))) * inverse }, scaleCodes: [],
                blockScales: [])
        case .mx(_, let size):
            let blocks = rows * columns / size
            var amax = [Float](repeating: 0, count: blocks)
            var special = [Bool](repeating: false, count: blocks)
            for r in 0..<rows {
                for c in 0..<columns {
                    let b = Self.blockIndex(row: r, column: c, rows: rows, columns: columns, axis: axis, size: size)
                    let v = x[r * columns + c]
                    if !v.isFinite { special[b] = true } else { amax[b] = max(amax[b], abs(v)) }
                }
            }
            let exponents = amax.map { a -> Int in
                guard a != 0 else { return -127 }
                return min(127, max(-127, Int(a.exponent) - element.maxExponent))
            }
            var values = [Float](repeating: 0, count: x.count)
            for r in 0..<rows {
                for c in 0..<columns {
                    let b = Self.blockIndex(row: r, column: c, rows: rows, columns: columns, axis: axis, size: size)
                    let v = x[r * columns + c]
                    if special[b] {
                        values[r * columns + c] = .nan
                        continue
                    }
                    let q = Double(v) * Double(sign: .plus, exponent: -exponents[b], significand: 1)
                    let rounded = element.rounded(q)
                    values[r * columns + c] = Float(
                        rounded * Double(sign: .plus, exponent: exponents[b], significand: 1))
                }
            }
            let codes = zip(exponents, special).map { e, s in s ? UInt8(0xFF) : UInt8(e + 127) }
            return ScaledMatrix(values: values, scaleCodes: codes, blockScales: [])
        case .nvfp4:
            let size = Self.nvfp4BlockSize
            let tensorAmax = x.reduce(Float(0)) { $1.isFinite ? max($0, abs($1)) : $0 }
            let t = Self.nvfp4TensorScale(amax: tensorAmax)
            let blocks = rows * columns / size
            var amax = [Float](repeating: 0, count: blocks)
            for r in 0..<rows {
                for c in 0..<columns {
                    let v = x[r * columns + c]
                    let b = Self.blockIndex(row: r, column: c, rows: rows, columns: columns, axis: axis, size: size)
                    if v.isFinite { amax[b] = max(amax[b], abs(v)) }
                }
            }
            let scales = amax.map { a -> Double in
                t == 0 ? 0 : ElementFormat.e4m3.rounded(Double(a) / (6 * Double(t)))
            }
            var values = [Float](repeating: 0, count: x.count)
            for r in 0..<rows {
                for c in 0..<columns {
                    let v = x[r * columns + c]
                    let b = Self.blockIndex(row: r, column: c, rows: rows, columns: columns, axis: axis, size: size)
                    let divisor = scales[b] * Double(t)
                    let rounded: Double
                    if v.isNaN {
                        rounded = .nan
                    } else if divisor == 0 {
                        rounded = v.isInfinite ? 0 : (v.sign == .minus ? -0.0 : 0)
                    } else {
                        rounded = element.rounded(Double(v) / divisor)
                    }
                    values[r * columns + c] = Float(rounded * scales[b] * Double(t))
                }
            }
            return ScaledMatrix(values: values, scaleCodes: [], blockScales: scales.map { Float($0) })
        }
    }
}

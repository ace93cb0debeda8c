//===--- ScaledQuantizer.swift --------------------------------------------===//
//
// The bulk kernels of every scaling scheme, chosen at run time.
//
//===----------------------------------------------------------------------===//

import CKernels

/// Quantises float32 matrices under a ``BlockScaling`` with the CKernels kernels (AVX2 when the
/// CPU has it, else portable; both give the bits of ``BlockScaling/reference(_:rows:columns:axis:)``
/// and the same statistics), writing the dequantised values and adding to the statistics.
public struct ScaledQuantizer: Sendable {
    public let scheme: BlockScaling
    public let kernels: RoundingKernels

    /// Why a scheme was refused.
    public struct SchemeError: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    public init(_ scheme: BlockScaling, kernels: RoundingKernels = .widest) {
        self.scheme = scheme
        self.kernels = kernels
    }

    /// Quantises `x` (`rows x columns`, row-major) along `axis` into `out` (which may be `x`
    /// itself, or nil for statistics only); returns the block scales: E8M0 codes widened to
    /// Float for MX (code - 127 is the exponent), E4M3 values for NVFP4, nothing per tensor.
    @discardableResult
    public func quantize(
        _ x: UnsafeBufferPointer<Float>, rows: Int, columns: Int, axis: BlockAxis,
        into out: UnsafeMutablePointer<Float>?,
        statistics: inout ScaledStatistics
    ) throws(SchemeError) -> [Float] {
        if let problem = scheme.problem(rows: rows, columns: columns, axis: axis) {
            throw SchemeError(description: problem)
        }
        guard x.count == rows * columns else {
            throw SchemeError(description: "\(x.count) values for a \(rows) x \(columns) matrix")
        }
        guard let base = x.baseAddress, x.count > 0 else { return [] }
        var stats = ck_scaled_stats()
        let vector = kernels >= .avx2
        let element = scheme.element.kernelElement
        let alongRows: Int32 = axis == .rows ? 1 : 0
        var scales: [Float] = []
        switch scheme {
        case .tensor(_, let scale):
            let inverse = 1 / scale
            if vector {
                ck_quantize_tensor_avx2(base, out, x.count, element, scale, inverse, &stats)
            } else {
                ck_quantize_tensor_portable(base, out, x.count, element, scale, inverse, &stats)
            }
        case .mx(_, let size):
            var codes = [UInt8](repeating: 0, count: x.count / size)
            codes.withUnsafeMutableBufferPointer { c in
                if vector {
                    ck_quantize_mx_avx2(base, out, c.baseAddress, rows, columns, alongRows, size, element, &stats)
                } else {
                    ck_quantize_mx_portable(base, out, c.baseAddress, rows, columns, alongRows, size, element, &stats)
                }
            }
            scales = codes.map { Float($0) }
        case .nvfp4:
            var amax: Float = 0
            for v in x where v.isFinite { amax = max(amax, abs(v)) }
            let t = BlockScaling.nvfp4TensorScale(amax: amax)
            scales = [Float](repeating: 0, count: x.count / BlockScaling.nvfp4BlockSize)
            scales.withUnsafeMutableBufferPointer { s in
                if vector {
                    ck_quantize_nvfp4_avx2(base, out, s.baseAddress, rows, columns, alongRows, t, &stats)
                } else {
                    ck_quantize_nvfp4_portable(base, out, s.baseAddress, rows, columns, alongRows, t, &stats)
                }
            }
        }
        statistics.merge(ScaledStatistics(stats))
        return scales
    }
}

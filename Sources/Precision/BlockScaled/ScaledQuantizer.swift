//===--- ScaledQuantizer.swift --------------------------------------------===//
//
// The bulk kernels of every scaling scheme, chosen at run time.
//
//===----------------------------------------------------------------------===//

import CKernels

/// Quantises float32 matrices under a ``BlockScaling`` with the CKernels kernels (AVX-512 or AVX2
/// when the CPU has them, else portable; all give the bits of
/// ``BlockScaling/reference(_:rows:columns:axis:)`` and the same statistics), writing the
/// dequantised values and adding to the statistics. A set wider than the CPU runs falls back
/// to ``RoundingKernels/widest``.
public struct ScaledQuantizer: Sendable {
    public let scheme: BlockScaling
    public let kernels: RoundingKernels

    /// Why a scheme was refused.
    public struct SchemeError: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// The kernel sets with scaled kernels that this CPU runs, narrowest first.
    public static var implementations: [RoundingKernels] {
        RoundingKernels.allCases.filter { $0 <= .widest }
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
        let set = min(kernels, .widest)  // never an instruction set the CPU lacks
        let element = scheme.element.kernelElement
        let alongRows: Int32 = axis == .rows ? 1 : 0
        var scales: [Float] = []
        switch scheme {
        case .tensor(_, let scale):
            let inverse = 1 / scale
            switch set {
            case .avx512: ck_quantize_tensor_avx512(base, out, x.count, element, scale, inverse, &stats)
            case .avx2: ck_quantize_tensor_avx2(base, out, x.count, element, scale, inverse, &stats)
            case .portable: ck_quantize_tensor_portable(base, out, x.count, element, scale, inverse, &stats)
            }
        case .mx(_, let size):
            var codes = [UInt8](repeating: 0, count: x.count / size)
            codes.withUnsafeMutableBufferPointer { c in
                let (r, n, s) = (rows, columns, c.baseAddress)
                switch set {
                case .avx512: ck_quantize_mx_avx512(base, out, s, r, n, alongRows, size, element, &stats)
                case .avx2: ck_quantize_mx_avx2(base, out, s, r, n, alongRows, size, element, &stats)
                case .portable: ck_quantize_mx_portable(base, out, s, r, n, alongRows, size, element, &stats)
                }
            }
            scales = codes.map { Float($0) }
        case .nvfp4:
            let amax =
                switch set {
                case .avx512: ck_finite_amax_avx512(base, x.count)
                case .avx2: ck_finite_amax_avx2(base, x.count)
                case .portable: ck_finite_amax_portable(base, x.count)
                }
            let t = BlockScaling.nvfp4TensorScale(amax: amax)
            scales = [Float](repeating: 0, count: x.count / BlockScaling.nvfp4BlockSize)
            scales.withUnsafeMutableBufferPointer { s in
                let (r, n, b) = (rows, columns, s.baseAddress)
                switch set {
                case .avx512: ck_quantize_nvfp4_avx512(base, out, b, r, n, alongRows, t, &stats)
                case .avx2: ck_quantize_nvfp4_avx2(base, out, b, r, n, alongRows, t, &stats)
                case .portable: ck_quantize_nvfp4_portable(base, out, b, r, n, alongRows, t, &stats)
                }
            }
        }
        statistics.merge(ScaledStatistics(stats))
        return scales
    }
}

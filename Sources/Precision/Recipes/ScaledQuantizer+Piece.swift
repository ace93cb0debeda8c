//===--- ScaledQuantizer+Piece.swift --------------------------------------===//
//
// One piece of a larger tensor through the scaled kernels, with the tensor's own NVFP4 scale.
//
//===----------------------------------------------------------------------===//

import CKernels

extension ScaledQuantizer {
    /// Quantises the `rows x columns` row-major piece `x` (whole blocks only) into `out`,
    /// adding to `statistics`. For NVFP4 `tensorScale` is the whole tensor's scale t, so
    /// pieces quantised separately give the bits of the whole (``BlockScaling/nvfp4TensorScale(amax:)``);
    /// the other schemes carry their scales themselves.
    func quantizePiece(
        _ x: UnsafePointer<Float>, rows: Int, columns: Int, axis: BlockAxis, tensorScale: Float,
        into out: UnsafeMutablePointer<Float>, statistics: inout ScaledStatistics
    ) {
        guard rows > 0, columns > 0 else { return }
        var stats = ck_scaled_stats()
        let set = min(kernels, .widest)  // never an instruction set the CPU lacks
        let element = scheme.element.kernelElement
        let alongRows: Int32 = axis == .rows ? 1 : 0
        let (r, n) = (rows, columns)
        switch scheme {
        case .tensor(_, let scale):
            let inverse = 1 / scale
            switch set {
            case .avx512: ck_quantize_tensor_avx512(x, out, r * n, element, scale, inverse, &stats)
            case .avx2: ck_quantize_tensor_avx2(x, out, r * n, element, scale, inverse, &stats)
            case .portable: ck_quantize_tensor_portable(x, out, r * n, element, scale, inverse, &stats)
            }
        case .mx(_, let size):
            switch set {
            case .avx512: ck_quantize_mx_avx512(x, out, nil, r, n, alongRows, size, element, &stats)
            case .avx2: ck_quantize_mx_avx2(x, out, nil, r, n, alongRows, size, element, &stats)
            case .portable: ck_quantize_mx_portable(x, out, nil, r, n, alongRows, size, element, &stats)
            }
        case .nvfp4:
            let t = tensorScale
            switch set {
            case .avx512: ck_quantize_nvfp4_avx512(x, out, nil, r, n, alongRows, t, &stats)
            case .avx2: ck_quantize_nvfp4_avx2(x, out, nil, r, n, alongRows, t, &stats)
            case .portable: ck_quantize_nvfp4_portable(x, out, nil, r, n, alongRows, t, &stats)
            }
        }
        statistics.merge(ScaledStatistics(stats))
    }
}

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
        let vector = kernels >= .avx2
        let element = scheme.element.kernelElement
        let alongRows: Int32 = axis == .rows ? 1 : 0
        switch scheme {
        case .tensor(_, let scale):
            let inverse = 1 / scale
            if vector {
                ck_quantize_tensor_avx2(x, out, rows * columns, element, scale, inverse, &stats)
            } else {
                ck_quantize_tensor_portable(x, out, rows * columns, element, scale, inverse, &stats)
            }
        case .mx(_, let size):
            if vector {
                ck_quantize_mx_avx2(x, out, nil, rows, columns, alongRows, size, element, &stats)
            } else {
                ck_quantize_mx_portable(x, out, nil, rows, columns, alongRows, size, element, &stats)
            }
        case .nvfp4:
            if vector {
                ck_quantize_nvfp4_avx2(x, out, nil, rows, columns, alongRows, tensorScale, &stats)
            } else {
                ck_quantize_nvfp4_portable(x, out, nil, rows, columns, alongRows, tensorScale, &stats)
            }
        }
        statistics.merge(ScaledStatistics(stats))
    }
}

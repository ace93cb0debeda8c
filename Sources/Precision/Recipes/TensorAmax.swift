//===--- TensorAmax.swift -------------------------------------------------===//
//
// The largest magnitude of a tensor, the quantity every scaling recipe starts from.
//
//===----------------------------------------------------------------------===//

import CKernels
import _MPStudySupport

/// amax of a float32 tensor, in parallel chunks (a maximum is exact in any order).
public enum TensorAmax {
    /// The largest |x| over the finite values (0 for none): NVFP4's tensor scale ignores
    /// NaN and infinities. Each chunk through the widest `ck_finite_amax` kernel.
    public static func finiteAmax(_ x: UnsafePointer<Float>, count: Int, parallelism: ParallelChunks) -> Float {
        let p = UncheckedSendable(x)
        let set = RoundingKernels.widest
        return parallelism.reduceChunks(count: count, Float(0), { Swift.max($0, $1) }) { range in
            let start = p.value + range.lowerBound
            return switch set {
            case .avx512: ck_finite_amax_avx512(start, range.count)
            case .avx2: ck_finite_amax_avx2(start, range.count)
            case .portable: ck_finite_amax_portable(start, range.count)
            }
        }
    }

    /// The largest |x| with infinities counted (an infinite amax keeps delayed and current
    /// scaling on their previous scale, as Transformer Engine does); NaN ignored.
    public static func amax(_ x: UnsafePointer<Float>, count: Int, parallelism: ParallelChunks) -> Float {
        let p = UncheckedSendable(x)
        return parallelism.reduceChunks(count: count, Float(0), { Swift.max($0, $1) }) { range in
            var m: Float = 0
            for i in range {
                let a = abs(p.value[i])
                m = a > m ? a : m
            }
            return m
        }
    }
}

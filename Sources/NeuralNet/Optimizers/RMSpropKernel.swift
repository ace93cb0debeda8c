//===--- RMSpropKernel.swift ----------------------------------------------===//
//
// The elementwise float32 RMSprop loop (a C kernel, portable or AVX2).
//
//===----------------------------------------------------------------------===//

import CKernels

/// The float32 RMSprop update over a range of elements, in Keras's operation order:
///
/// ```
/// v[i] = rho·v[i] + oneMinusRho·(g[i]·g[i])
/// d    = (lr·g[i]) / sqrt(v[i] + eps)      ((lr·g[i]) / (sqrt(v[i]) + eps) with epsilonOutside)
/// w[i] = w[i] − d        (or delta[i] = d when the update is wanted by a probe)
/// ```
///
/// The loop is C in CKernels, like every other vector kernel: `ck_rmsprop_f32_avx2` (eight
/// lanes) when the CPU has the vector kernels, else `ck_rmsprop_f32_portable`. Each operation
/// is one correctly rounded float32 operation and none is fused into an FMA, so both give
/// the bits of the scalar formula (the vector square root and division are correctly rounded
/// too).
enum RMSpropKernel {
    struct Constants {
        var rho, oneMinusRho, learningRate, epsilon: Float
        var epsilonOutside = false
    }

    /// Updates `v` and `w` in place over `range`; when `delta` is non-nil, stores the
    /// increment there and leaves `w` alone. `vector` selects the AVX2 kernel.
    static func run(
        _ range: Range<Int>, w: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>,
        v: UnsafeMutablePointer<Float>, delta: UnsafeMutablePointer<Float>?, _ c: Constants,
        vector: Bool
    ) {
        let kernel = vector ? ck_rmsprop_f32_avx2 : ck_rmsprop_f32_portable
        kernel(
            w + range.lowerBound, g + range.lowerBound, v + range.lowerBound, delta.map { $0 + range.lowerBound },
            range.count, c.rho, c.oneMinusRho, c.learningRate, c.epsilon, c.epsilonOutside ? 1 : 0)
    }
}

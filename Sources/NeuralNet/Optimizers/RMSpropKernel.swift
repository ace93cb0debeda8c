//===--- RMSpropKernel.swift ----------------------------------------------===//
//
// The elementwise RMSprop loop, vectorised.
//
//===----------------------------------------------------------------------===//

#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// The RMSprop update over a range of elements, in Keras's float32 operation order:
///
/// ```
/// v[i] = rho·v[i] + oneMinusRho·(g[i]·g[i])
/// d    = (lr·g[i]) / sqrt(v[i] + eps)      ((lr·g[i]) / (sqrt(v[i]) + eps) with epsilonOutside)
/// w[i] = w[i] − d        (or delta[i] = d when the update is wanted by a probe)
/// ```
///
/// Why intrinsics: Swift's `Float.squareRoot()` goes through `sqrtf` with C `errno`
/// semantics, so LLVM keeps a libm call on the slow path and will not vectorise the loop.
/// On x86-64 the loop uses SSE (`sqrtps` and `divps` are correctly rounded, like the scalar
/// operations, so results are bit-identical to the scalar loop); elsewhere the scalar loop.
enum RMSpropKernel {
    struct Constants {
        var rho, oneMinusRho, learningRate, epsilon: Float
        var epsilonOutside = false
    }

    /// Updates `v` and `w` in place over `range`; when `delta` is non-nil, stores the
    /// increment there and leaves `w` alone.
    static func run(_ range: Range<Int>, w: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>,
                    v: UnsafeMutablePointer<Float>, delta: UnsafeMutablePointer<Float>?, _ c: Constants) {
        var i = range.lowerBound
        #if arch(x86_64)
        let rho = _mm_set1_ps(c.rho), omr = _mm_set1_ps(c.oneMinusRho)
        let lr = _mm_set1_ps(c.learningRate), eps = _mm_set1_ps(c.epsilon)
        while i + 4 <= range.upperBound {
            let gi = _mm_loadu_ps(g + i)
            let vi = _mm_add_ps(_mm_mul_ps(rho, _mm_loadu_ps(v + i)), _mm_mul_ps(omr, _mm_mul_ps(gi, gi)))
            _mm_storeu_ps(v + i, vi)
            let denominator = c.epsilonOutside ? _mm_add_ps(_mm_sqrt_ps(vi), eps) : _mm_sqrt_ps(_mm_add_ps(vi, eps))
            let d = _mm_div_ps(_mm_mul_ps(lr, gi), denominator)
            if let delta {
                _mm_storeu_ps(delta + i, d)
            } else {
                _mm_storeu_ps(w + i, _mm_sub_ps(_mm_loadu_ps(w + i), d))
            }
            i += 4
        }
        #endif
        while i < range.upperBound {
            let gi = g[i]
            let vi = c.rho * v[i] + c.oneMinusRho * (gi * gi)
            v[i] = vi
            let denominator = c.epsilonOutside ? vi.squareRoot() + c.epsilon : (vi + c.epsilon).squareRoot()
            let d = (c.learningRate * gi) / denominator
            if let delta { delta[i] = d } else { w[i] = w[i] - d }
            i += 1
        }
    }
}

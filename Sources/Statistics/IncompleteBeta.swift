//===--- IncompleteBeta.swift ---------------------------------------------===//
//
// The regularised incomplete beta function I_x(a, b).
//
//===----------------------------------------------------------------------===//

import Foundation

/// The regularised incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b), behind the t
/// distribution.
///
/// Evaluated by its continued fraction (Abramowitz & Stegun 26.5.8):
/// I_x(a, b) = x^a (1 - x)^b / (a B(a, b)) · 1 / (1 + d₁ / (1 + d₂ / (1 + …))) with
/// d₂ₘ₊₁ = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)) and
/// d₂ₘ = m (b - m) x / ((a + 2m - 1)(a + 2m)),
/// summed by the modified Lentz method; it converges fast for x < (a + 1) / (a + b + 2), and
/// the symmetry I_x(a, b) = 1 - I_{1-x}(b, a) covers the rest.
enum IncompleteBeta {
    static func regularized(x: Double, a: Double, b: Double) -> Double {
        precondition(a > 0 && b > 0)
        if x.isNaN { return .nan }
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        if x > (a + 1) / (a + b + 2) { return 1 - regularized(x: 1 - x, a: b, b: a) }
        let logFront = a * log(x) + b * log1p(-x) - (lgamma(a) + lgamma(b) - lgamma(a + b)) - log(a)
        return exp(logFront) * continuedFraction(x: x, a: a, b: b)
    }

    /// 1 / (1 + d₁ / (1 + d₂ / …)) by the modified Lentz method, as the general fraction
    /// b₀ + a₁ / (b₁ + a₂ / (b₂ + …)) with b₀ = 0, a₁ = 1 and then aⱼ₊₁ = dⱼ, every bⱼ = 1.
    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var result = tiny
        var c = tiny
        var d = 0.0
        /// One Lentz step with numerator `numerator` and denominator 1; returns the factor.
        func advance(_ numerator: Double) -> Double {
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let factor = c * d
            result *= factor
            return factor
        }
        _ = advance(1)
        for m in 0..<10_000 {
            let k = Double(m)
            if m > 0 {
                let even = k * (b - k) * x / ((a + 2 * k - 1) * (a + 2 * k))
                _ = advance(even)
            }
            let odd = -(a + k) * (a + b + k) * x / ((a + 2 * k) * (a + 2 * k + 1))
            if abs(advance(odd) - 1) < 1e-16 { break }
        }
        return result
    }
}

//===--- StudentT.swift ---------------------------------------------------===//
//
// Student's t distribution: distribution function and quantiles.
//
//===----------------------------------------------------------------------===//

/// Student's t distribution with `ν` degrees of freedom, for confidence intervals.
///
/// The distribution function comes from the regularised incomplete beta function:
/// for t ≥ 0, P(T > t) = I_x(ν/2, 1/2) / 2 with x = ν / (ν + t²), and the quantile inverts
/// it by bisection to the last bit (the function is monotone; 2,100 bisections of the
/// doubles between the bounds leave no gap), so a quantile is as accurate as the incomplete
/// beta function itself (about 1e-14 relative).
public struct StudentT: Sendable, Equatable {
    public let degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0, "StudentT: degrees of freedom must be positive")
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// P(T <= t).
    public func cdf(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        let nu = degreesOfFreedom
        let x = nu / (nu + t * t)
        let tail = 0.5 * IncompleteBeta.regularized(x: x, a: nu / 2, b: 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// The t with P(T <= t) = p, for p in (0, 1).
    public func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "StudentT.quantile: p must be in (0, 1)")
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p) }
        // Upper tail: find t > 0 with cdf(t) = p. Bracket, then bisect on the doubles.
        var low = 0.0
        var high = 1.0
        while cdf(high) < p {
            low = high
            high *= 2
            if high > 1e300 { return .infinity }
        }
        while true {
            let middle = low + (high - low) / 2
            if middle <= low || middle >= high { break }
            if cdf(middle) < p { low = middle } else { high = middle }
        }
        return high
    }
}

/// Rounding to an integral value in the same format (IEEE 754-2019, 5.3.1).
extension BinaryFloat {
    /// `self` rounded to an integral value by `rule` (roundToIntegralTiesToEven, ...TiesToAway,
    /// ...TowardZero, ...TowardPositive, ...TowardNegative). Raises no inexact; with `exact`
    /// (roundToIntegralExact, normally with `env.rounding`) raises inexact when the value
    /// changes. The sign is kept (-0.3 -> -0); NaNs propagate (invalid for a signalling NaN);
    /// infinities and zeros are returned as they are.
    @inlinable
    public func rounded(_ rule: RoundingRule, exact: Bool = false, in env: inout FloatEnvironment) -> Self {
        if isNaN { return Self.propagateNaN(self, self, &env) }
        if !isFinite || isZero { return self }
        let (_, e) = integerSignificandAndExponent!
        if e >= 0 { return self }  // already an integer
        let (magnitude, inexact, _) = Self.roundedMagnitude(self, rule, limitBits: 64)
        if exact && inexact { env.flags.insert(.inexact) }
        // magnitude <= 2^p: exact in the format.
        var scratch = env
        return Self.fromMagnitude(magnitude, negative: sign, &scratch)
    }

    /// roundToIntegralExact: rounded by `env.rounding`, inexact raised when the value changes.
    @inlinable
    public func roundedToIntegralExact(in env: inout FloatEnvironment) -> Self {
        rounded(env.rounding, exact: true, in: &env)
    }
}

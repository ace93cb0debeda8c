/// Rounding to an integral value in the same format (IEEE 754-2019, 5.3.1).
extension BinaryFloat {
    /// `self` rounded to an integral value by `rule` (roundToIntegralTiesToEven, ...TiesToAway,
    /// ...TowardZero, ...TowardPositive, ...TowardNegative). Raises no inexact; with `exact`
    /// (roundToIntegralExact, normally with `env.rounding`) raises inexact when the value
    /// changes. The sign is kept (-0.3 -> -0); NaNs propagate (invalid for a signalling NaN);
    /// infinities and zeros are returned as they are. An integral value beyond the largest
    /// finite one (FP6 E2M3: ±7.5 rounds to ±8) overflows: ±7.5, overflow|inexact.
    @inlinable
    public func rounded(_ rule: RoundingRule, exact: Bool = false, in env: inout FloatEnvironment) -> Self {
        if isNaN { return Self.propagateNaN(self, self, &env) }
        if !isFinite || isZero { return self }
        let (_, e) = integerSignificandAndExponent!
        if e >= 0 { return self }  // already an integer
        let (magnitude, inexact, _) = Self.roundedMagnitude(self, rule, limitBits: 64)
        if exact && inexact { env.flags.insert(.inexact) }
        // Zero in a format without zero (E8M0): no encoding.
        if magnitude == 0 && !Format.hasZero { return Self.unrepresentable(&env) }
        // magnitude <= 2^p: exact in the format.
        var scratch = FloatEnvironment(rounding: env.rounding, saturatesOverflow: env.saturatesOverflow)
        let result = Self.fromMagnitude(magnitude, negative: sign, &scratch)
        // Exact, unless the integer lies beyond the largest finite value: only FP6 E2M3,
        // whose 7.5 rounds to 8, which saturates to 7.5 (Internals/Unrepresentable.swift).
        if scratch.flags.contains(.overflow) { env.flags.formUnion([.overflow, .inexact]) }
        return result
    }

    /// roundToIntegralExact: rounded by `env.rounding`, inexact raised when the value changes.
    @inlinable
    public func roundedToIntegralExact(in env: inout FloatEnvironment) -> Self {
        rounded(env.rounding, exact: true, in: &env)
    }
}

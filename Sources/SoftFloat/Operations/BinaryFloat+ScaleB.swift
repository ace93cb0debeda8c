/// scaleB (IEEE 754-2019, 5.3.3): x * 2^n, rounded once, with overflow and underflow as for
/// any operation. NaNs propagate, infinities and zeros are returned unchanged.
extension BinaryFloat {
    /// `self * 2^n`, rounded by `env`.
    @inlinable
    public func scaled(byPowerOfTwo n: Int, in env: inout FloatEnvironment) -> Self {
        if isNaN { return Self.propagateNaN(self, self, &env) }
        if !isFinite || isZero { return self }
        let x = normalized
        // Far beyond every range the result is the same: clamp so no Int arithmetic overflows.
        let shift = min(max(n, -100_000), 100_000)
        return Self.roundPack(negative: sign, exponent: x.exponent + shift, significand: x.significand, &env)
    }
}

/// Multiplication (IEEE 754-2019, 5.4.1), correctly rounded.
extension BinaryFloat {
    /// `self * other`, rounded by `env`.
    @inlinable
    public func multiplied(by other: Self, in env: inout FloatEnvironment) -> Self {
        let negative = sign != other.sign
        if !isFinite || !other.isFinite {
            if isNaN || other.isNaN { return Self.propagateNaN(self, other, &env) }
            if isZero || other.isZero { return Self.invalidResult(&env) }  // 0 * inf
            return Self.infinity(negative: negative)
        }
        if isZero || other.isZero { return Self.zero(negative: negative) }
        let x = normalized, y = other.normalized
        // Both significands moved up to bit 63: the 128-bit product lies in [2^126, 2^128),
        // so its high word holds the leading bit at 62 or 63 and the low word is sticky.
        let (high, low) = (x.significand &<< 1).multipliedFullWidth(by: y.significand &<< 1)
        var significand = high | (low != 0 ? 1 : 0)
        var exponent = x.exponent + y.exponent - Format.bias
        if significand >= 1 &<< 63 {
            significand = (significand &>> 1) | (significand & 1)
            exponent += 1
        }
        return Self.roundPack(negative: negative, exponent: exponent, significand: significand, &env)
    }
}

/// Division (IEEE 754-2019, 5.4.1), correctly rounded.
extension BinaryFloat {
    /// `self / other`, rounded by `env`.
    @inlinable
    public func divided(by other: Self, in env: inout FloatEnvironment) -> Self {
        let negative = sign != other.sign
        if isNaN || other.isNaN { return Self.propagateNaN(self, other, &env) }
        if isInfinite {
            return other.isInfinite ? Self.invalidResult(&env) : Self.infinity(negative: negative)
        }
        if other.isInfinite { return Self.zero(negative: negative) }
        if other.isZero {
            if isZero { return Self.invalidResult(&env) }  // 0 / 0
            env.flags.insert(.divisionByZero)
            return Self.infinity(negative: negative)
        }
        if isZero { return Self.zero(negative: negative) }
        let x = normalized, y = other.normalized
        var exponent = x.exponent - y.exponent + Format.bias
        // Quotient of the two significands with its leading bit at 62 and a sticky remainder.
        // Shifting the dividend one bit further when it is the smaller keeps the quotient in
        // [2^62, 2^63), so the remainder alone decides the sticky bit.
        let smaller = x.significand < y.significand
        if smaller { exponent -= 1 }
        var quotient: UInt64
        var remainderIsZero: Bool
        if Format.precision <= 24 {
            // One 64-bit division suffices: (x << 62 - p or 63 - p) / y leaves a quotient in
            // [2^(62-p), 2^(63-p)) with 62 - p >= p + 2 bits. x's low bits are zero, so the
            // right shift by one loses nothing.
            let numerator = smaller ? x.significand : x.significand &>> 1
            let divisor = y.significand &>> UInt64(63 - Format.precision)
            let (q, r) = numerator.quotientAndRemainder(dividingBy: divisor)
            quotient = q &<< UInt64(Format.precision)
            remainderIsZero = r == 0
        } else {
            // (x << 62 or 63) / y as a 128-by-64-bit division; the high word is below y.
            let shift: UInt64 = smaller ? 63 : 62
            let high = x.significand &>> (64 - shift)
            let low = x.significand &<< shift
            let (q, r) = y.significand.dividingFullWidth((high: high, low: low))
            quotient = q
            remainderIsZero = r == 0
        }
        return Self.roundPack(negative: negative, exponent: exponent,
                              significand: quotient | (remainderIsZero ? 0 : 1), &env)
    }
}

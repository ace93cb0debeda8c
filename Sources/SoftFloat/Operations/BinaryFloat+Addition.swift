/// Addition and subtraction (IEEE 754-2019, 5.4.1), correctly rounded.
extension BinaryFloat {
    /// `self + other`, rounded by `env`.
    @inlinable
    public func adding(_ other: Self, in env: inout FloatEnvironment) -> Self {
        Self.sum(self, other.word, &env)
    }

    /// `self - other`, rounded by `env`: the sum with `other`'s sign flipped.
    @inlinable
    public func subtracting(_ other: Self, in env: inout FloatEnvironment) -> Self {
        Self.sum(self, other.word ^ Format.signMask, &env)
    }

    /// `a + b`, where `bWord` is b's encoding (already negated for a subtraction, so that a
    /// NaN b keeps the sign the caller passed; x86 flips a NaN's sign on subtraction too).
    @inlinable @inline(__always)
    static func sum(_ a: Self, _ bWord: UInt64, _ env: inout FloatEnvironment) -> Self {
        let b = Self(word: bWord)
        if !a.isFinite || !b.isFinite {
            if a.isNaN || b.isNaN { return propagateNaN(a, b, &env) }
            if a.isInfinite && b.isInfinite && a.sign != b.sign { return invalidResult(&env) }
            return a.isInfinite ? a : b
        }
        if a.isZero || b.isZero {
            if !b.isZero { return b }
            if !a.isZero { return a }
            // Exact zero sum (6.3): x + x keeps the sign; +0 + -0 is +0, or -0 rounding down.
            if a.sign == b.sign { return a }
            return zero(negative: env.rounding == .down)
        }
        var x = a.normalized, y = b.normalized
        var negative = a.sign
        if a.sign == b.sign {
            if x.exponent < y.exponent { swap(&x, &y) }
            var significand = x.significand &+ shiftRightJam(y.significand, x.exponent - y.exponent)
            var exponent = x.exponent
            if significand >= 1 &<< 63 {
                significand = (significand &>> 1) | (significand & 1)
                exponent += 1
            }
            return roundPack(negative: negative, exponent: exponent, significand: significand, &env)
        }
        // Effective subtraction: take the larger magnitude first; its sign wins.
        if x.exponent < y.exponent || (x.exponent == y.exponent && x.significand < y.significand) {
            swap(&x, &y)
            negative = b.sign
        } else if x.exponent == y.exponent && x.significand == y.significand {
            return zero(negative: env.rounding == .down)
        }
        // If bits of y were jammed (shift >= 2), the difference loses at most one leading bit,
        // and the 62 - f >= 10 bits below the rounding point keep the sticky bit harmless.
        let difference = x.significand &- shiftRightJam(y.significand, x.exponent - y.exponent)
        let shift = difference.leadingZeroBitCount - 1
        return roundPack(negative: negative, exponent: x.exponent - shift,
                         significand: difference &<< UInt64(shift), &env)
    }
}

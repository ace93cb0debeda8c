/// Addition and subtraction (IEEE 754-2019, 5.4.1), correctly rounded.
extension BinaryFloat {
    /// `self + other`, rounded by `env`.
    @inlinable
    public func adding(_ other: Self, in env: inout FloatEnvironment) -> Self {
        var rounder = AttributeRounder()
        return Self.sum(self, other, negatingB: false, &env, &rounder)
    }

    /// `self - other`, rounded by `env`: the sum with `other`'s sign flipped.
    @inlinable
    public func subtracting(_ other: Self, in env: inout FloatEnvironment) -> Self {
        var rounder = AttributeRounder()
        return Self.sum(self, other, negatingB: true, &env, &rounder)
    }

    /// `a + b`, or `a - b` when `negatingB`. A NaN operand is propagated with its own sign:
    /// x86 `subss` does not flip the sign of a NaN subtrahend.
    @inlinable @inline(__always)
    static func sum<R: ResultRounder>(
        _ a: Self, _ operand: Self, negatingB: Bool, _ env: inout FloatEnvironment,
        _ rounder: inout R
    ) -> Self {
        let b = Self(word: operand.word ^ (negatingB ? Format.signMask : 0))
        // b's sign, kept apart from its encoding: an unsigned format (E8M0) cannot store it.
        let bNegative = operand.sign != negatingB
        if !a.isFinite || !b.isFinite {
            if a.isNaN || b.isNaN { return propagateNaN(a, operand, &env) }
            if a.isInfinite && b.isInfinite && a.sign != bNegative { return invalidResult(&env) }
            return a.isInfinite ? a : b
        }
        if a.isZero || b.isZero {
            if !b.isZero { return b }
            if !a.isZero { return a }
            // Exact zero sum (6.3): x + x keeps the sign; +0 + -0 is +0, or -0 rounding down.
            if a.sign == bNegative { return a }
            return zero(negative: env.rounding == .down)
        }
        // Finite encodings of either sign order like their magnitudes: the larger operand's
        // sign is the result's, and the smaller one is aligned to it.
        let aIsLarger = a.magnitude >= b.magnitude
        let (large, small) = aIsLarger ? (a, b) : (b, a)
        let negative = aIsLarger ? a.sign : bNegative
        let x = large.normalized
        let y = small.normalized
        let aligned = shiftRightJam(y.significand, x.exponent - y.exponent)
        // Both below 2^63, so the sum cannot wrap. If bits of y were jammed (shift >= 2), a
        // difference loses at most one leading bit, and the 62 - f >= 10 bits below the
        // rounding point keep the sticky bit below the round bit.
        var significand = a.sign == bNegative ? x.significand &+ aligned : x.significand &- aligned
        // x - x (6.3); in E8M0, which has no zero, unrepresentable.
        if significand == 0 { return exactZero(negative: env.rounding == .down, &env) }
        var exponent = x.exponent
        let leadingZeros = significand.leadingZeroBitCount
        if leadingZeros == 0 {
            significand = significand &>> 1 | significand & 1
            exponent += 1
        } else {
            significand &<<= UInt64(leadingZeros - 1)
            exponent -= leadingZeros - 1
        }
        return rounder.roundPack(Format.self, negative: negative, exponent: exponent, significand: significand, &env)
    }
}

/// Multiplication (IEEE 754-2019, 5.4.1), correctly rounded.
extension BinaryFloat {
    /// `self * other`, rounded by `env`.
    @inlinable
    public func multiplied(by other: Self, in env: inout FloatEnvironment) -> Self {
        var rounder = AttributeRounder()
        return Self.product(self, other, &env, &rounder)
    }

    /// `a * b`, rounded by `rounder`.
    @inlinable @inline(__always)
    static func product<R: ResultRounder>(
        _ a: Self, _ b: Self, _ env: inout FloatEnvironment,
        _ rounder: inout R
    ) -> Self {
        let negative = a.sign != b.sign
        if !a.isFinite || !b.isFinite {
            if a.isNaN || b.isNaN { return propagateNaN(a, b, &env) }
            if a.isZero || b.isZero { return invalidResult(&env) }  // 0 * inf
            return infinity(negative: negative)
        }
        if a.isZero || b.isZero { return zero(negative: negative) }
        let x = a.normalized
        let y = b.normalized
        var significand: UInt64
        if 2 * Format.fractionBitCount <= 62 {
            // Up to p = 32 (binary16, binary32, bfloat16, FP8, ...) the exact product of the two
            // p-bit integer significands fits in one word: in [2^2f, 2^(2f+2)), moved up so that
            // its leading bit lands on 62 or 63. No sticky bit: nothing is shifted out.
            let xs = x.significand &>> UInt64(roundBitCount)
            let ys = y.significand &>> UInt64(roundBitCount)
            significand = (xs &* ys) &<< UInt64(62 - 2 * Format.fractionBitCount)
        } else {
            // Both significands moved up to bit 63: the 128-bit product lies in [2^126, 2^128),
            // so its high word holds the leading bit at 62 or 63 and the low word is sticky.
            let (high, low) = (x.significand &<< 1).multipliedFullWidth(by: y.significand &<< 1)
            significand = high | (low != 0 ? 1 : 0)
        }
        var exponent = x.exponent + y.exponent - Format.bias
        if significand >= 1 &<< 63 {
            significand = (significand &>> 1) | (significand & 1)
            exponent += 1
        }
        return rounder.roundPack(
            Format.self, negative: negative, exponent: exponent, significand: significand, &env)
    }
}

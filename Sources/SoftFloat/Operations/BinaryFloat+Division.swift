/// Division (IEEE 754-2019, 5.4.1), correctly rounded.
extension BinaryFloat {
    /// `self / other`, rounded by `env`.
    @inlinable
    public func divided(by other: Self, in env: inout FloatEnvironment) -> Self {
        var rounder = AttributeRounder()
        return Self.quotient(self, other, &env, &rounder)
    }

    /// `a / b`, rounded by `rounder`. A division by zero gives `infiniteResult` (NaN or ±448
    /// in E4M3, which has no infinities).
    @inlinable @inline(__always)
    static func quotient<R: ResultRounder>(
        _ a: Self, _ b: Self, _ env: inout FloatEnvironment,
        _ rounder: inout R
    ) -> Self {
        let negative = a.sign != b.sign
        if a.isNaN || b.isNaN { return propagateNaN(a, b, &env) }
        if a.isInfinite {
            return b.isInfinite ? invalidResult(&env) : infinity(negative: negative)
        }
        if b.isInfinite { return zero(negative: negative) }
        if b.isZero {
            if a.isZero { return invalidResult(&env) }  // 0 / 0
            env.flags.insert(.divisionByZero)
            return infiniteResult(negative: negative, env)
        }
        if a.isZero { return zero(negative: negative) }
        let x = a.normalized
        let y = b.normalized
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
        return rounder.roundPack(
            Format.self, negative: negative, exponent: exponent,
            significand: quotient | (remainderIsZero ? 0 : 1), &env)
    }
}

/// Fused multiply-add (IEEE 754-2019, 5.4.1): `self * b + c` with a single rounding.
extension BinaryFloat {
    /// `self * b + c`, computed exactly and rounded once by `env`.
    ///
    /// fma(0, inf, c) and fma(inf, 0, c) are invalid even when c is a quiet NaN, and return
    /// the default NaN (the x86 convention of DESIGN.md).
    @inlinable
    public func fusedMultiplyAdd(_ b: Self, _ c: Self, in env: inout FloatEnvironment) -> Self {
        var rounder = AttributeRounder()
        return Self.fma(self, b, c, &env, &rounder)
    }

    /// `a * b + c` rounded once by `rounder`.
    @inlinable @inline(__always)
    static func fma<R: ResultRounder>(
        _ a: Self, _ b: Self, _ c: Self, _ env: inout FloatEnvironment,
        _ rounder: inout R
    ) -> Self {
        let productNegative = a.sign != b.sign
        if !a.isFinite || !b.isFinite || !c.isFinite {
            if (a.isInfinite && b.isZero) || (a.isZero && b.isInfinite) {
                if a.isSignalingNaN || b.isSignalingNaN || c.isSignalingNaN { env.flags.insert(.invalid) }
                return Self.invalidResult(&env)
            }
            if a.isNaN || b.isNaN || c.isNaN { return propagateNaN(a, b, c, &env) }
            if a.isInfinite || b.isInfinite {
                if c.isInfinite && c.sign != productNegative { return Self.invalidResult(&env) }
                return Self.infinity(negative: productNegative)
            }
            return c  // c is infinite, the product finite
        }
        if a.isZero || b.isZero {
            if !c.isZero { return c }
            if c.sign == productNegative { return c }
            return Self.zero(negative: env.rounding == .down)
        }
        let x = a.normalized
        let y = b.normalized
        // Exact product in [2^125, 2^127) after dropping a zero bit, scaled like a significand
        // with its leading bit at 125: value = p / 2^125 * 2^(exponent - bias).
        var p = UInt128(x.significand &<< 1) &* UInt128(y.significand &<< 1) &>> 1
        var exponent = x.exponent + y.exponent - Format.bias
        var negative = productNegative
        if !c.isZero {
            let z = c.normalized
            // Align both to the larger exponent (one of the two shifts is by zero). Jamming
            // loses bits only when the shifted operand lies far below the other (its low bits
            // are zero up to the significand width), so a subtraction then cancels one bit at most.
            let q = shiftRightJam(UInt128(z.significand) &<< 63, exponent - z.exponent)
            p = shiftRightJam(p, z.exponent - exponent)
            exponent = max(exponent, z.exponent)
            let (large, small) = p >= q ? (p, q) : (q, p)
            if p < q { negative = c.sign }
            p = c.sign == productNegative ? large &+ small : large &- small
            if p == 0 { return Self.zero(negative: env.rounding == .down) }
        }
        // Move the leading bit to 126, then keep the high word with a sticky low word.
        let leadingZeros = p.leadingZeroBitCount
        if leadingZeros == 0 {
            p = shiftRightJam(p, 1)
        } else {
            p &<<= UInt128(leadingZeros - 1)
        }
        let significand = UInt64(truncatingIfNeeded: p &>> 64) | (UInt64(truncatingIfNeeded: p) != 0 ? 1 : 0)
        return rounder.roundPack(
            Format.self, negative: negative, exponent: exponent - leadingZeros + 2,
            significand: significand, &env)
    }
}

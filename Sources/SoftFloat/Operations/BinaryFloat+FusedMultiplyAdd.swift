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
        // The exact product of two p-bit significands has at most 2p bits: one 64-bit word
        // holds it, with the two zero low bits the alignment below relies on, up to p = 30
        // (binary16, bfloat16, binary32, FP8); binary64 needs 128 bits. (At p = 31 a product
        // in [2, 4) shifted two places under an addend just above it loses a bit that the
        // cancellation then needs: found by `verify --runtime-formats` in e7m30 and e9m30.)
        if 2 * Format.precision <= 60 {
            return fusedSum(UInt64.self, a, b, c, &env, &rounder)
        }
        return fusedSum(UInt128.self, a, b, c, &env, &rounder)
    }

    /// `a * b + c` for finite `a`, `b` (nonzero) and `c`, in working integers `W` whose
    /// width holds the exact product: computed exactly up to a sticky bit, rounded once.
    @inlinable @inline(__always)
    static func fusedSum<W: FixedWidthInteger & UnsignedInteger, R: ResultRounder>(
        _: W.Type, _ a: Self, _ b: Self, _ c: Self, _ env: inout FloatEnvironment,
        _ rounder: inout R
    ) -> Self {
        let x = a.normalized
        let y = b.normalized
        // Exact product with its leading bit at `top` or `top + 1` (top = width - 3), scaled
        // like a significand with its leading bit at `top`: value = p / 2^top * 2^(exponent - bias).
        let top = W.bitWidth - 3
        var p: W
        if W.bitWidth > 64 {
            // Both significands moved up to bit 63: the product lies in [2^126, 2^128).
            p = W(truncatingIfNeeded: x.significand &<< 1) &* W(truncatingIfNeeded: y.significand &<< 1) &>> 1
        } else {
            // The two p-bit integer significands (exact: their low bits are zero), multiplied,
            // then moved so that the product's leading bit lands on `top` or `top + 1`.
            let xs = x.significand &>> UInt64(roundBitCount)
            let ys = y.significand &>> UInt64(roundBitCount)
            p = W(truncatingIfNeeded: xs &* ys) &<< W(top - 2 * Format.fractionBitCount)
        }
        var exponent = x.exponent + y.exponent - Format.bias
        let productNegative = a.sign != b.sign
        var negative = productNegative
        if !c.isZero {
            let z = c.normalized
            // z's significand (leading bit 62, low bits zero) with its leading bit at `top`.
            let zs = (W(truncatingIfNeeded: z.significand) &<< W(W.bitWidth - 64)) &>> 1
            // Align the operand with the smaller exponent to the other: one shift, not two with
            // one of them by zero (in 128 bits each costs a dozen instructions). Jamming loses
            // bits only when the shifted operand lies far below the other (its low bits are zero
            // up to the significand width), so a subtraction then cancels one bit at most.
            // Selects by masks, not branches: on mixed data which operand is larger, and whether
            // the signs differ, are coin flips. (Both operands lie below 2^(width - 2).)
            // All ones for 1, zero for 0, in every width (a signed value, sign-extended).
            func mask(_ bit: UInt64) -> W { W(truncatingIfNeeded: 0 &- Int64(bitPattern: bit)) }
            let distance = exponent - z.exponent
            let productFirst = bit(distance >= 0)
            let first = mask(productFirst)
            let kept = p & first | zs & ~first
            let shifted = shiftRightJamBelowTop(zs & first | p & ~first, distance < 0 ? -distance : distance)
            exponent = max(exponent, z.exponent)
            // Sum, or difference with its sign: negated when the shifted operand was the larger.
            let subtract = bit(c.sign != productNegative)
            let borrow = bit(kept < shifted)
            let negate = mask(borrow)
            let difference = (kept &- shifted ^ negate) &- negate
            let choose = mask(subtract)
            p = (kept &+ shifted) & ~choose | difference & choose
            // A difference takes the addend's sign when the addend is the larger: kept and
            // borrowing, or shifted and not (equal magnitudes give zero below).
            let addendLarger = (productFirst ^ borrow) ^ 1
            negative = (bit(productNegative) ^ (subtract & addendLarger)) != 0
            // (Unreachable in E8M0, which has no zero: its products and addends are positive.)
            if p == 0 { return Self.zero(negative: env.rounding == .down) }
        }
        // Move the leading bit to width - 2, then keep the top 64 bits with a sticky rest.
        // (Without a branch: whether the sum carried depends on the data.)
        let leadingZeros = leadingZeroBitCountWithoutBranch(p)
        let carried = W(truncatingIfNeeded: bit(leadingZeros == 0))
        p = (p &>> carried | p & carried) &<< W(truncatingIfNeeded: leadingZeros &- 1 &+ Int(carried))
        let rest = W.bitWidth - 64
        let sticky = bit(p & ((1 &<< W(rest)) &- 1) != 0)
        let significand = UInt64(truncatingIfNeeded: p &>> W(rest)) | sticky
        return rounder.roundPack(
            Format.self, negative: negative, exponent: exponent - leadingZeros + 2,
            significand: significand, &env)
    }
}

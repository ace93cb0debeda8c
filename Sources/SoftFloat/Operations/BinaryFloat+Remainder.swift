/// The IEEE remainder (IEEE 754-2019, 5.3.1): x - y * n with n the integer nearest x / y,
/// ties to even. Always exact (no rounding, so no inexact or underflow), sign of a zero
/// result that of x. remainder(x, ±inf) = x for finite x; remainder(±inf, y) and
/// remainder(x, 0) are invalid.
extension BinaryFloat {
    /// remainder(self, other).
    @inlinable
    public func remainder(dividingBy other: Self, in env: inout FloatEnvironment) -> Self {
        if isNaN || other.isNaN { return Self.propagateNaN(self, other, &env) }
        if isInfinite || other.isZero { return Self.invalidResult(&env) }
        if other.isInfinite || isZero { return self }
        let (fx, ex) = integerSignificandAndExponent!
        let (fy, ey) = other.integerSignificandAndExponent!
        // |x| = X * 2^e, |y| = Y * 2^e on the common exponent e = min(ex, ey).
        let e = min(ex, ey)
        var r: UInt128  // X mod Y
        var quotientOdd: Bool
        let y: UInt128
        if ex >= ey {
            // X = fx * 2^(ex - ey): reduce modulo fy a chunk of 64 bits at a time.
            y = UInt128(fy)
            var remaining = ex - ey
            r = UInt128(fx) % y
            var lastQuotient = UInt128(fx) / y
            while remaining > 0 {
                let step = min(remaining, 64)
                let shifted = r &<< UInt128(step)
                lastQuotient = shifted / y
                r = shifted % y
                remaining -= step
            }
            quotientOdd = lastQuotient & 1 == 1
        } else {
            // |x| < |y|: if ey - ex > 64, |x| < |y| / 2 certainly (fx < 2^53).
            if ey - ex > 64 { return self }
            y = UInt128(fy) &<< UInt128(ey - ex)
            let x = UInt128(fx)
            r = x % y
            quotientOdd = (x / y) & 1 == 1
        }
        // n = q or q + 1: take q + 1 when r > y/2, or r == y/2 with q odd.
        var negative = sign
        let twice = r &<< 1
        if twice > y || (twice == y && quotientOdd) {
            r = y &- r
            negative.toggle()
        }
        if r == 0 { return Self.exactZero(negative: sign, &env) }
        // r * 2^e is representable (|r| <= |y|/2, a multiple of the smaller ulp): pack exactly.
        let top = 127 - r.leadingZeroBitCount
        let working = UInt64(truncatingIfNeeded: shiftRightJam(r &<< UInt128(max(0, 62 - top)), max(0, top - 62)))
        // A negative remainder in an unsigned format (E8M0) has no encoding.
        if negative && !Format.hasSign { return Self.unrepresentable(&env) }
        var scratch = env
        return Self.roundPack(negative: negative, exponent: top + e + Format.bias, significand: working, &scratch)
    }
}

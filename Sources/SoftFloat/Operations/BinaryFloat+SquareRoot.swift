/// Square root (IEEE 754-2019, 5.4.1), correctly rounded.
extension BinaryFloat {
    /// The square root of `self`, rounded by `env`. sqrt(-0) is -0; sqrt of any other
    /// negative number is invalid.
    @inlinable
    public func squareRoot(in env: inout FloatEnvironment) -> Self {
        var rounder = AttributeRounder()
        return Self.root(self, &env, &rounder)
    }

    /// The square root of `a`, rounded by `rounder`.
    @inlinable @inline(__always)
    static func root<R: ResultRounder>(_ a: Self, _ env: inout FloatEnvironment, _ rounder: inout R) -> Self {
        if a.isNaN { return propagateNaN(a, a, &env) }
        if a.isZero { return a }
        if a.sign { return invalidResult(&env) }
        if a.isInfinite { return a }
        let x = a.normalized
        // value = s / 2^62 * 2^e with e = exponent - bias. Take the root of s * 2^t with t the
        // parity of e, so the exponent halves exactly: sqrt(value) = root / 2^62 * 2^((e - t) / 2).
        let e = x.exponent - Format.bias
        let t = e & 1
        let exponent = (e - t) >> 1 + Format.bias
        if R.readsRoundAndStickyBitsOnly {
            return rounder.roundPack(
                Format.self, negative: false, exponent: exponent,
                significand: roundAndStickyRoot(x.significand, t), &env)
        }
        // Every discarded bit exact (stochastic rounding): a root of 32 or 63 bits.
        let root: UInt64
        let exact: Bool
        if Format.precision <= 24 {
            // n in [2^62, 2^64): a 32-bit root, >= p + 2 bits.
            (root, exact) = integerSquareRoot(x.significand &<< UInt64(t))
            return rounder.roundPack(
                Format.self, negative: false, exponent: exponent,
                significand: root &<< 31 | (exact ? 0 : 1), &env)
        }
        // n = s * 2^(62 + t) in [2^124, 2^126): a 63-bit root with its leading bit at 62.
        (root, exact) = integerSquareRoot(UInt128(x.significand) &<< UInt128(62 + t))
        return rounder.roundPack(
            Format.self, negative: false, exponent: exponent,
            significand: root | (exact ? 0 : 1), &env)
    }

    /// sqrt(s / 2^62 * 2^t) for a working-form significand s (leading bit 62) and t in {0, 1},
    /// in the working form of `roundPack`: leading bit 62, the p + 1 bits of the root, zeros,
    /// and a sticky bit 0. Needs p <= 53, so that no step below leaves 64-bit integers or
    /// double's exact range. (For rounders that read only those bits; see `ResultRounder`.)
    ///
    /// With m the p-bit integer significand in s, r = floor(sqrt(n)) for n = m * 2^(p - 1 + t),
    /// in [2^(2p - 2), 2^2p), has p bits; the remainder n - r^2 (in [0, 2r]) gives the next bit,
    /// since sqrt(n) >= r + 1/2 exactly when n - r^2 > r (integers), and whether anything lies
    /// below (nonzero remainder; with that next bit set, 4n - (2r + 1)^2 is odd, so never zero).
    ///
    /// The start is the host's square root of n as a double: n = m * 2^(p-1+t) is exact there,
    /// and any rounding of sqrt(n) < 2^53 lies within one unit of it and, since every integer
    /// up to 2^53 is representable, no lower than floor(sqrt(n)) nor higher than the next
    /// integer up: its integer part is r or r + 1 in every rounding mode. The remainder of that
    /// start, |n - r'^2| <= 2 sqrt(n) + 1 < 2^55, is exact in 64-bit wrapping arithmetic read
    /// as signed, and its sign says which.
    @inlinable @inline(__always)
    static func roundAndStickyRoot(_ s: UInt64, _ t: Int) -> UInt64 {
        precondition(Format.precision <= 53, "square root needs precision <= 53")
        let p = Format.precision
        let m = s &>> UInt64(roundBitCount)
        let shift = UInt64(truncatingIfNeeded: p &- 1 &+ t)
        // n = m * 2^shift = s / 2^62 * 2^(p - 1 + shift) as a double.
        let start = Normalized.exactDouble(s, scale: p &- 1 &+ Int(shift)).squareRoot()
        var r = UInt64(Int64(start))
        var remainder = Int64(bitPattern: (m &<< shift) &- r &* r)
        // A negative remainder: the start was r + 1, and n - r^2 = n - (r + 1)^2 + 2r + 1.
        let over = remainder &>> 63
        r = r &+ UInt64(bitPattern: over)
        remainder = remainder &+ (Int64(bitPattern: r &<< 1 &+ 1) & over)
        let half = bit(UInt64(bitPattern: remainder) > r)
        let sticky = bit(remainder != 0)
        return (r &<< 1 | half) &<< UInt64(62 &- p) | sticky
    }

    /// floor(sqrt(n)) for n < 2^64 and whether it is exact. The host's correctly rounded
    /// square root gives a start within one unit; exact integer arithmetic fixes the result.
    @inlinable @inline(__always)
    static func integerSquareRoot(_ n: UInt64) -> (root: UInt64, exact: Bool) {
        // Through Int64 (n / 2 is below 2^63): a signed conversion is one instruction, an
        // unsigned one a sequence of five. Dropping n's last bit moves the start by far less
        // than one unit, and the loops below correct any start.
        var r = UInt64(Int64((Double(Int64(bitPattern: n &>> 1)) * 2).squareRoot()))
        if r > UInt64(UInt32.max) { r = UInt64(UInt32.max) }
        while r &* r > n { r &-= 1 }
        while (r &+ 1) &* (r &+ 1) <= n && r < UInt64(UInt32.max) { r &+= 1 }
        return (r, r &* r == n)
    }

    /// floor(sqrt(n)) for n in [2^124, 2^126) and whether it is exact. A double-precision
    /// start (relative error below 2^-52) and one Newton step land on floor or floor + 1
    /// (Newton from above never undershoots); one exact square decides.
    @inlinable @inline(__always)
    static func integerSquareRoot(_ n: UInt128) -> (root: UInt64, exact: Bool) {
        let high = UInt64(truncatingIfNeeded: n &>> 64)
        let low = UInt64(truncatingIfNeeded: n)
        let estimate = UInt64((Double(high) * 0x1p64 + Double(low)).squareRoot())
        // estimate >= 2^62 > high, so the 128-by-64 division cannot overflow.
        let (q, _) = estimate.dividingFullWidth((high: high, low: low))
        var r = UInt64((UInt128(estimate) &+ UInt128(q)) &>> 1)
        var square = UInt128(r) &* UInt128(r)
        if square > n {
            r &-= 1
            square = UInt128(r) &* UInt128(r)
        }
        return (r, square == n)
    }
}

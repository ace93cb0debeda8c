/// The common cases of a narrowing conversion, small enough to inline at every call site: a
/// normal value whose result is normal needs one rounding of the significand and a re-bias;
/// a value far beyond the target's range overflows, and one below half its least subnormal
/// rounds to zero or that subnormal. The rest (subnormal inputs, results near the subnormal
/// range or the overflow threshold, NaN, infinity) takes the general path.
extension BinaryFloat {
    /// `self` rounded into `G` by `env.rounding`, with the flags IEEE 754 raises, in the cases
    /// above; nil otherwise (raising nothing), and always nil unless `G` has fewer fraction
    /// bits than `Format`.
    @inlinable @inline(__always)
    func narrowedCommonly<G: BinaryFormat>(to _: G.Type, _ env: inout FloatEnvironment) -> BinaryFloat<G>? {
        // (E8M0, without zero and sign, always takes the general path.)
        guard G.fractionBitCount < Format.fractionBitCount && G.hasZero && exponentField != 0 && isFinite else {
            return nil
        }
        // The result's exponent field before any carry from rounding: the value lies in
        // [2^(field - bias), 2^(field - bias + 1)) in G's terms.
        let field = exponentField - Format.bias + G.bias
        if UInt(bitPattern: field &- 1) < UInt(G.maxExponentField - 1) {
            let dropped = Format.fractionBitCount - G.fractionBitCount
            let significand = fractionField | (1 &<< UInt64(Format.fractionBitCount))
            let rounded = Self.roundedSignificand(significand, dropped, env.rounding, sign)
            // The implicit bit adds one to the field; a carry out of the significand another.
            let magnitude = (UInt64(field - 1) &<< UInt64(G.fractionBitCount)) &+ rounded
            guard magnitude <= G.maxFiniteMagnitude else { return nil }
            let inexact = significand & ((1 &<< UInt64(dropped)) &- 1) != 0
            env.flags.formUnion(inexact ? .inexact : [])
            return BinaryFloat<G>(negative: sign, magnitude: magnitude)
        }
        // At least 2^(emax + 1) (2^9 > 448 in E4M3): every rounding overflows (7.4).
        if field > G.maxExponentField { return BinaryFloat<G>.overflow(negative: sign, &env) }
        // Below half the least subnormal 2^(emin - f): zero, or that subnormal when rounding
        // away from zero; tiny and inexact under either tininess rule.
        if field <= -(G.fractionBitCount + 1) {
            env.flags.formUnion([.underflow, .inexact])
            let awayFromZero = env.rounding == (sign ? .down : .up)
            return BinaryFloat<G>(negative: sign, magnitude: awayFromZero ? 1 : 0)
        }
        return nil
    }
}

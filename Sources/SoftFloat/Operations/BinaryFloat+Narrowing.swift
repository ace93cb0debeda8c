/// The common cases of a narrowing conversion, small enough to inline at every call site: a
/// normal value whose result is normal needs one rounding of the significand and a re-bias;
/// any other normal value overflows or is tiny, and goes through the branch-free `roundPackAnyExponent`.
/// The rest (subnormal inputs, results carried by rounding past the largest finite value, NaN,
/// infinity) takes the general path.
extension BinaryFloat {
    /// `self` rounded into `G` by `env.rounding`, with the flags IEEE 754 raises, for normal
    /// values under the default rounding attributes; nil otherwise (raising nothing), and always
    /// nil unless `G` has fewer fraction bits than `Format`.
    @inlinable @inline(__always)
    func narrowedCommonly<G: BinaryFormat>(to _: G.Type, _ env: inout FloatEnvironment) -> BinaryFloat<G>? {
        // (E8M0, without zero and sign, always takes the general path.)
        // Under other rounding attributes too, the general path: the inlined code keeps one
        // copy of the rounding, whose attributes are constants.
        guard
            G.fractionBitCount < Format.fractionBitCount && G.hasZero && exponentField != 0 && isFinite
                && RoundingAttributes.areDefault(in: env)
        else {
            return nil
        }
        let attributes = RoundingAttributes.ieeeDefault
        // The result's exponent field before any carry from rounding: the value lies in
        // [2^(field - bias), 2^(field - bias + 1)) in G's terms.
        let field = exponentField - Format.bias + G.bias
        if UInt(bitPattern: field &- 1) < UInt(G.maxExponentField - 1) {
            let dropped = Format.fractionBitCount - G.fractionBitCount
            let significand = fractionField | (1 &<< UInt64(Format.fractionBitCount))
            let rounded = Self.roundedSignificand(significand, dropped, attributes.rule, sign)
            // The implicit bit adds one to the field; a carry out of the significand another.
            let magnitude = (UInt64(field - 1) &<< UInt64(G.fractionBitCount)) &+ rounded
            guard magnitude <= G.maxFiniteMagnitude else { return nil }
            let inexact = significand & ((1 &<< UInt64(dropped)) &- 1) != 0
            env.flags.formUnion(inexact ? .inexact : [])
            return BinaryFloat<G>(negative: sign, magnitude: magnitude)
        }
        // Otherwise the result overflows, is subnormal or underflows to zero (most finite values
        // of a wider format do one or the other): the branch-free general rounding, from the
        // working form of a normal value.
        let working = (fractionField | (1 &<< UInt64(Format.fractionBitCount))) &<< UInt64(Self.roundBitCount)
        return BinaryFloat<G>.roundPackAnyExponent(
            negative: sign, exponent: field, significand: working, attributes, &env)
    }
}

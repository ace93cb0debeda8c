/// The common cases of a narrowing conversion under the default rounding attributes, small
/// enough to inline at every call site: a normal value whose result is normal needs one
/// rounding of the significand and a re-bias; a value far outside the target's range (an
/// overflow to infinity, or below half its least subnormal), an infinity or a NaN between IEEE
/// formats is selected without a branch; any other normal value goes through the branch-free
/// `roundPackAnyExponent`. The rest (subnormal inputs near the target's range, NaNs under
/// `NaNRule.alwaysDefault`, the formats without infinities) takes the general path.
extension BinaryFloat {
    /// `self` rounded into `G` by `env.rounding`, with the flags IEEE 754 raises, for the cases
    /// above under the default rounding attributes; nil otherwise (raising nothing), and always
    /// nil unless `G` has fewer fraction bits than `Format`.
    @inlinable @inline(__always)
    func narrowedCommonly<G: BinaryFormat>(to _: G.Type, _ env: inout FloatEnvironment) -> BinaryFloat<G>? {
        // (E8M0, without zero and sign, always takes the general path.)
        // Under other rounding attributes too, the general path: the inlined code keeps one
        // copy of the rounding, whose attributes are constants.
        guard G.fractionBitCount < Format.fractionBitCount && G.hasZero && RoundingAttributes.areDefault(in: env)
        else {
            return nil
        }
        let attributes = RoundingAttributes.ieeeDefault
        let e = exponentField
        // The result's exponent field before any carry from rounding: a normal value lies in
        // [2^(field - bias), 2^(field - bias + 1)) in G's terms.
        let field = e - Format.bias + G.bias
        if UInt(bitPattern: field &- 1) < UInt(G.maxExponentField - 1) && e != 0 && e != Format.maxExponentField {
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
        if Format.hasInfinities && G.hasInfinities && env.nanRule == .propagateFirst
            && (field >= G.maxExponentField || field <= -(G.fractionBitCount + 1))
        {
            return narrowedFarOutOfRange(to: G.self, field: field, &env)
        }
        // Subnormal inputs (whose significand is not normalised here), and NaNs and infinities
        // outside the IEEE formats: the general path.
        guard e != 0 && e != Format.maxExponentField else { return nil }
        // The result is subnormal, or overflows or not as rounding decides: the branch-free
        // general rounding, from the working form of a normal value.
        let working = (fractionField | (1 &<< UInt64(Format.fractionBitCount))) &<< UInt64(Self.roundBitCount)
        return BinaryFloat<G>.roundPackAnyExponent(
            negative: sign, exponent: field, significand: working, attributes, &env)
    }

    /// The narrowing of a NaN, an infinity, or a value whose result overflows to infinity (at
    /// least 2^(emax + 1)) or rounds to zero (below half of G's least subnormal: zeros and
    /// subnormals of a much wider range included), between IEEE formats under the default
    /// attributes: the three selected by masks, because on mixed data they come in no
    /// predictable order. A NaN is quieted and keeps the top bits of its payload (invalid if it
    /// signals); the others raise overflow or underflow with inexact, and a zero nothing.
    /// `field` is the exponent field re-biased into `G` (`exponentField - Format.bias + G.bias`).
    @inlinable @inline(__always)
    func narrowedFarOutOfRange<G: BinaryFormat>(
        to _: G.Type, field: Int, _ env: inout FloatEnvironment
    ) -> BinaryFloat<G> {
        let special = bit(exponentField == Format.maxExponentField)
        let nan = special & bit(fractionField != 0)
        let signals = nan & bit(word & Format.quietBit == 0)
        let overflows = bit(field >= G.maxExponentField) & (special ^ 1)
        let rounds = bit(magnitude != 0) & (special ^ 1)  // a finite nonzero value: inexact
        let underflows = rounds & (overflows ^ 1)
        let payload = fractionField &>> UInt64(Format.fractionBitCount - G.fractionBitCount)
        // Infinity for a special or an overflow, with the quiet bit and payload of a NaN; zero
        // for the rest.
        let result =
            (0 &- (special | overflows)) & G.infinityMagnitude | (0 &- nan) & (G.quietBit | payload)
        let flags =
            signals &* UInt64(ExceptionFlags.invalid.rawValue) | rounds &* UInt64(ExceptionFlags.inexact.rawValue)
            | overflows &* UInt64(ExceptionFlags.overflow.rawValue)
            | underflows &* UInt64(ExceptionFlags.underflow.rawValue)
        env.flags.formUnion(ExceptionFlags(rawValue: UInt8(truncatingIfNeeded: flags)))
        return BinaryFloat<G>(negative: sign, magnitude: result)
    }
}

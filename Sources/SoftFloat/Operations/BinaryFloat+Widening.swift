/// Exact widening conversions: a re-bias and a shift instead of normalise-round-pack.
extension BinaryFormat {
    /// True when every finite value of `Self` is a finite value of `G` that a re-bias and a
    /// shift of the encoding reach: `G` has at least `Self`'s precision, exponent range,
    /// largest finite value and smallest subnormal, and `Self`'s subnormals are either all
    /// normal in `G` or stay subnormal (same bias). A compile-time constant after
    /// specialisation; true for binary16, bfloat16 and FP8 into every wider format, binary32
    /// into binary64, and every identity.
    ///
    /// The largest finite values are compared, not only emax: with equal emax and f, a format
    /// whose top binade ends in a NaN (a runtime `e2m1fn`, max 4) lacks the top of one whose
    /// top binade is all numbers (FP4 E2M1, max 6).
    @inlinable @inline(__always)
    static func widensByShift<G: BinaryFormat>(to _: G.Type) -> Bool {
        G.fractionBitCount >= fractionBitCount
            && (G.maxExponent > maxExponent
                || G.maxExponent == maxExponent
                    && (maxFiniteMagnitude & fractionMask) &<< UInt64(G.fractionBitCount - fractionBitCount)
                        <= G.maxFiniteMagnitude & G.fractionMask)
            && (G.bias == bias || G.minExponent <= minExponent - fractionBitCount)
            // E8M0's field 0 is 2^-127, not a zero: it takes the general path.
            && hasZero && G.hasZero
    }
}

extension BinaryFloat {
    /// `self`, finite, in a format `G` for which `Format.widensByShift(to: G.self)`: exact, so
    /// it raises nothing and ignores the rounding attribute (IEEE 754-2019 5.4.2).
    @inlinable @inline(__always)
    func widenedFinite<G: BinaryFormat>(to _: G.Type) -> BinaryFloat<G> {
        let shift = UInt64(G.fractionBitCount - Format.fractionBitCount)
        // The bias difference in the exponent field's place (wrapping: it may be negative).
        let rebias = UInt64(truncatingIfNeeded: G.bias - Format.bias) &<< UInt64(G.fractionBitCount)
        if exponentField != 0 || G.bias == Format.bias {
            // A normal number: fraction and exponent field move up together, and adding the
            // bias difference re-biases the field. With equal biases a subnormal stays one.
            return BinaryFloat<G>(negative: sign, magnitude: (magnitude &<< shift) &+ rebias)
        }
        let fraction = fractionField
        if fraction == 0 { return .zero(negative: sign) }
        // A subnormal, normal in G: fraction * 2^(emin - f) with the leading one at bit `top`
        // is 2^(top + emin - f) * 1.xxx. Shifting the leading one onto G's implicit bit adds
        // one to the exponent field, hence `field - 1`.
        let top = 63 - fraction.leadingZeroBitCount
        let field = top + Format.minExponent - Format.fractionBitCount + G.bias
        return BinaryFloat<G>(
            negative: sign,
            magnitude: (UInt64(field - 1) &<< UInt64(G.fractionBitCount))
                &+ (fraction &<< UInt64(G.fractionBitCount - top)))
    }
}

extension BinaryFloat {
    /// `self`, any encoding, in a format `G` for which `Format.widensByShift(to: G.self)`, both
    /// with infinities, under `NaNRule.propagateFirst`: `widenedFinite`, or for an infinity or
    /// NaN the same sign and fraction (moved up) under G's all-ones exponent, a NaN quieted,
    /// raising invalid if it signals (the rules of `convert`).
    ///
    /// Normal values take one branch; the others (zeros, subnormals, infinities, NaNs, in no
    /// predictable order on mixed data) are selected by masks rather than by further branches,
    /// and with equal exponent fields, where one shift serves every encoding, there is no
    /// branch at all.
    @inlinable @inline(__always)
    func widenedIEEE<G: BinaryFormat>(to _: G.Type, _ env: inout FloatEnvironment) -> BinaryFloat<G> {
        let nan = bit(isNaN)
        let signals = nan & bit(word & Format.quietBit == 0)
        if G.exponentBitCount == Format.exponentBitCount {
            // Same exponent field (bfloat16 into binary32): the whole encoding moves up, sign,
            // subnormals, infinities and NaNs included; a NaN is then quieted.
            env.flags.formUnion(
                ExceptionFlags(rawValue: UInt8(truncatingIfNeeded: signals) &* ExceptionFlags.invalid.rawValue))
            let shift = UInt64(G.bitWidth - Format.bitWidth)
            return BinaryFloat<G>(word: word &<< shift | (0 &- nan) & G.quietBit)
        }
        let field = exponentField
        if G.bias != Format.bias && field != 0 && field != Format.maxExponentField {
            return widenedFinite(to: G.self)
        }
        let finite = widenedFinite(to: G.self).word
        let special =
            (word & Format.signMask != 0 ? G.signMask : 0) | G.exponentMask
            | fractionField &<< UInt64(G.fractionBitCount - Format.fractionBitCount) | (0 &- nan) & G.quietBit
        env.flags.formUnion(
            ExceptionFlags(rawValue: UInt8(truncatingIfNeeded: signals) &* ExceptionFlags.invalid.rawValue))
        let finiteMask = 0 &- bit(isFinite)
        return BinaryFloat<G>(word: special ^ (special ^ finite) & finiteMask)
    }
}

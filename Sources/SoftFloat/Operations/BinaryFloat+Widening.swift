/// Exact widening conversions: a re-bias and a shift instead of normalise-round-pack.
extension BinaryFormat {
    /// True when every finite value of `Self` is a finite value of `G` that a re-bias and a
    /// shift of the encoding reach: `G` has at least `Self`'s precision, exponent range and
    /// smallest subnormal, and `Self`'s subnormals are either all normal in `G` or stay
    /// subnormal (same bias). A compile-time constant after specialisation; true for binary16,
    /// bfloat16 and FP8 into every wider format, binary32 into binary64, and every identity.
    @inlinable @inline(__always)
    static func widensByShift<G: BinaryFormat>(to _: G.Type) -> Bool {
        G.fractionBitCount >= fractionBitCount && G.maxExponent >= maxExponent
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

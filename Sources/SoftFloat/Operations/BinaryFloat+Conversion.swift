/// Conversion between binary formats (IEEE 754-2019, 5.4.2 convertFormat).
extension BinaryFloat {
    /// `self` in format `G`, rounded by `env` when `G` is narrower.
    ///
    /// A NaN keeps its sign and the top bits of its payload and is quieted (x86 convention);
    /// a signalling NaN raises invalid.
    @inlinable
    public func converted<G: BinaryFormat>(to _: G.Type, in env: inout FloatEnvironment) -> BinaryFloat<G> {
        typealias Target = BinaryFloat<G>
        if isNaN {
            if isSignalingNaN { env.flags.insert(.invalid) }
            if env.nanRule == .alwaysDefault || !Format.hasInfinities || !G.hasInfinities { return .defaultNaN }
            let payload = G.fractionBitCount >= Format.fractionBitCount
                ? fractionField &<< UInt64(G.fractionBitCount - Format.fractionBitCount)
                : fractionField &>> UInt64(Format.fractionBitCount - G.fractionBitCount)
            return Target(negative: sign, magnitude: G.exponentMask | G.quietBit | payload)
        }
        if isInfinite { return .infinity(negative: sign) }
        if isZero { return .zero(negative: sign) }
        let x = normalized
        return Target.roundPack(negative: sign, exponent: x.exponent - Format.bias + G.bias,
                                significand: x.significand, &env)
    }
}

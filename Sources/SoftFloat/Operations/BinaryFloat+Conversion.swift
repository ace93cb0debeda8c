/// Conversion between binary formats (IEEE 754-2019, 5.4.2 convertFormat).
extension BinaryFloat {
    /// `self` in format `G`, rounded by `env` when `G` is narrower.
    ///
    /// NaNs: a NaN keeps its sign and the top bits of its payload and is quieted (x86
    /// convention); a signalling NaN raises invalid. Into or out of E4M3, whose single NaN
    /// per sign has no payload, the NaN of the target keeps the sign (quiet NaN with zero
    /// payload in IEEE formats). Under `NaNRule.alwaysDefault` every NaN becomes the default NaN.
    ///
    /// Infinities into E4M3 (no infinities): raise invalid (the value cannot be represented,
    /// and it is not an overflow of a finite result) and deliver the NaN of the same sign, or
    /// ±448 when `env.saturatesOverflow` (OCP: NaN non-saturating, ±max saturating).
    ///
    /// Into FP6 and FP4 (no infinities, no NaN) a NaN becomes a zero and an infinity ±max,
    /// into E8M0 (unsigned, no zero) zeros and negative values become the NaN, with invalid;
    /// `Internals/Unrepresentable.swift` states these rules.
    ///
    /// Always inlined, so that the common cases cost no call: an exact widening of a finite
    /// value (a re-bias and a shift), and a narrowing from normal to normal (one rounding);
    /// every other case calls the general conversion.
    @inlinable @inline(__always)
    public func converted<G: BinaryFormat>(to target: G.Type, in env: inout FloatEnvironment) -> BinaryFloat<G> {
        if Format.widensByShift(to: G.self) && isFinite { return widenedFinite(to: G.self) }
        if let result = narrowedCommonly(to: G.self, &env) { return result }
        return convertedGenerally(to: target, &env)
    }

    /// `converted(to:in:)` by the general path (specials, narrowing, rounding).
    @inlinable
    func convertedGenerally<G: BinaryFormat>(to target: G.Type, _ env: inout FloatEnvironment) -> BinaryFloat<G> {
        var rounder = AttributeRounder()
        return convert(to: target, &env, &rounder)
    }

    /// `converted(to:in:)` with the rounding of `rounder`.
    @inlinable @inline(__always)
    func convert<G: BinaryFormat, R: ResultRounder>(
        to _: G.Type, _ env: inout FloatEnvironment,
        _ rounder: inout R
    ) -> BinaryFloat<G> {
        typealias Target = BinaryFloat<G>
        // Exact widening (a constant condition): finite values skip normalise-round-pack.
        if Format.widensByShift(to: G.self) && isFinite { return widenedFinite(to: G.self) }
        if isNaN {
            // Into a format without NaN (FP6, FP4) a NaN is not representable: invalid.
            if isSignalingNaN || !G.hasNaN { env.flags.insert(.invalid) }
            if env.nanRule == .alwaysDefault { return .defaultNaN }
            if !G.hasNaN { return Target.nanWithoutNaN(negative: sign) }
            if !Format.hasInfinities || !G.hasInfinities { return Target(negative: sign, magnitude: G.nanMagnitude) }
            let payload =
                G.fractionBitCount >= Format.fractionBitCount
                ? fractionField &<< UInt64(G.fractionBitCount - Format.fractionBitCount)
                : fractionField &>> UInt64(Format.fractionBitCount - G.fractionBitCount)
            return Target(negative: sign, magnitude: G.exponentMask | G.quietBit | payload)
        }
        if isInfinite {
            if !G.hasInfinities { env.flags.insert(.invalid) }
            return Target.infiniteResult(negative: sign, env)
        }
        if isZero { return .exactZero(negative: sign, &env) }
        let x = normalized
        return rounder.roundPack(
            G.self, negative: sign, exponent: x.exponent - Format.bias + G.bias,
            significand: x.significand, &env)
    }
}

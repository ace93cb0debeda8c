/// The three fields of the encoding and the special values built from them.
extension BinaryFloat {
    /// True if the sign bit is set (including -0 and negative NaNs).
    @inlinable @inline(__always)
    public var sign: Bool { word & Format.signMask != 0 }

    /// The biased exponent field.
    @inlinable @inline(__always)
    public var exponentField: Int {
        Int(truncatingIfNeeded: (word & Format.exponentMask) &>> UInt64(Format.fractionBitCount))
    }

    /// The trailing significand field.
    @inlinable @inline(__always)
    public var fractionField: UInt64 { word & Format.fractionMask }

    /// The encoding with the sign cleared.
    @inlinable @inline(__always)
    var magnitude: UInt64 { word & Format.magnitudeMask }

    /// +0 or -0.
    @inlinable public static func zero(negative: Bool = false) -> Self { Self(negative: negative, magnitude: 0) }
    /// +infinity or -infinity (IEEE formats); for formats without infinities the NaN of that
    /// sign (E4M3, E8M0), and ±largest finite for formats with neither (FP6, FP4: see
    /// `Internals/Unrepresentable.swift`).
    @inlinable public static func infinity(negative: Bool = false) -> Self {
        if !Format.hasInfinities && !Format.hasNaN { return greatestFinite(negative: negative) }
        return Self(
            negative: negative, magnitude: Format.hasInfinities ? Format.infinityMagnitude : Format.nanMagnitude)
    }
    /// The largest finite magnitude with the given sign.
    @inlinable public static func greatestFinite(negative: Bool = false) -> Self {
        Self(negative: negative, magnitude: Format.maxFiniteMagnitude)
    }
    /// The smallest positive normal number, 2^emin.
    @inlinable public static var leastNormal: Self { Self(word: 1 &<< UInt64(Format.fractionBitCount)) }
    /// The smallest positive subnormal number, 2^(emin - f).
    @inlinable public static var leastSubnormal: Self { Self(word: 1) }
    /// The default NaN of the x86 convention: the negative quiet NaN. In a format without NaN
    /// (FP6, FP4) the encoding a NaN result is delivered as: +0, what the negative default NaN
    /// converts to (`Internals/Unrepresentable.swift`).
    @inlinable public static var defaultNaN: Self {
        Format.hasNaN ? Self(negative: true, magnitude: Format.nanMagnitude) : zero(negative: false)
    }
}

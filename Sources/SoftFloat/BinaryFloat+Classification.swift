/// Classification predicates (IEEE 754-2019, 5.7.2).
extension BinaryFloat {
    @inlinable @inline(__always)
    public var isNaN: Bool {
        if !Format.hasNaN { return false }
        return Format.hasInfinities ? magnitude > Format.infinityMagnitude : magnitude == Format.nanMagnitude
    }
    /// A NaN whose quiet bit is clear (formats without infinities have no signalling NaN).
    @inlinable @inline(__always)
    public var isSignalingNaN: Bool { Format.hasInfinities && isNaN && word & Format.quietBit == 0 }
    @inlinable @inline(__always)
    public var isInfinite: Bool { Format.hasInfinities && magnitude == Format.infinityMagnitude }
    @inlinable @inline(__always)
    public var isFinite: Bool {
        if !Format.hasNaN { return true }
        return Format.hasInfinities ? magnitude < Format.infinityMagnitude : magnitude != Format.nanMagnitude
    }
    /// Never true in a format without zero (E8M0, whose 0x00 is 2^-127).
    @inlinable @inline(__always)
    public var isZero: Bool { Format.hasZero && magnitude == 0 }
    @inlinable @inline(__always)
    public var isSubnormal: Bool { exponentField == 0 && fractionField != 0 }
    @inlinable @inline(__always)
    public var isNormal: Bool { isFinite && (exponentField != 0 || !Format.hasZero) }

    /// The class of the value (IEEE 754-2019 5.7.2 `class`).
    @inlinable
    public var floatClass: FloatClass {
        if isNaN { return isSignalingNaN ? .signalingNaN : .quietNaN }
        if isInfinite { return sign ? .negativeInfinity : .positiveInfinity }
        if isZero { return sign ? .negativeZero : .positiveZero }
        if isSubnormal { return sign ? .negativeSubnormal : .positiveSubnormal }
        return sign ? .negativeNormal : .positiveNormal
    }
}

/// The ten classes of IEEE 754-2019 5.7.2.
public enum FloatClass: String, CaseIterable, Sendable {
    case signalingNaN, quietNaN, negativeInfinity, negativeNormal, negativeSubnormal, negativeZero
    case positiveZero, positiveSubnormal, positiveNormal, positiveInfinity
}

/// The working form of a finite nonzero operand: the significand shifted so that its leading
/// one is bit 62, and the biased exponent it would have as a normal number (subnormals get
/// exponents below 1). Its value is `significand / 2^62 * 2^(exponent - bias)`.
@usableFromInline @frozen
struct Normalized {
    @usableFromInline var exponent: Int
    @usableFromInline var significand: UInt64

    @inlinable @inline(__always)
    init(exponent: Int, significand: UInt64) {
        self.exponent = exponent
        self.significand = significand
    }
}

extension BinaryFloat {
    /// Bits below the last significand bit in the working form (62 - f); the rounding point.
    @inlinable @inline(__always)
    static var roundBitCount: Int { 62 - Format.fractionBitCount }

    /// The working form of a finite nonzero value.
    @inlinable @inline(__always)
    var normalized: Normalized {
        let e = exponentField
        let f = fractionField
        // A normal number; in a format without zero (E8M0) field 0 is normal too.
        if e != 0 || !Format.hasZero {
            return Normalized(
                exponent: e, significand: (f | (1 &<< UInt64(Format.fractionBitCount))) &<< UInt64(Self.roundBitCount))
        }
        let shift = f.leadingZeroBitCount - 1
        return Normalized(exponent: 1 - (shift - Self.roundBitCount), significand: f &<< UInt64(shift))
    }
}

/// A binary interchange format: sign bit, `exponentBitCount` exponent bits, and
/// `fractionBitCount` trailing significand bits, stored in `Bits`.
///
/// The format lives in the type, not in a value, so that after specialisation every
/// mask, bias and shift in the generic arithmetic is a compile-time constant.
public protocol BinaryFormat: Sendable {
    /// The unsigned integer that stores one encoding.
    associatedtype Bits: FixedWidthInteger & UnsignedInteger & Sendable
    /// Width w of the biased exponent field.
    static var exponentBitCount: Int { get }
    /// Width f of the trailing significand (fraction) field; precision p = f + 1.
    static var fractionBitCount: Int { get }
    /// The name used in tables and messages ("binary16").
    static var name: String { get }
    /// False for formats such as OCP E4M3 whose top exponent encodes finite numbers.
    static var hasInfinities: Bool { get }
    /// False for formats without NaN encodings (OCP MX FP6 and FP4): every encoding is a number.
    static var hasNaN: Bool { get }
    /// False for unsigned formats (OCP MX E8M0): no sign bit, every encoding is non-negative.
    static var hasSign: Bool { get }
    /// False for formats without zero and subnormals (OCP MX E8M0), whose exponent field 0
    /// encodes the normal number 2^-bias.
    static var hasZero: Bool { get }
}

extension BinaryFormat {
    @inlinable @inline(__always) public static var hasInfinities: Bool { true }
    @inlinable @inline(__always) public static var hasNaN: Bool { true }
    @inlinable @inline(__always) public static var hasSign: Bool { true }
    @inlinable @inline(__always) public static var hasZero: Bool { true }

    /// Storage width in bits (1 + w + f, or w + f in an unsigned format).
    @inlinable @inline(__always) public static var bitWidth: Int {
        (hasSign ? 1 : 0) + exponentBitCount + fractionBitCount
    }
    /// Precision p in bits, counting the implicit leading bit.
    @inlinable @inline(__always) public static var precision: Int { fractionBitCount + 1 }
    /// Exponent bias, 2^(w-1) - 1.
    @inlinable @inline(__always) public static var bias: Int { (1 << (exponentBitCount - 1)) - 1 }
    /// The all-ones exponent field (infinities and NaNs in IEEE formats).
    @inlinable @inline(__always) public static var maxExponentField: Int { (1 << exponentBitCount) - 1 }
    /// emin = 1 - bias: the exponent of the smallest normal number (-bias in a format without
    /// zero, whose field 0 is normal).
    @inlinable @inline(__always) public static var minExponent: Int { (hasZero ? 1 : 0) - bias }
    /// emax: the exponent of the largest finite number.
    @inlinable @inline(__always) public static var maxExponent: Int {
        Int(truncatingIfNeeded: maxFiniteMagnitude &>> UInt64(fractionBitCount)) - bias
    }

    /// The sign bit (0 in an unsigned format, so that no encoding carries a sign).
    @inlinable @inline(__always) static var signMask: UInt64 { hasSign ? 1 &<< UInt64(bitWidth - 1) : 0 }
    @inlinable @inline(__always) static var fractionMask: UInt64 { (1 &<< UInt64(fractionBitCount)) &- 1 }
    @inlinable @inline(__always) static var exponentMask: UInt64 {
        UInt64(maxExponentField) &<< UInt64(fractionBitCount)
    }
    @inlinable @inline(__always) static var magnitudeMask: UInt64 {
        hasSign ? signMask &- 1 : (1 &<< UInt64(bitWidth)) &- 1
    }
    /// The quiet bit: the most significant fraction bit of a NaN (none without a fraction field).
    @inlinable @inline(__always) static var quietBit: UInt64 {
        fractionBitCount > 0 ? 1 &<< UInt64(fractionBitCount - 1) : 0
    }
    /// Magnitude bits of +infinity (IEEE formats only).
    @inlinable @inline(__always) static var infinityMagnitude: UInt64 { exponentMask }
    /// Magnitude bits of the largest finite value: below the infinity in IEEE formats, one
    /// below the all-ones NaN when the top field holds numbers (E4M3 0x7E, E8M0 0xFE), the
    /// all-ones encoding itself without infinities and NaNs (FP6, FP4).
    @inlinable @inline(__always) static var maxFiniteMagnitude: UInt64 {
        hasInfinities
            ? exponentMask &- (1 &<< UInt64(fractionBitCount)) | fractionMask
            : hasNaN ? (exponentMask | fractionMask) &- 1 : exponentMask | fractionMask
    }
    /// Magnitude bits of the canonical quiet NaN (formats without NaN: unused, see
    /// `BinaryFloat.defaultNaN`).
    @inlinable @inline(__always) static var nanMagnitude: UInt64 {
        hasInfinities ? exponentMask | quietBit : exponentMask | fractionMask
    }
}

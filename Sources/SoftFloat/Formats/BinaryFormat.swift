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
}

extension BinaryFormat {
    @inlinable @inline(__always) public static var hasInfinities: Bool { true }

    /// Storage width in bits (1 + w + f).
    @inlinable @inline(__always) public static var bitWidth: Int { 1 + exponentBitCount + fractionBitCount }
    /// Precision p in bits, counting the implicit leading bit.
    @inlinable @inline(__always) public static var precision: Int { fractionBitCount + 1 }
    /// Exponent bias, 2^(w-1) - 1.
    @inlinable @inline(__always) public static var bias: Int { (1 << (exponentBitCount - 1)) - 1 }
    /// The all-ones exponent field (infinities and NaNs in IEEE formats).
    @inlinable @inline(__always) public static var maxExponentField: Int { (1 << exponentBitCount) - 1 }
    /// emin = 1 - bias: the exponent of the smallest normal number.
    @inlinable @inline(__always) public static var minExponent: Int { 1 - bias }
    /// emax: the exponent of the largest finite number.
    @inlinable @inline(__always) public static var maxExponent: Int {
        hasInfinities ? bias : maxExponentField - bias
    }

    @inlinable @inline(__always) static var signMask: UInt64 { 1 &<< UInt64(bitWidth - 1) }
    @inlinable @inline(__always) static var fractionMask: UInt64 { (1 &<< UInt64(fractionBitCount)) &- 1 }
    @inlinable @inline(__always) static var exponentMask: UInt64 {
        UInt64(maxExponentField) &<< UInt64(fractionBitCount)
    }
    @inlinable @inline(__always) static var magnitudeMask: UInt64 { signMask &- 1 }
    /// The quiet bit: the most significant fraction bit of a NaN.
    @inlinable @inline(__always) static var quietBit: UInt64 { 1 &<< UInt64(fractionBitCount - 1) }
    /// Magnitude bits of +infinity (IEEE formats only).
    @inlinable @inline(__always) static var infinityMagnitude: UInt64 { exponentMask }
    /// Magnitude bits of the largest finite value.
    @inlinable @inline(__always) static var maxFiniteMagnitude: UInt64 {
        hasInfinities
            ? exponentMask &- (1 &<< UInt64(fractionBitCount)) | fractionMask
            : exponentMask | (fractionMask &- 1)
    }
    /// Magnitude bits of the canonical quiet NaN.
    @inlinable @inline(__always) static var nanMagnitude: UInt64 {
        hasInfinities ? exponentMask | quietBit : exponentMask | fractionMask
    }
}

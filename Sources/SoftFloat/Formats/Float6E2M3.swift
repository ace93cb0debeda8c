/// OCP MX v1.0 FP6 E2M3: 2 exponent bits (bias 1), 3 fraction bits, p = 4, stored in the low
/// six bits of a byte (sign at bit 5).
///
/// No infinities and no NaN encodings: every one of the 64 encodings is a number. emin = 0,
/// emax = 2, largest finite 1.111b * 2^2 = 7.5 (0x1F), smallest normal 1, smallest
/// subnormal 2^-3 = 0.125. A result beyond ±7.5 saturates to ±7.5 with overflow|inexact, and
/// a NaN or infinity arriving from another format becomes a zero or ±7.5 with invalid (the
/// rules of `Internals/Unrepresentable.swift`). ml_dtypes calls it `float6_e2m3fn`.
public enum Float6E2M3: BinaryFormat {
    public typealias Bits = UInt8
    @inlinable @inline(__always) public static var exponentBitCount: Int { 2 }
    @inlinable @inline(__always) public static var fractionBitCount: Int { 3 }
    @inlinable @inline(__always) public static var hasInfinities: Bool { false }
    @inlinable @inline(__always) public static var hasNaN: Bool { false }
    public static var name: String { "e2m3" }
}

/// OCP MX v1.0 FP6 E3M2: 3 exponent bits (bias 3), 2 fraction bits, p = 3, stored in the low
/// six bits of a byte (sign at bit 5).
///
/// No infinities and no NaN encodings: every one of the 64 encodings is a number. emin = -2,
/// emax = 4, largest finite 1.11b * 2^4 = 28 (0x1F), smallest normal 0.25, smallest subnormal
/// 2^-4 = 0.0625. Beyond ±28 a result saturates with overflow|inexact; a NaN or infinity from
/// another format becomes a zero or ±28 with invalid (`Internals/Unrepresentable.swift`).
/// ml_dtypes calls it `float6_e3m2fn`.
public enum Float6E3M2: BinaryFormat {
    public typealias Bits = UInt8
    @inlinable @inline(__always) public static var exponentBitCount: Int { 3 }
    @inlinable @inline(__always) public static var fractionBitCount: Int { 2 }
    @inlinable @inline(__always) public static var hasInfinities: Bool { false }
    @inlinable @inline(__always) public static var hasNaN: Bool { false }
    public static var name: String { "e3m2" }
}

/// OCP MX v1.0 FP4 E2M1: 2 exponent bits (bias 1), 1 fraction bit, p = 2, stored in the low
/// four bits of a byte (sign at bit 3).
///
/// No infinities and no NaN encodings; the 16 encodings are ±{0, 0.5, 1, 1.5, 2, 3, 4, 6}.
/// emin = 0, emax = 2, largest finite 1.1b * 2^2 = 6 (0x7), smallest subnormal 0.5. Beyond
/// ±6 a result saturates with overflow|inexact; a NaN or infinity from another format becomes
/// a zero or ±6 with invalid (`Internals/Unrepresentable.swift`). ml_dtypes calls it
/// `float4_e2m1fn`; it is also the element of NVFP4.
public enum Float4E2M1: BinaryFormat {
    public typealias Bits = UInt8
    @inlinable @inline(__always) public static var exponentBitCount: Int { 2 }
    @inlinable @inline(__always) public static var fractionBitCount: Int { 1 }
    @inlinable @inline(__always) public static var hasInfinities: Bool { false }
    @inlinable @inline(__always) public static var hasNaN: Bool { false }
    public static var name: String { "e2m1" }
}

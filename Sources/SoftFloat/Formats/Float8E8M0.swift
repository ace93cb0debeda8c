/// OCP MX v1.0 E8M0, the shared scale of MX blocks: 8 exponent bits (bias 127), no fraction
/// bits (p = 1), no sign bit.
///
/// Encoding e in 0...254 is 2^(e - 127), from 2^-127 (0x00, a normal number: there is no zero
/// and there are no subnormals) to 2^127 (0xFE); 0xFF is the NaN. Every value is a power of
/// two. ml_dtypes calls it `float8_e8m0fnu`.
///
/// Rounding a real x > 0 into it picks a neighbouring power of two by the rounding attribute;
/// the midpoint between 2^k and 2^(k+1) is 1.5 * 2^k, and at precision 1 both neighbours have
/// the odd significand 1, so a tie goes to the one larger in magnitude, 2^(k+1), in both
/// nearest attributes (IEEE 754-2019 4.3.1 for formats whose numbers all have an odd last
/// digit; MPFR 4 rounds precision-1 ties the same way, and so does ml_dtypes). What has no
/// encoding — zero, negative values, values beyond 2^127 or below 2^-127 — follows
/// `Internals/Unrepresentable.swift`.
public enum Float8E8M0: BinaryFormat {
    public typealias Bits = UInt8
    @inlinable @inline(__always) public static var exponentBitCount: Int { 8 }
    @inlinable @inline(__always) public static var fractionBitCount: Int { 0 }
    @inlinable @inline(__always) public static var hasInfinities: Bool { false }
    @inlinable @inline(__always) public static var hasSign: Bool { false }
    @inlinable @inline(__always) public static var hasZero: Bool { false }
    public static var name: String { "e8m0" }
}

/// OCP 8-bit floating point E5M2: 5 exponent bits (bias 15), 2 fraction bits, p = 3.
///
/// IEEE-like: the top half of binary16, with infinities (0x7C, 0xFC), NaNs (quiet bit 0x02),
/// emin -14, emax 15, largest finite 1.11b * 2^15 = 57344 (0x7B), smallest subnormal 2^-16.
/// The default NaN is 0xFE (negative quiet, the top byte of binary16's 0xFE00).
public enum Float8E5M2: BinaryFormat {
    public typealias Bits = UInt8
    @inlinable @inline(__always) public static var exponentBitCount: Int { 5 }
    @inlinable @inline(__always) public static var fractionBitCount: Int { 2 }
    public static var name: String { "e5m2" }
}

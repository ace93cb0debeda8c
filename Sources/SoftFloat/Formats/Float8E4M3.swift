/// OCP 8-bit floating point E4M3 ("E4M3FN" in some libraries): 4 exponent bits (bias 7),
/// 3 fraction bits, p = 4.
///
/// Not IEEE-like at the top: there are no infinities, and the top exponent field 1111 encodes
/// finite numbers except S.1111.111, the only NaN of each sign. So emax = 8 and the largest
/// finite value is 1.110b * 2^8 = 448 (0x7E); emin = -6, smallest subnormal 2^-9.
///
/// Overflow (IEEE 754-2019 7.4 decided on the rounding with an unbounded exponent range, so
/// 464 = 1.1101b * 2^8 is a tie that rounds to the even 448, while 465 overflows) delivers
/// the IEEE result for the rounding direction — largest finite or "infinity" — and "infinity"
/// becomes the NaN of the result's sign; with `FloatEnvironment.saturatesOverflow` it becomes
/// ±448 instead (OCP saturating mode). Flags are overflow|inexact either way. The default NaN
/// is 0xFF (negative); there are no signalling NaNs.
public enum Float8E4M3: BinaryFormat {
    public typealias Bits = UInt8
    @inlinable @inline(__always) public static var exponentBitCount: Int { 4 }
    @inlinable @inline(__always) public static var fractionBitCount: Int { 3 }
    @inlinable @inline(__always) public static var hasInfinities: Bool { false }
    public static var name: String { "e4m3" }
}

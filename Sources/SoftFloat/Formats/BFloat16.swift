/// bfloat16 (Google Brain float): 8 exponent bits, 7 fraction bits, p = 8; the top half of
/// binary32, with its exponent range (bias 127, emin -126, emax 127) and IEEE infinities and
/// NaNs. The default NaN follows the x86 convention of the other IEEE formats: the negative
/// quiet NaN 0xFFC0 (the top half of binary32's 0xFFC00000).
public enum BFloat16: BinaryFormat {
    public typealias Bits = UInt16
    @inlinable @inline(__always) public static var exponentBitCount: Int { 8 }
    @inlinable @inline(__always) public static var fractionBitCount: Int { 7 }
    public static var name: String { "bfloat16" }
}

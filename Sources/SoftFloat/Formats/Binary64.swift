/// IEEE 754 binary64 (double precision): 11 exponent bits, 52 fraction bits, p = 53.
public enum Binary64: BinaryFormat {
    public typealias Bits = UInt64
    @inlinable @inline(__always) public static var exponentBitCount: Int { 11 }
    @inlinable @inline(__always) public static var fractionBitCount: Int { 52 }
    public static var name: String { "binary64" }
}

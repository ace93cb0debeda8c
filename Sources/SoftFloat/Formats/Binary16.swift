/// IEEE 754 binary16 (half precision): 5 exponent bits, 10 fraction bits, p = 11.
public enum Binary16: BinaryFormat {
    public typealias Bits = UInt16
    @inlinable @inline(__always) public static var exponentBitCount: Int { 5 }
    @inlinable @inline(__always) public static var fractionBitCount: Int { 10 }
    public static var name: String { "binary16" }
}

/// IEEE 754 binary32 (single precision): 8 exponent bits, 23 fraction bits, p = 24.
public enum Binary32: BinaryFormat {
    public typealias Bits = UInt32
    @inlinable @inline(__always) public static var exponentBitCount: Int { 8 }
    @inlinable @inline(__always) public static var fractionBitCount: Int { 23 }
    public static var name: String { "binary32" }
}

/// A floating-point value in `Format`, stored as its bit pattern and nothing else.
///
/// All arithmetic is written once, generically, and specialised by the compiler per format.
/// Operations take a `FloatEnvironment` `inout` for the rounding attribute, the tininess rule
/// and the exception flags they raise.
///
/// `==` and `hashValue` (from `Hashable`) compare ENCODINGS, not values: `+0 != -0`, and a NaN
/// equals itself when the bits match. That is what collections, tests and caches keyed on bit
/// patterns need. For IEEE 754 comparison (`+0 == -0`, NaN unordered, flags raised) use the
/// comparison operations (`isEqual(to:signaling:in:)`, `isLess(than:...)`, ...).
@frozen
public struct BinaryFloat<Format: BinaryFormat>: Hashable, Sendable {
    /// The encoding: sign, biased exponent, trailing significand.
    public var bits: Format.Bits

    /// The value whose encoding is `bits`.
    @inlinable @inline(__always)
    public init(bits: Format.Bits) { self.bits = bits }

    /// The encoding widened to 64 bits, the working width of the arithmetic.
    @inlinable @inline(__always)
    var word: UInt64 { UInt64(truncatingIfNeeded: bits) }

    @inlinable @inline(__always)
    init(word: UInt64) { bits = Format.Bits(truncatingIfNeeded: word) }

    /// The value with sign `negative` and magnitude bits `magnitude`.
    @inlinable @inline(__always)
    init(negative: Bool, magnitude: UInt64) {
        self.init(word: (negative ? Format.signMask : 0) | magnitude)
    }
}

/// IEEE 754 binary16.
public typealias SoftFloat16 = BinaryFloat<Binary16>
/// IEEE 754 binary32.
public typealias SoftFloat32 = BinaryFloat<Binary32>
/// IEEE 754 binary64.
public typealias SoftFloat64 = BinaryFloat<Binary64>
/// bfloat16.
public typealias SoftBFloat16 = BinaryFloat<BFloat16>
/// OCP FP8 E4M3 (no infinities, max 448).
public typealias SoftFloat8E4M3 = BinaryFloat<Float8E4M3>
/// OCP FP8 E5M2 (IEEE-like, max 57344).
public typealias SoftFloat8E5M2 = BinaryFloat<Float8E5M2>
/// OCP MX FP6 E2M3 (no infinities, no NaN, max 7.5).
public typealias SoftFloat6E2M3 = BinaryFloat<Float6E2M3>
/// OCP MX FP6 E3M2 (no infinities, no NaN, max 28).
public typealias SoftFloat6E3M2 = BinaryFloat<Float6E3M2>
/// OCP MX FP4 E2M1 (no infinities, no NaN, max 6).
public typealias SoftFloat4E2M1 = BinaryFloat<Float4E2M1>
/// OCP MX E8M0 scale (unsigned powers of two 2^-127 ... 2^127, NaN 0xFF).
public typealias SoftFloat8E8M0 = BinaryFloat<Float8E8M0>

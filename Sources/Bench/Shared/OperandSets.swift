import SoftFloat

// This file is compiled twice: into the Bench module (for `mpstudy bench softfloat`) and, through
// a symlink, into scripts/bench-vs-berkeley's Swift harness. It imports SoftFloat and nothing else,
// so both measure SoftFloat on the same operands.

/// The two operand distributions of the SoftFloat benchmarks.
public enum OperandDistribution: String, CaseIterable, Sendable {
    /// Exponents uniform in [-7, 7], random sign and fraction, no specials; the third operand
    /// (`c`: sqrt's input, fma's addend) positive. Every operation takes its main path.
    case narrow
    /// Every exponent field, including subnormals (field 0, nonzero fraction), zeros, infinities,
    /// quiet and signalling NaNs with random payloads, and the edges (smallest normal, largest
    /// binade); random signs everywhere. Mostly ordinary numbers of any magnitude.
    case full

    /// The name in tables and files.
    public var name: String { rawValue }
}

/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny generator, self-contained so that this file
/// needs nothing beyond SoftFloat. Its sequence depends only on the seed.
public struct SplitMix64: Sendable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z &>> 31)
    }
}

/// Draws operand encodings of one format from one distribution.
public enum OperandGenerator {
    /// One encoding of a format with `exponentBits` and `fractionBits`, as a 64-bit word.
    public static func word(
        exponentBits: Int, fractionBits: Int, _ distribution: OperandDistribution, positive: Bool,
        _ rng: inout SplitMix64
    ) -> UInt64 {
        let fractionMask = (UInt64(1) << UInt64(fractionBits)) - 1
        let maxField = (UInt64(1) << UInt64(exponentBits)) - 1
        let bias = Int(maxField >> 1)
        let r = rng.next()
        let sign: UInt64 = positive ? 0 : (r >> 63) << UInt64(exponentBits + fractionBits)
        let fraction = rng.next() & fractionMask
        let field: UInt64
        var significand = fraction
        switch distribution {
        case .narrow:
            field = UInt64(Int(r % 15) - 7 + bias)
        case .full:
            // One class in 32 each: zero, infinity, quiet NaN, signalling NaN, smallest-normal
            // binade, largest binade; two in 32 subnormal; the rest uniform over the normal fields.
            switch (r >> 8) % 32 {
            case 0: (field, significand) = (0, 0)
            case 1: (field, significand) = (maxField, 0)
            case 2: (field, significand) = (maxField, fraction | (fractionMask + 1) >> 1)
            case 3: (field, significand) = (maxField, max(fraction & (fractionMask >> 1), 1))
            case 4, 5: (field, significand) = (0, max(fraction, 1))
            case 6: field = 1
            case 7: field = maxField - 1
            default: field = 1 + (r >> 16) % (maxField - 1)
            }
        }
        return sign | field << UInt64(fractionBits) | significand
    }

    /// `count` encodings of `F` drawn from `distribution`.
    public static func operands<F: BinaryFormat>(
        _: F.Type, count: Int, _ distribution: OperandDistribution, positive: Bool = false,
        _ rng: inout SplitMix64
    ) -> [BinaryFloat<F>] {
        (0..<count).map { _ in
            let w = word(
                exponentBits: F.exponentBitCount, fractionBits: F.fractionBitCount, distribution,
                positive: positive, &rng)
            return BinaryFloat<F>(bits: F.Bits(truncatingIfNeeded: w))
        }
    }
}

/// The three operand arrays of one format: `a` and `b` for the binary operations, `c` for sqrt
/// and as fma's addend; the conversions read `a`.
public struct OperandTriple<F: BinaryFormat>: Sendable {
    public var a: [BinaryFloat<F>]
    public var b: [BinaryFloat<F>]
    public var c: [BinaryFloat<F>]

    /// Draws the triple; `c` is positive in the narrow distribution.
    public init(count: Int, _ distribution: OperandDistribution, _ rng: inout SplitMix64) {
        a = OperandGenerator.operands(F.self, count: count, distribution, &rng)
        b = OperandGenerator.operands(F.self, count: count, distribution, &rng)
        c = OperandGenerator.operands(F.self, count: count, distribution, positive: distribution == .narrow, &rng)
    }

    public init(a: [BinaryFloat<F>], b: [BinaryFloat<F>], c: [BinaryFloat<F>]) {
        (self.a, self.b, self.c) = (a, b, c)
    }
}

/// The operands of one distribution in every benchmarked format.
public struct OperandSet: Sendable {
    public var distribution: OperandDistribution
    public var half: OperandTriple<Binary16>
    public var single: OperandTriple<Binary32>
    public var double: OperandTriple<Binary64>
    public var brain: OperandTriple<BFloat16>

    /// Draws every format's triple, in the fixed order binary16, binary32, binary64, bfloat16.
    public init(count: Int, _ distribution: OperandDistribution, seed: UInt64) {
        var rng = SplitMix64(seed: seed ^ (distribution == .narrow ? 0 : 0x5EED_F011))
        self.distribution = distribution
        half = OperandTriple(count: count, distribution, &rng)
        single = OperandTriple(count: count, distribution, &rng)
        double = OperandTriple(count: count, distribution, &rng)
        brain = OperandTriple(count: count, distribution, &rng)
    }

    public init(
        distribution: OperandDistribution, half: OperandTriple<Binary16>, single: OperandTriple<Binary32>,
        double: OperandTriple<Binary64>, brain: OperandTriple<BFloat16>
    ) {
        (self.distribution, self.half, self.single, self.double, self.brain) =
            (distribution, half, single, double, brain)
    }

    /// Number of operands per array.
    public var count: Int { half.a.count }
}

import _MPStudySupport
import SoftFloat

/// The parameters of a format as the `mpstudy formats` table shows them (plain values, for
/// the Reporter to render).
public struct FormatParameters: Sendable, Equatable {
    /// Command-line name and aliases (`half`: binary16, fp16, float16).
    public var name: String
    public var aliases: [String]
    public var storageBits: Int
    public var exponentBits: Int
    public var fractionBits: Int
    public var bias: Int
    /// Precision p (fraction bits + 1).
    public var precision: Int
    public var minExponent: Int
    public var maxExponent: Int
    public var hasInfinities: Bool
    /// False for formats in which every encoding is a number (OCP MX FP6, FP4).
    public var hasNaN: Bool
    /// False for the unsigned E8M0 (no sign bit).
    public var hasSign: Bool
    /// False for E8M0 (no zero and no subnormals: its field 0 is 2^-127).
    public var hasSubnormals: Bool
    /// Shortest decimal and exact decimal of the largest finite value.
    public var largestFinite: String
    /// 2^emin, to 6 significant digits (rounded to nearest, ties away), with the power:
    /// `6.10352e-05 (2^-14)`; the same for the next three.
    public var smallestNormal: String
    /// 2^(emin - f).
    public var smallestSubnormal: String
    /// Machine epsilon 2^(1-p): the gap between 1 and the next value.
    public var machineEpsilon: String
    /// Unit roundoff u = 2^-p: the largest relative error of rounding to nearest.
    public var unitRoundoff: String
    /// p * log10(2): decimal digits of precision.
    public var decimalDigits: Double
    /// The five values above with every digit, for machine-readable output (`formats --json`):
    /// a reader parses them without the rounding of the short forms.
    public var exact: ExactValues

    /// Every digit of the largest finite value, 2^emin, 2^(emin - f), 2^(1-p) and 2^-p.
    public struct ExactValues: Sendable, Equatable {
        public var largestFinite: String
        public var smallestNormal: String
        public var smallestSubnormal: String
        public var machineEpsilon: String
        public var unitRoundoff: String
    }

    /// The parameters of `kind`.
    public init(_ kind: FormatKind) {
        self.init(FormatChoice.builtIn(kind))
    }

    /// The parameters of a built-in or runtime format (a runtime one has no aliases).
    public init(_ choice: FormatChoice) {
        struct Visitor: FormatVisitor {
            func visit<F: BinaryFormat>(_: F.Type) -> FormatParameters { FormatParameters(F.self) }
        }
        self = choice.visit(Visitor())
        name = choice.name
        if case .builtIn(let kind) = choice { aliases = Array(kind.aliases.dropFirst()) }
    }

    /// The parameters of `F`; values as shortest decimals with their power of two.
    public init<F: BinaryFormat>(_: F.Type) {
        typealias Value = BinaryFloat<F>
        // In binary64, which holds every power shown exactly (FP4's unit roundoff 2^-2 lies
        // below its own smallest subnormal 0.5).
        func powerOfTwo(_ k: Int) -> SoftFloat64 {
            var env = FloatEnvironment()
            return SoftFloat64(Int64(1), in: &env).scaled(byPowerOfTwo: k, in: &env)
        }
        // 2^k to 6 significant digits, rounded to nearest once from its exact value (a
        // binary64, exactly, for every k down to binary64's -1074): 2^-14 = 0.00006103515625
        // is 6.10352e-05.
        // Trailing zeros are dropped only from exact values (2^-3 = 1.25e-01), so that a
        // rounded one keeps its 6 digits (2^-149 = 1.40130e-45, not 1.4013e-45).
        func power(_ k: Int) -> String {
            let significant = powerOfTwo(k).exactDecimal.filter(\.isNumber).drop { $0 == "0" }.count
            let shown = DecimalText.scientific(
                Double(sign: .plus, exponent: k, significand: 1), digits: 6,
                trimmingZeros: significant <= 6, from: .exact)
            return "\(shown) (2^\(k))"
        }
        name = F.name
        aliases = []
        storageBits = F.bitWidth
        exponentBits = F.exponentBitCount
        fractionBits = F.fractionBitCount
        bias = F.bias
        precision = F.precision
        minExponent = F.minExponent
        maxExponent = F.maxExponent
        hasInfinities = F.hasInfinities
        hasNaN = F.hasNaN
        hasSign = F.hasSign
        hasSubnormals = F.hasZero
        let largest = Value.greatestFinite()
        largestFinite = largest.exactDecimal.count <= 12 ? largest.exactDecimal : largest.shortestDescription
        smallestNormal = power(F.minExponent)
        smallestSubnormal = power(F.minExponent - F.fractionBitCount)
        machineEpsilon = power(1 - F.precision)
        unitRoundoff = power(-F.precision)
        decimalDigits = Double(F.precision) * 0.301_029_995_663_981_2
        exact = ExactValues(
            largestFinite: largest.exactDecimal,
            smallestNormal: powerOfTwo(F.minExponent).exactDecimal,
            smallestSubnormal: powerOfTwo(F.minExponent - F.fractionBitCount).exactDecimal,
            machineEpsilon: powerOfTwo(1 - F.precision).exactDecimal,
            unitRoundoff: powerOfTwo(-F.precision).exactDecimal)
    }
}

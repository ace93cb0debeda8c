import SoftFloat
import _MPStudySupport

/// Draws operands in format `F` that hit the hard cases of IEEE arithmetic: exponent
/// boundaries (subnormal/normal, overflow threshold, near 1), fraction patterns that make
/// exact ties and carries (runs of ones, single bits, few significant bits), operand pairs that
/// cancel or align at the rounding point, products and quotients near the range limits,
/// signed zeros, infinities, quiet and signalling NaNs. Deterministic for a given seed.
public struct OperandGenerator<F: BinaryFormat> {
    var rng: SeededGenerator

    public init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    public typealias Value = BinaryFloat<F>

    static var fractionMask: UInt64 { (1 << UInt64(F.fractionBitCount)) - 1 }
    static var topExponent: Int { F.maxExponentField - (F.hasInfinities ? 1 : 0) }

    mutating func below(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    static func make(_ negative: Bool, _ exponentField: Int, _ fraction: UInt64) -> Value {
        let e = UInt64(min(max(exponentField, 0), F.maxExponentField))
        let word =
            (negative && F.hasSign ? UInt64(1) << UInt64(F.bitWidth - 1) : 0)
            | e << UInt64(F.fractionBitCount) | (fraction & fractionMask)
        return Value(bits: F.Bits(truncatingIfNeeded: word))
    }

    /// A fraction field with a structure that provokes ties, carries and sticky bits.
    mutating func fraction() -> UInt64 {
        let f = F.fractionBitCount
        let mask = Self.fractionMask
        if f == 0 { return 0 }  // E8M0: no fraction field
        switch below(8) {
        case 0: return 0
        case 1: return mask
        case 2: return UInt64(1) << UInt64(below(f))
        case 3: return mask ^ (UInt64(1) << UInt64(below(f)))
        case 4:  // a run of ones
            let lo = below(f)
            let hi = lo + below(f - lo) + 1
            return (mask >> UInt64(f - hi)) & ~((UInt64(1) << UInt64(lo)) - 1)
        case 5:  // few significant bits: exact results and ties
            return (rng.next() & mask) & ~((UInt64(1) << UInt64(below(f + 1))) - 1)
        default: return rng.next() & mask
        }
    }

    /// A biased exponent field, mostly finite, concentrated at the interesting boundaries.
    mutating func exponentField() -> Int {
        let p = F.precision
        switch below(8) {
        case 0: return 0
        case 1: return 1 + below(p + 2)
        case 2: return max(Self.topExponent - below(p + 2), 1)
        case 3: return F.bias - p - 2 + below(2 * p + 5)
        default: return 1 + below(Self.topExponent)
        }
    }

    /// One special value: zeros, infinities, NaNs, the range limits.
    mutating func special() -> Value {
        let negative = chance(50)
        switch below(10) {
        case 0, 9: return Self.make(negative, 0, 0)
        case 1: return F.hasInfinities ? Self.make(negative, F.maxExponentField, 0) : .defaultNaN
        case 2: return Self.make(negative, F.maxExponentField, Self.fractionMask)  // a quiet NaN
        case 3:  // a signalling NaN with a random payload
            let payload = max(rng.next() & (Self.fractionMask >> 1), 1)
            return F.hasInfinities ? Self.make(negative, F.maxExponentField, payload) : .defaultNaN
        case 4: return .greatestFinite(negative: negative)
        case 5: return Self.make(negative, 1, 0)
        case 6: return Self.make(negative, 0, 1)
        case 7: return Self.make(negative, 0, Self.fractionMask)
        default: return Self.make(negative, F.bias, 0)
        }
    }

    /// One operand on its own.
    public mutating func operand() -> Value {
        if chance(6) { return special() }
        return Self.make(chance(50), exponentField(), fraction())
    }

    /// A second operand related to `a`: same or nearby exponent (alignment at the rounding
    /// point, cancellation), a few ulps away, or scaled toward the range limits for `op`.
    mutating func partner(of a: Value, for op: CheckedOperation) -> Value {
        // Pair a zero with a zero half the time: the signed-zero rules of sums (6.3).
        if a.isZero && chance(50) { return Self.make(chance(50), 0, 0) }
        let ea = a.exponentField
        let p = F.precision
        switch below(8) {
        case 0, 1: return operand()
        case 2:  // nearby bits: massive cancellation in add/sub, quotients near 1
            let delta = UInt64(below(5))
            let word = UInt64(a.bits) &+ (chance(50) ? delta : 0 &- delta)
            return Value(bits: F.Bits(truncatingIfNeeded: word)).negatedIf(chance(50))
        case 3, 4:  // exponent within p + 3 of a's
            return Self.make(chance(50), ea + below(2 * p + 7) - p - 3, fraction())
        default:
            // For mul and div, steer the result exponent to the subnormal or overflow boundary.
            let target = chance(50) ? 1 + below(p + 3) - p - 1 : Self.topExponent + below(5) - 2
            let eb: Int
            switch op {
            case .mul, .fma: eb = target - ea + F.bias
            case .div: eb = ea - target + F.bias
            default: eb = ea + below(2 * p + 7) - p - 3
            }
            return Self.make(chance(50), eb, fraction())
        }
    }

    /// The operands of one case of `op`; `c` is only meaningful for fma.
    public mutating func operands(for op: CheckedOperation) -> (a: Value, b: Value, c: Value) {
        let a = operand()
        let p = F.precision
        switch op {
        case .convert:
            return (a, a, a)
        case .sqrt:
            guard chance(40) else { return (a, a, a) }
            // A square, exact or a few ulps off: exact roots and results near ties.
            var env = FloatEnvironment()
            let square = a.multiplied(by: a, in: &env)
            let delta = UInt64(below(3))
            let word = UInt64(square.bits) &+ (chance(50) ? delta : 0 &- delta)
            let x = Value(bits: F.Bits(truncatingIfNeeded: word))
            return (x, x, x)
        case .fma:
            let b = partner(of: a, for: op)
            var env = FloatEnvironment(rounding: RoundingRule.allCases[below(5)])
            let product = a.multiplied(by: b, in: &env)
            let c: Value
            switch below(4) {
            case 0: c = operand()
            case 1:  // c cancels most of a*b: tests the exact product, not the rounded one
                let delta = UInt64(below(3))
                let word = UInt64(product.bits) &+ (chance(50) ? delta : 0 &- delta)
                c = Value(bits: F.Bits(truncatingIfNeeded: word)).negatedIf(!chance(20))
            default:
                c = Self.make(chance(50), product.exponentField + below(2 * p + 7) - p - 3, fraction())
            }
            return (a, b, c)
        default:
            return (a, partner(of: a, for: op), a)
        }
    }
}

extension BinaryFloat {
    /// `-self` when `flag` (a sign-bit flip, exact); `self` in an unsigned format (E8M0).
    func negatedIf(_ flag: Bool) -> Self {
        guard flag && Format.hasSign else { return self }
        return Self(bits: bits ^ (Format.Bits(1) << Format.Bits(Format.bitWidth - 1)))
    }
}

/// Conversions to and from integer formats (IEEE 754-2019, 5.8 and 5.4.1
/// convertFromInt), for Int32, Int64, UInt32 and UInt64 (any fixed-width integer of at most
/// 64 bits).
extension BinaryFloat {
    /// `self` rounded to an integer by `rounding` and converted to `I`
    /// (convertToIntegerTiesToEven, ...TowardZero, ...TowardPositive, ...TowardNegative,
    /// ...TiesToAway; with `exact`, convertToIntegerExact..., which also raises inexact when
    /// the value changes).
    ///
    /// Invalid conversions (NaN, infinities, values whose rounded value is out of `I`'s range)
    /// raise invalid and nothing else, and return the x86 "integer indefinite": the most
    /// negative value for signed types, the largest for unsigned (DESIGN.md). A negative value
    /// that rounds to zero converts to 0 for unsigned types.
    @inlinable
    public func converted<I: FixedWidthInteger>(
        toInteger _: I.Type, rounding: RoundingRule, exact: Bool = false,
        in env: inout FloatEnvironment
    ) -> I {
        precondition(I.bitWidth <= 64, "integer conversions support types of at most 64 bits")
        let invalid: I = I.isSigned ? I.min : I.max
        guard isFinite else {
            env.flags.insert(.invalid)
            return invalid
        }
        if isZero { return 0 }
        let (magnitude, inexact, fits) = Self.roundedMagnitude(self, rounding, limitBits: I.bitWidth)
        let negative = sign
        // Range after rounding: signed [-2^(w-1), 2^(w-1) - 1], unsigned [0, 2^w - 1].
        let inRange: Bool
        if !fits {
            inRange = false
        } else if I.isSigned {
            let limit = UInt64(1) &<< UInt64(I.bitWidth - 1)
            inRange = negative ? magnitude <= limit : magnitude < limit
        } else {
            inRange = negative ? magnitude == 0 : (I.bitWidth == 64 || magnitude <= UInt64(I.max))
        }
        guard inRange else {
            env.flags.insert(.invalid)
            return invalid
        }
        if exact && inexact { env.flags.insert(.inexact) }
        return negative ? I(truncatingIfNeeded: 0 &- magnitude) : I(truncatingIfNeeded: magnitude)
    }

    /// |x| rounded to an integer by `rule` (direction read with x's sign): the magnitude,
    /// whether it differs from |x|, and whether it fits in `limitBits` bits.
    @inlinable
    static func roundedMagnitude(_ x: Self, _ rule: RoundingRule, limitBits: Int) -> (UInt64, Bool, Bool) {
        let (f, e) = x.integerSignificandAndExponent!
        if e >= 0 {
            let width = 64 - f.leadingZeroBitCount + e
            return width > limitBits ? (0, false, false) : (f &<< UInt64(e), false, true)
        }
        let shift = -e
        let integer: UInt64
        let remainder: UInt64
        let half: UInt64
        if shift >= 64 {
            // |x| < 2^53 * 2^-64: below one half, nonzero.
            (integer, remainder, half) = (0, 1, 2)
        } else {
            integer = f &>> UInt64(shift)
            remainder = f & ((1 &<< UInt64(shift)) &- 1)
            half = 1 &<< UInt64(shift - 1)
        }
        let increment: Bool
        switch rule {
        case .toNearestOrEven: increment = remainder > half || (remainder == half && integer & 1 == 1)
        case .toNearestOrAway: increment = remainder >= half
        case .towardZero: increment = false
        case .up: increment = !x.sign && remainder != 0
        case .down: increment = x.sign && remainder != 0
        }
        let magnitude = integer &+ (increment ? 1 : 0)
        let width = 64 - magnitude.leadingZeroBitCount
        return (magnitude, remainder != 0, width <= limitBits)
    }

    /// The integer `value` in this format, rounded by `env` (convertFromInt); inexact when
    /// it has more significant bits than p, overflow for E4M3/E5M2/binary16 magnitudes beyond
    /// the largest finite value. Zero converts to +0.
    @inlinable
    public init<I: FixedWidthInteger>(_ value: I, in env: inout FloatEnvironment) {
        precondition(I.bitWidth <= 64, "integer conversions support types of at most 64 bits")
        self = Self.fromMagnitude(UInt64(truncatingIfNeeded: value.magnitude), negative: value < 0, &env)
    }

    /// ±magnitude rounded into the format.
    @inlinable
    static func fromMagnitude(_ magnitude: UInt64, negative: Bool, _ env: inout FloatEnvironment) -> Self {
        if magnitude == 0 { return exactZero(negative: negative, &env) }
        let top = 63 - magnitude.leadingZeroBitCount
        // Leading one to bit 62, the bit shifted out (if top is 63) kept sticky.
        let working = top == 63 ? shiftRightJam(magnitude, 1) : magnitude &<< UInt64(62 - top)
        return roundPack(negative: negative, exponent: top + Format.bias, significand: working, &env)
    }
}

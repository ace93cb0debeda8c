extension BinaryFloat {
    /// Rounds `significand / 2^62 * 2^(exponent - bias)` to the format under `env.rounding`,
    /// packs it with `negative`, and raises inexact, underflow and overflow as IEEE 754 says.
    ///
    /// `significand` must have its leading one at bit 62; bit 0 is sticky (ORed with every
    /// lower bit of the exact value), and there are at least two bits below the rounding
    /// point, so one rounding here is the one correct rounding of the exact value.
    @inlinable @inline(__always)
    static func roundPack(
        negative: Bool, exponent: Int, significand: UInt64,
        _ env: inout FloatEnvironment
    ) -> Self {
        let x = roundBitCount
        let rule = env.rounding
        var exponent = exponent
        var significand = significand
        var tiny = false
        if exponent < 1 {
            // Tiny before rounding: the exact value is below 2^emin. After rounding it is tiny
            // unless rounding to p bits with an unbounded exponent carries it up to 2^emin.
            tiny =
                env.tininess == .beforeRounding || exponent < 0
                || roundedSignificand(significand, x, rule, negative) &>> UInt64(Format.precision) == 0
            significand = shiftRightJam(significand, 1 - exponent)
            exponent = 1
        } else if exponent > Format.maxExponentField + 1 {
            return overflow(negative: negative, &env)
        }
        let inexact = significand & ((1 &<< UInt64(x)) &- 1) != 0
        let rounded = roundedSignificand(significand, x, rule, negative)
        // Adding the significand (implicit bit included) lets a carry step the exponent.
        let magnitude = (UInt64(exponent - 1) &<< UInt64(Format.fractionBitCount)) &+ rounded
        if magnitude > Format.maxFiniteMagnitude {
            return overflow(negative: negative, &env)
        }
        let raised: ExceptionFlags = tiny ? [.underflow, .inexact] : .inexact
        env.flags.formUnion(inexact ? raised : [])
        return Self(negative: negative, magnitude: magnitude)
    }

    /// `significand >> x` rounded by `rule` (the discarded bits decide).
    @inlinable @inline(__always)
    static func roundedSignificand(_ significand: UInt64, _ x: Int, _ rule: RoundingRule, _ negative: Bool) -> UInt64 {
        let mask: UInt64 = (1 &<< UInt64(x)) &- 1
        let half: UInt64 = 1 &<< UInt64(x - 1)
        let increment: UInt64
        switch rule {
        case .toNearestOrEven, .toNearestOrAway: increment = half
        case .towardZero: increment = 0
        case .up: increment = negative ? 0 : mask
        case .down: increment = negative ? mask : 0
        }
        var rounded = (significand &+ increment) &>> UInt64(x)
        if rule == .toNearestOrEven && significand & mask == half {
            rounded &= ~1  // exact tie: back to even
        }
        return rounded
    }

    /// The result of an overflow (IEEE 754-2019, 7.4): infinity, or the largest finite value
    /// when the rounding direction points back toward zero; raises overflow and inexact.
    @inlinable
    static func overflow(negative: Bool, _ env: inout FloatEnvironment) -> Self {
        let toInfinity: Bool
        switch env.rounding {
        case .toNearestOrEven, .toNearestOrAway: toInfinity = true
        case .towardZero: toInfinity = false
        case .up: toInfinity = !negative
        case .down: toInfinity = negative
        }
        return overflow(negative: negative, toInfinity: toInfinity, &env)
    }

    /// An overflow whose IEEE result is infinity (`toInfinity`) or the largest finite value.
    /// "Infinity" is delivered as ±largest finite when `env.saturatesOverflow`, and in formats
    /// without infinities (E4M3) otherwise as the NaN with the result's sign.
    @inlinable
    static func overflow(negative: Bool, toInfinity: Bool, _ env: inout FloatEnvironment) -> Self {
        env.flags.insert([.overflow, .inexact])
        return toInfinity && !env.saturatesOverflow ? infinity(negative: negative) : greatestFinite(negative: negative)
    }

    /// An exact infinite result (division by zero, logB(0)): ±infinity; in a format without
    /// infinities the NaN of that sign, or ±largest finite when `env.saturatesOverflow`
    /// (OCP saturating mode). Raises nothing: the caller raises what the operation signals.
    @inlinable @inline(__always)
    static func infiniteResult(negative: Bool, _ env: FloatEnvironment) -> Self {
        if !Format.hasInfinities && env.saturatesOverflow { return greatestFinite(negative: negative) }
        return infinity(negative: negative)
    }
}

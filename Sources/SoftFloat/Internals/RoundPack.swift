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
        if !Format.hasZero {
            // E8M0: no zero, no subnormals (Internals/Unrepresentable.swift).
            return packWithoutZero(
                negative: negative, exponent: exponent,
                rounded: roundedSignificand(significand, x, rule, negative),
                inexact: significand & ((1 &<< UInt64(x)) &- 1) != 0,
                tinyBefore: env.tininess == .beforeRounding, &env)
        }
        var exponent = exponent
        var significand = significand
        var tiny = false
        // One unsigned comparison sends both rare cases, exponent < 1 and exponent > the
        // largest field, off the common path.
        if UInt(bitPattern: exponent &- 1) >= UInt(Format.maxExponentField) {
            // At least 2^(emax + 1) (or 2^9 = 512 in E4M3, past its 448): every rounding overflows.
            if exponent > 0 { return overflow(negative: negative, &env) }
            // Tiny before rounding: the exact value is below 2^emin. After rounding it is tiny
            // unless rounding to p bits with an unbounded exponent carries it up to 2^emin.
            tiny =
                env.tininess == .beforeRounding || exponent < 0
                || roundedSignificand(significand, x, rule, negative) &>> UInt64(Format.precision) == 0
            significand = shiftRightJam(significand, 1 - exponent)
            exponent = 1
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
        // Comparisons rather than a switch, so the increment is a select and not a jump table.
        let nearest = rule == .toNearestOrEven || rule == .toNearestOrAway
        let awayFromZero = rule == (negative ? .down : .up)
        let increment: UInt64 = nearest ? half : awayFromZero ? mask : 0
        let rounded = (significand &+ increment) &>> UInt64(x)
        // An exact tie under ties-to-even goes back to the even neighbour.
        let tieToEven: UInt64 = rule == .toNearestOrEven && significand & mask == half ? 1 : 0
        return rounded & ~tieToEven
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
    /// without infinities otherwise as the NaN with the result's sign (E4M3, E8M0) or, without
    /// NaN either, as ±largest finite (FP6, FP4; `Internals/Unrepresentable.swift`).
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
        // -infinity in an unsigned format (E8M0): the NaN, or the least value saturating.
        if !Format.hasSign && negative { return env.saturatesOverflow ? Self(word: 0) : defaultNaN }
        if !Format.hasInfinities && env.saturatesOverflow { return greatestFinite(negative: negative) }
        return infinity(negative: negative)
    }
}

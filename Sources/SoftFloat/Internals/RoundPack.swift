extension BinaryFloat {
    /// Rounds `significand / 2^62 * 2^(exponent - bias)` to the format under `env.rounding`,
    /// packs it with `negative`, and raises inexact, underflow and overflow as IEEE 754 says.
    ///
    /// `significand` must have its leading one at bit 62; bit 0 is sticky (ORed with every
    /// lower bit of the exact value), and there are at least two bits below the rounding
    /// point, so one rounding here is the one correct rounding of the exact value.
    ///
    /// One comparison sends results in the normal range down a short path, and the rest to the
    /// branch-free `roundPackAnyExponent`. Every arithmetic operation comes here: on data of
    /// ordinary magnitudes the comparison is always predicted. (Products, quotients and fused
    /// multiply-adds once went straight to `roundPackAnyExponent`, which spares them the
    /// mispredictions when half of them leave the range; measured side by side on a Zen 4 with
    /// scripts/bench-vs-berkeley.sh, that saved up to 10% on full-range operands and cost 20-40%
    /// on ordinary ones.)
    @inlinable @inline(__always)
    static func roundPack(
        negative: Bool, exponent: Int, significand: UInt64,
        _ env: inout FloatEnvironment
    ) -> Self {
        // One well-predicted test; under the defaults every attribute below is a constant.
        if RoundingAttributes.areDefault(in: env) {
            return roundPack(negative: negative, exponent: exponent, significand: significand, .ieeeDefault, &env)
        }
        return roundPackUnderOtherAttributes(negative: negative, exponent: exponent, significand: significand, &env)
    }

    /// `roundPack` under attributes other than the defaults: a call, so that the inlined code of
    /// every operation holds one copy of the rounding, the default one.
    @inlinable @inline(never)
    static func roundPackUnderOtherAttributes(
        negative: Bool, exponent: Int, significand: UInt64,
        _ env: inout FloatEnvironment
    ) -> Self {
        roundPack(negative: negative, exponent: exponent, significand: significand, RoundingAttributes(env), &env)
    }

    /// `roundPack` under the given attributes (`env` only collects the flags).
    @inlinable @inline(__always)
    static func roundPack(
        negative: Bool, exponent: Int, significand: UInt64, _ attributes: RoundingAttributes,
        _ env: inout FloatEnvironment
    ) -> Self {
        // Exponent field in [1, largest - 1]: no subnormal result, and an overflow only when
        // rounding carries out of the top binade (left to the general path too). Formats with a
        // zero only (a constant per specialisation): E8M0's own layout is roundPackAnyExponent's.
        if Format.hasZero && UInt(bitPattern: exponent &- 1) < UInt(Format.maxExponentField &- 1) {
            let x = roundBitCount
            let rounded = roundedSignificand(significand, x, attributes.rule, negative)
            // Adding the significand (implicit bit included) lets a carry step the exponent.
            let magnitude = (UInt64(truncatingIfNeeded: exponent &- 1) &<< UInt64(Format.fractionBitCount)) &+ rounded
            if magnitude <= Format.maxFiniteMagnitude {
                let inexact = bit(significand & ((1 &<< UInt64(x)) &- 1) != 0)
                env.flags.formUnion(
                    ExceptionFlags(rawValue: UInt8(truncatingIfNeeded: inexact) &* ExceptionFlags.inexact.rawValue))
                return Self(negative: negative, magnitude: magnitude)
            }
        }
        return roundPackAnyExponent(
            negative: negative, exponent: exponent, significand: significand, attributes, &env)
    }

    /// `roundPack` for any exponent, written without branches: the results that reach it
    /// (subnormal, overflowing, or narrowed from a wider format) overflow or underflow in no
    /// predictable order, and a mispredicted branch costs more than computing every case.
    @inlinable @inline(__always)
    static func roundPackAnyExponent(
        negative: Bool, exponent: Int, significand: UInt64,
        _ env: inout FloatEnvironment
    ) -> Self {
        // One well-predicted test; under the defaults every attribute below is a constant.
        if RoundingAttributes.areDefault(in: env) {
            return roundPackAnyExponent(
                negative: negative, exponent: exponent, significand: significand, .ieeeDefault, &env)
        }
        return roundPackAnyExponentUnderOtherAttributes(
            negative: negative, exponent: exponent, significand: significand, &env)
    }

    /// `roundPackAnyExponent` under attributes other than the defaults, as a call (see
    /// `roundPackUnderOtherAttributes`).
    @inlinable @inline(never)
    static func roundPackAnyExponentUnderOtherAttributes(
        negative: Bool, exponent: Int, significand: UInt64,
        _ env: inout FloatEnvironment
    ) -> Self {
        roundPackAnyExponent(
            negative: negative, exponent: exponent, significand: significand, RoundingAttributes(env), &env)
    }

    /// `roundPackAnyExponent` under the given attributes (`env` only collects the flags).
    @inlinable @inline(__always)
    static func roundPackAnyExponent(
        negative: Bool, exponent: Int, significand: UInt64, _ attributes: RoundingAttributes,
        _ env: inout FloatEnvironment
    ) -> Self {
        let rule = attributes.rule
        if !Format.hasZero {
            // E8M0: no zero, no subnormals, its own field layout (Internals/Unrepresentable.swift).
            return packWithoutZero(
                negative: negative, exponent: exponent,
                rounded: roundedSignificand(significand, roundBitCount, rule, negative),
                inexact: significand & ((1 &<< UInt64(roundBitCount)) &- 1) != 0,
                tinyBefore: attributes.tinyBeforeRounding, &env)
        }
        let x = roundBitCount
        let mask: UInt64 = (1 &<< UInt64(x)) &- 1
        let increment = roundingIncrement(x, rule, negative)
        // Below 2^emin the value is denormalised: shifted right (jamming) by 1 - exponent onto
        // the exponent field 1, which the packing below turns into field 0 unless rounding
        // carries into the implicit bit. The leading one is at bit 62, so a shift clamped to 63
        // leaves 0 and a sticky bit, as any longer shift would.
        let field = max(exponent, 1)
        let shift = UInt64(truncatingIfNeeded: min(field &- exponent, 63))
        let working = (significand &>> shift) | bit(significand & ((1 &<< shift) &- 1) != 0)
        let rounded = roundedSignificand(working, x, rule, increment)
        // Adding the significand (implicit bit included) lets a carry step the exponent field.
        // A field clamped to one past the largest keeps every overflow above the largest finite
        // magnitude without wrapping.
        let top = UInt64(truncatingIfNeeded: min(field, Format.maxExponentField + 1) &- 1)
        let magnitude = (top &<< UInt64(Format.fractionBitCount)) &+ rounded
        // Overflow (7.4): at least 2^(emax + 1) (2^9 = 512 in E4M3, past its 448) before or after
        // rounding.
        let overflows = bit(magnitude > Format.maxFiniteMagnitude)
        let inexact = bit(working & mask != 0) | overflows
        // Tiny before rounding: the exact value is below 2^emin. After rounding it is tiny unless
        // rounding to p bits with an unbounded exponent carries it up to 2^emin, that is, past
        // bit 62 (p + x = 63). (0/1 integers, not && and ||, whose short circuits are branches.)
        let carriesToNormal = (significand &+ increment) &>> 63
        let tinyAfter = bit(attributes.tinyBeforeRounding) | bit(exponent < 0) | (carriesToNormal ^ 1)
        let tiny = bit(exponent < 1) & tinyAfter & inexact
        let flags =
            inexact &* UInt64(ExceptionFlags.inexact.rawValue) | tiny &* UInt64(ExceptionFlags.underflow.rawValue)
            | overflows &* UInt64(ExceptionFlags.overflow.rawValue)
        env.flags.formUnion(ExceptionFlags(rawValue: UInt8(truncatingIfNeeded: flags)))
        // An overflow delivers infinity when rounding away from the largest finite value (a
        // nonzero increment), else that value; saturation keeps it too, and so do formats with
        // neither infinity nor NaN (FP6, FP4: Internals/Unrepresentable.swift). Infinity's
        // magnitude (E4M3: the NaN's) is the largest finite one plus one.
        let toInfinity =
            bit(increment != 0) & (bit(attributes.saturatesOverflow) ^ 1) & bit(Format.hasInfinities || Format.hasNaN)
        let overflowMagnitude = Format.maxFiniteMagnitude &+ toInfinity
        // A mask, not `?:`: the optimiser turns a select fed by a load (the saturation flag)
        // back into a branch.
        let result = magnitude ^ (magnitude ^ overflowMagnitude) & (0 &- overflows)
        return Self(negative: negative, magnitude: result)
    }

    /// What `roundedSignificand` adds below the rounding point `x` before truncating: half a
    /// unit to round to nearest, a unit less one away from zero, nothing toward zero.
    @inlinable @inline(__always)
    static func roundingIncrement(_ x: Int, _ rule: RoundingRule, _ negative: Bool) -> UInt64 {
        // Masks rather than a switch or `?:`: no jump table, and no branch that the optimiser
        // could thread the rest of `roundPack` through.
        let nearest = bit(rule == .toNearestOrEven) | bit(rule == .toNearestOrAway)
        let awayFromZero = bit(rule == (negative ? .down : .up))
        return (0 &- nearest) & (1 &<< UInt64(x - 1)) | (0 &- awayFromZero) & ((1 &<< UInt64(x)) &- 1)
    }

    /// `significand >> x` rounded by `rule` (the discarded bits decide).
    @inlinable @inline(__always)
    static func roundedSignificand(_ significand: UInt64, _ x: Int, _ rule: RoundingRule, _ negative: Bool) -> UInt64 {
        roundedSignificand(significand, x, rule, roundingIncrement(x, rule, negative))
    }

    /// `significand >> x` rounded with `increment` (`roundingIncrement` of the same rule).
    @inlinable @inline(__always)
    static func roundedSignificand(_ significand: UInt64, _ x: Int, _ rule: RoundingRule, _ increment: UInt64)
        -> UInt64
    {
        let mask: UInt64 = (1 &<< UInt64(x)) &- 1
        let half: UInt64 = 1 &<< UInt64(x - 1)
        let rounded = (significand &+ increment) &>> UInt64(x)
        // An exact tie under ties-to-even goes back to the even neighbour.
        let tieToEven = bit(rule == .toNearestOrEven) & bit(significand & mask == half)
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

/// 1 if `condition` holds, else 0: for combining conditions without the branches that `&&`,
/// `||` and `?:` compile to (a reinterpretation, so the optimiser sees no control flow at all).
@inlinable @inline(__always)
func bit(_ condition: Bool) -> UInt64 { UInt64(unsafeBitCast(condition, to: UInt8.self)) }

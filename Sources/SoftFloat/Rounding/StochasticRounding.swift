/// Stochastic rounding: an inexact result is rounded to the neighbour of larger magnitude with
/// probability equal to the discarded fraction (the distance to the smaller neighbour in units
/// of the gap), and to the smaller one otherwise, so the rounding is unbiased in expectation:
/// E[round(x)] = x. Exact results are returned unchanged and draw no random number.
///
/// The random source is supplied by the caller (a seeded generator for reproducible runs). The
/// decision compares 62 - f random bits with the 62 - f bits of the working significand below
/// the rounding point, whose last bit is sticky (the OR of every lower bit of the exact value),
/// so the probability of rounding up differs from the exact discarded fraction by less than
/// 2^-(62 - f): 2^-52 for binary16, 2^-55 for bfloat16, 2^-59 for E4M3, 2^-39 for binary32 and
/// 2^-10 for binary64. Conversions from a format with at most 62 - f + p bits are exact
/// (no sticky bit is involved).
///
/// Flags: inexact when the result differs from the exact value. Tininess is detected before
/// rounding under stochastic rounding (the exact value is below 2^emin), whatever
/// `env.tininess` says, because "after rounding with an unbounded exponent range" would need a
/// second random draw; underflow is raised when the result is tiny and inexact. A rounding up
/// past the largest finite value overflows (overflow|inexact) to ±infinity, or as
/// `env.saturatesOverflow` and E4M3 say. The sign of an exact zero sum follows `env.rounding`
/// as for IEEE rounding (+0 unless rounding down).
@usableFromInline
struct StochasticRounder<G: RandomNumberGenerator>: ResultRounder {
    @usableFromInline var generator: G

    @inlinable @inline(__always)
    init(generator: G) { self.generator = generator }

    /// The decision compares every discarded bit with a random number.
    @inlinable @inline(__always) static var readsRoundAndStickyBitsOnly: Bool { false }

    @inlinable @inline(__always)
    mutating func roundPack<F: BinaryFormat>(
        _: F.Type, negative: Bool, exponent: Int, significand: UInt64,
        _ env: inout FloatEnvironment
    ) -> BinaryFloat<F> {
        typealias Value = BinaryFloat<F>
        let x = Value.roundBitCount
        var exponent = exponent
        var significand = significand
        var tiny = false
        if !F.hasZero {
            // E8M0: no zero, no subnormals (Internals/Unrepresentable.swift).
            let mask: UInt64 = (1 &<< UInt64(x)) &- 1
            let discarded = significand & mask
            var rounded = significand &>> UInt64(x)
            if discarded != 0 && generator.next() & mask < discarded { rounded &+= 1 }
            let field = (exponent << F.fractionBitCount) + Int(rounded) - (1 << F.fractionBitCount)
            if field > Int(F.maxFiniteMagnitude) && (F.hasSign || !negative) {
                return Value.overflow(negative: negative, toInfinity: true, &env)
            }
            return Value.packWithoutZero(
                negative: negative, exponent: exponent, rounded: rounded, inexact: discarded != 0,
                tinyBefore: true, &env)
        }
        if exponent < 1 {
            tiny = true
            significand = shiftRightJam(significand, 1 - exponent)
            exponent = 1
        } else if exponent > F.maxExponentField + 1 {
            return Value.overflow(negative: negative, toInfinity: true, &env)
        }
        let mask: UInt64 = (1 &<< UInt64(x)) &- 1
        let discarded = significand & mask
        var rounded = significand &>> UInt64(x)
        if discarded != 0 {
            // Uniform r in [0, 2^x): P(r < discarded) = discarded / 2^x.
            if generator.next() & mask < discarded { rounded &+= 1 }
        }
        let magnitude = (UInt64(exponent - 1) &<< UInt64(F.fractionBitCount)) &+ rounded
        if magnitude > F.maxFiniteMagnitude {
            return Value.overflow(negative: negative, toInfinity: true, &env)
        }
        if discarded != 0 { env.flags.formUnion(tiny ? [.underflow, .inexact] : .inexact) }
        return Value(negative: negative, magnitude: magnitude)
    }
}

/// The stochastically rounded operations. Each takes the caller's generator `inout` and
/// otherwise behaves like its IEEE counterpart (special values, NaNs, invalid and
/// divide-by-zero are the same); see `StochasticRounder` for the rounding itself.
extension BinaryFloat {
    /// `self + other`, rounded stochastically.
    @inlinable
    public func adding<G: RandomNumberGenerator>(
        _ other: Self, stochasticallyUsing generator: inout G,
        in env: inout FloatEnvironment
    ) -> Self {
        var r = StochasticRounder(generator: generator)
        defer { generator = r.generator }
        return Self.sum(self, other, negatingB: false, &env, &r)
    }

    /// `self - other`, rounded stochastically.
    @inlinable
    public func subtracting<G: RandomNumberGenerator>(
        _ other: Self, stochasticallyUsing generator: inout G,
        in env: inout FloatEnvironment
    ) -> Self {
        var r = StochasticRounder(generator: generator)
        defer { generator = r.generator }
        return Self.sum(self, other, negatingB: true, &env, &r)
    }

    /// `self * other`, rounded stochastically.
    @inlinable
    public func multiplied<G: RandomNumberGenerator>(
        by other: Self, stochasticallyUsing generator: inout G,
        in env: inout FloatEnvironment
    ) -> Self {
        var r = StochasticRounder(generator: generator)
        defer { generator = r.generator }
        return Self.product(self, other, &env, &r)
    }

    /// `self / other`, rounded stochastically.
    @inlinable
    public func divided<G: RandomNumberGenerator>(
        by other: Self, stochasticallyUsing generator: inout G,
        in env: inout FloatEnvironment
    ) -> Self {
        var r = StochasticRounder(generator: generator)
        defer { generator = r.generator }
        return Self.quotient(self, other, &env, &r)
    }

    /// The square root of `self`, rounded stochastically.
    @inlinable
    public func squareRoot<G: RandomNumberGenerator>(
        stochasticallyUsing generator: inout G,
        in env: inout FloatEnvironment
    ) -> Self {
        var r = StochasticRounder(generator: generator)
        defer { generator = r.generator }
        return Self.root(self, &env, &r)
    }

    /// `self * b + c` with one stochastic rounding.
    @inlinable
    public func fusedMultiplyAdd<G: RandomNumberGenerator>(
        _ b: Self, _ c: Self, stochasticallyUsing generator: inout G,
        in env: inout FloatEnvironment
    ) -> Self {
        var r = StochasticRounder(generator: generator)
        defer { generator = r.generator }
        return Self.fma(self, b, c, &env, &r)
    }

    /// `self` in format `T`, rounded stochastically when `T` is narrower.
    @inlinable
    public func converted<T: BinaryFormat, G: RandomNumberGenerator>(
        to target: T.Type, stochasticallyUsing generator: inout G, in env: inout FloatEnvironment
    ) -> BinaryFloat<T> {
        var r = StochasticRounder(generator: generator)
        defer { generator = r.generator }
        return convert(to: target, &env, &r)
    }
}

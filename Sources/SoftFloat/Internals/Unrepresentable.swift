/// What an operation delivers when its result has no encoding in the format — the one place
/// for the rules of formats without infinities, NaNs, zero or sign (OCP E4M3, MX FP6/FP4,
/// E8M0). IEEE formats never reach the branches below that test these properties: after
/// specialisation they fold away.
///
/// **Overflow** (a finite result whose rounding with an unbounded exponent range exceeds the
/// largest finite value, IEEE 754-2019 7.4) always raises overflow|inexact and delivers what
/// the rounding direction gives: ±largest finite toward zero, else ±infinity, and
/// - with `FloatEnvironment.saturatesOverflow`, ±largest finite instead of ±infinity (the OCP
///   conversion rule, in every format);
/// - in a format without infinities but with a NaN (E4M3, E8M0), the NaN of that sign instead
///   of ±infinity when not saturating;
/// - in a format with neither (FP6 E2M3 and E3M2, FP4 E2M1), ±largest finite in every case:
///   there is nothing else to deliver, so overflow saturates with or without
///   `saturatesOverflow`, and the flags still say overflow|inexact. This is also what
///   ml_dtypes' `float6_e2m3fn`, `float6_e3m2fn` and `float4_e2m1fn` conversions do (their
///   "infinity" is the largest finite encoding).
///
/// The same holds for roundToIntegral, whose integral result can exceed the largest finite
/// value in FP6 E2M3 only (7.5 is not an integer, and rounds to 8): ±7.5, overflow|inexact.
///
/// **Exact infinities** (division by zero) become the NaN, or ±largest finite, by the same
/// rule; an infinite operand converted into a format without infinities is invalid (it is not
/// an overflow of a finite value) and delivers the same.
///
/// **NaN into a format without NaN** (FP6, FP4): a NaN of sign s converted (or parsed) into it
/// becomes the zero of sign not-s and raises invalid. OCP MX v1.0 leaves this
/// implementation-defined; this is ml_dtypes bit for bit (`mxfloat.h`: its `quiet_NaN()` for
/// these types is the encoding 1.00.000, i.e. -0, and `float8.h`'s `ConvertImpl` returns
/// `-quiet_NaN()` for a negative NaN, i.e. +0). A NaN *result* of an invalid operation in such
/// a format (0/0, sqrt(-1), remainder(x, 0)) is the default NaN, which is negative (x86), so it
/// is delivered as +0, with invalid: `BinaryFloat.defaultNaN` is +0 there.
///
/// **E8M0** (unsigned, no zero, values 2^-127 ... 2^127, NaN 0xFF), following ml_dtypes'
/// `float8_e8m0fnu` where it decides:
/// - an exact zero or a negative result (0 converted or parsed, x - x, a - b with b > a,
///   negate, a negative integer or string, -infinity) has no encoding: invalid, and the NaN
///   (ml_dtypes' default, non-saturating conversion), or 2^-127 (0x00) when
///   `saturatesOverflow` (ml_dtypes' saturating conversion, which clamps to `lowest()`);
/// - a positive result below 2^-127 after rounding with an unbounded exponent range has no
///   smaller neighbour to go to, neither zero nor a subnormal: it is delivered as 2^-127 in
///   every rounding attribute, raising underflow|inexact (the bottom of the range saturates as
///   the top of FP6's does); ml_dtypes also gives 0x00 there. A result that rounds up to
///   2^-127 itself is tiny only before rounding (underflow under `Tininess.beforeRounding`);
/// - overflow beyond 2^127 follows the E4M3 rule above: NaN, or 2^127 saturating.
extension BinaryFloat {
    /// An exact zero result of the given sign: the zero, or in a format without zero (E8M0)
    /// `unrepresentable(_:)`.
    @inlinable @inline(__always)
    static func exactZero(negative: Bool, _ env: inout FloatEnvironment) -> Self {
        Format.hasZero ? zero(negative: negative) : unrepresentable(&env)
    }

    /// A zero or negative result in an unsigned format without zero (E8M0): raises invalid;
    /// the NaN, or the least value 2^-127 (0x00) when `env.saturatesOverflow`.
    @inlinable
    static func unrepresentable(_ env: inout FloatEnvironment) -> Self {
        env.flags.insert(.invalid)
        return env.saturatesOverflow ? Self(word: 0) : defaultNaN
    }

    /// A NaN of sign `negative` converted into a format without NaN (FP6, FP4): the zero of
    /// the opposite sign (ml_dtypes). The caller raises invalid.
    @inlinable @inline(__always)
    static func nanWithoutNaN(negative: Bool) -> Self { zero(negative: !negative) }

    /// The rounded result in a format without zero and subnormals (E8M0), from the working form
    /// of `roundPack`: `rounded` is the significand rounded to p bits (2^(p-1) ... 2^p, the
    /// last after a carry), `exponent` the biased exponent before rounding, `inexact` whether
    /// rounding changed the value, `tinyBefore` whether tininess before rounding counts.
    @inlinable
    static func packWithoutZero(
        negative: Bool, exponent: Int, rounded: UInt64, inexact: Bool, tinyBefore: Bool,
        _ env: inout FloatEnvironment
    ) -> Self {
        if negative && !Format.hasSign { return unrepresentable(&env) }
        // Field 0 holds 2^-bias, so the encoding is (exponent << f) + the fraction, and a
        // carry out of the significand steps the field.
        let one = 1 << Format.fractionBitCount
        let magnitude = (exponent << Format.fractionBitCount) + Int(rounded) - one
        if magnitude > Int(Format.maxFiniteMagnitude) { return overflow(negative: negative, &env) }
        if magnitude < 0 {
            // Below 2^emin even after rounding: the least value (see above).
            env.flags.formUnion([.underflow, .inexact])
            return Self(negative: negative, magnitude: 0)
        }
        if inexact {
            // Exact value below 2^emin (exponent < 0) but rounded up to it.
            env.flags.formUnion(tinyBefore && exponent < 0 ? [.underflow, .inexact] : .inexact)
        }
        return Self(negative: negative, magnitude: UInt64(magnitude))
    }
}

import CMPFR
import SoftFloat

/// The MPFR-facing core of the oracle, non-generic: formats arrive as ``FormatLayout`` values
/// and operands and results as encodings widened to 64 bits.
extension Oracle {
    /// The correctly rounded result of `operation` on the encodings `a`, `b`, `c` (those the
    /// operation uses) of format `source`, delivered in format `target`, and its flags.
    ///
    /// `saturating` is `FloatEnvironment.saturatesOverflow` (OCP saturating mode).
    @usableFromInline
    func evaluate(
        _ operation: OracleOperation, _ a: UInt64, _ b: UInt64, _ c: UInt64,
        source: FormatLayout, target: FormatLayout,
        rounding: RoundingRule, tininess: Tininess, saturating: Bool = false
    ) -> (bits: UInt64, flags: ExceptionFlags) {
        let unused = Operand(negative: false, kind: .zero)
        let x = operation.arity > 0 ? source.decode(a) : unused
        let y = operation.arity > 1 ? source.decode(b) : unused
        let z = operation.arity > 2 ? source.decode(c) : unused
        // A NaN converted into a format without NaN (FP6, FP4): invalid, and the zero of the
        // opposite sign (ml_dtypes' conversion, the rule SoftFloat documents in
        // Internals/Unrepresentable.swift).
        if operation == .convert && x.isNaN && !target.hasNaN {
            return (x.negative ? 0 : target.signBit, .invalid)
        }
        if let flags = Self.nanResultFlags(operation, x, y, z) { return (target.defaultNaN, flags) }
        // An infinity converted into a format without infinities (E4M3) is not representable
        // and is not an overflow of a finite value: invalid, and NaN (or ±max saturating),
        // as SoftFloat documents in `converted(to:in:)`.
        if operation == .convert && x.isInfinite && !target.hasInfinities {
            return (Self.infiniteEncoding(negative: x.negative, target, saturating), .invalid)
        }
        let flags: ExceptionFlags = Self.dividesByZero(operation, x, y) ? .divisionByZero : []
        return withMPFRState {
            if operation.arity > 0 { load(x, into: first) }
            if operation.arity > 1 { load(y, into: second) }
            if operation.arity > 2 { load(z, into: third) }
            return deliver(
                operation, to: target, rounding: rounding, tininess: tininess,
                saturating: saturating, flags: flags)
        }
    }

    /// Runs `body` in MPFR's widest exponent range, restoring the thread's range and MPFR flags.
    func withMPFRState<T>(_ body: () -> T) -> T {
        let savedMPFRFlags = mpfr_flags_save()
        defer { mpfr_flags_restore(savedMPFRFlags, Self.allMPFRFlags) }
        return ExponentRange.preserving {
            ExponentRange.widest.install()
            return body()
        }
    }

    /// Rounds `operation` on the loaded operands (widest range installed) to `target` and
    /// encodes it, with `flags` (invalid/divide-by-zero already derived) and the flags of the
    /// rounding.
    ///
    /// Overflow is decided on the unbounded-range rounding and its result derived here, not
    /// read off MPFR: the IEEE result is ±infinity in the nearest directions and in the
    /// direction away from zero, else ±largest finite (7.4); "infinity" is ±largest finite
    /// when `saturating`, and the NaN of the result's sign in a format without infinities.
    func deliver(
        _ operation: OracleOperation, to target: FormatLayout, rounding: RoundingRule,
        tininess: Tininess, saturating: Bool, flags: ExceptionFlags
    ) -> (bits: UInt64, flags: ExceptionFlags) {
        let rounded = round(operation, to: target, rounding)
        if !target.hasZero {
            // E8M0: a zero or negative exact result has no encoding. MPFR's widest range
            // neither underflows nor overflows here, so `result` is zero or negative exactly
            // when the exact value is.
            if result.isZero || result.isNegative {
                return (saturating ? 0 : target.nanMagnitude, flags.union(.invalid))
            }
        }
        if rounded.unbounded.overflows {
            let negative = result.isNegative
            let toInfinity: Bool
            switch rounding {
            case .toNearestOrEven, .toNearestOrAway: toInfinity = true
            case .towardZero: toInfinity = false
            case .up: toInfinity = !negative
            case .down: toInfinity = negative
            }
            let sign = negative ? target.signBit : 0
            let bits =
                toInfinity
                ? Self.infiniteEncoding(negative: negative, target, saturating)
                : sign | target.maxFiniteMagnitude
            return (bits, flags.union([.overflow, .inexact]))
        }
        if !target.hasZero {
            // E8M0 (p = 1): the unbounded rounding 2^E is encoded as E + bias; below 2^emin
            // there is nothing smaller to round to, so the least value 2^emin (0x00), tiny
            // and inexact.
            let below = rounded.unbounded.tinyAfterRounding
            let bits = below ? 0 : UInt64(result.exponent - 1 + target.bias)
            return (
                bits, flags.union(rounded.unbounded.flags(finalTernary: rounded.ternary, tininess, belowRange: below))
            )
        }
        ExponentRange(
            emulatingPrecision: target.precision, exponentBitCount: target.exponentBitCount,
            hasInfinities: target.hasInfinities
        ).install()
        var ternary = result.checkRange(ternary: rounded.ternary, rounding: rounded.mode)
        ternary = result.subnormalize(ternary: ternary, rounding: rounded.mode)
        return (
            encode(result, in: target, saturating: saturating),
            flags.union(rounded.unbounded.flags(finalTernary: ternary, tininess))
        )
    }

    /// The encoding of ±infinity in `format`: the infinity, or in a format without infinities
    /// the NaN of that sign; ±largest finite when `saturating` replaces an overflow's or
    /// E4M3's infinity.
    ///
    /// Without NaN either (FP6, FP4) ±largest finite, saturating or not. In an unsigned format
    /// (E8M0) -infinity is the NaN, or the least value (0x00) when saturating.
    static func infiniteEncoding(negative: Bool, _ format: FormatLayout, _ saturating: Bool) -> UInt64 {
        if negative && !format.hasSign { return saturating ? 0 : format.nanMagnitude }
        let sign = negative ? format.signBit : 0
        if saturating || (!format.hasInfinities && !format.hasNaN) { return sign | format.maxFiniteMagnitude }
        return sign | (format.hasInfinities ? format.infinityMagnitude : format.nanMagnitude)
    }

    /// Every MPFR flag (`MPFR_FLAGS_ALL`, a macro Swift does not import).
    static var allMPFRFlags: mpfr_flags_t {
        mpfr_flags_t(
            MPFR_FLAGS_UNDERFLOW | MPFR_FLAGS_OVERFLOW | MPFR_FLAGS_NAN
                | MPFR_FLAGS_INEXACT | MPFR_FLAGS_ERANGE | MPFR_FLAGS_DIVBY0)
    }

    /// The operation rounded to the target's precision p in the widest exponent range, left
    /// in `result`, with its ternary value, the MPFR mode that must finish the rounding
    /// (subnormal range, overflow), and what the unbounded-range rounding says about
    /// overflow and tininess.
    private func round(
        _ operation: OracleOperation, to target: FormatLayout,
        _ rounding: RoundingRule
    ) -> (ternary: Int32, mode: mpfr_rnd_t, unbounded: UnboundedRounding) {
        guard let mode = rounding.mpfrMode else { return roundTiesAway(operation, to: target) }
        result.setPrecision(target.precision)
        let ternary = apply(operation, into: result, mode)
        return (ternary, mode, UnboundedRounding(result, ternary: ternary, format: target))
    }

    /// `operation` on the loaded operands, rounded into `destination` by `mode`; the ternary
    /// value (sign of rounded - exact).
    func apply(_ operation: OracleOperation, into destination: MPFRValue, _ mode: mpfr_rnd_t) -> Int32 {
        let r = destination
        switch operation {
        case .add: return r.add(first, second, rounding: mode)
        case .subtract: return r.subtract(first, second, rounding: mode)
        case .multiply: return r.multiply(first, second, rounding: mode)
        case .divide: return r.divide(first, second, rounding: mode)
        case .squareRoot: return r.squareRoot(first, rounding: mode)
        case .fusedMultiplyAdd: return r.fusedMultiplyAdd(first, second, third, rounding: mode)
        case .convert: return r.set(first, rounding: mode)
        case .remainder: return r.remainder(first, second, rounding: mode)
        case let .scaleB(n): return r.scale(first, byPowerOfTwo: n, rounding: mode)
        case .parse: return r.set(parsing: parseInput, rounding: mode)
        }
    }

    /// Sets `value` exactly to a non-NaN operand (the operand variables have 64 bits).
    func load(_ operand: Operand, into value: MPFRValue) {
        precondition(!operand.isNaN, "NaN operands are resolved before MPFR runs")
        value.set(operand)
    }

    /// The encoding of `value`, which holds a result already rounded to `format` (p bits,
    /// the format's exponent range, subnormalized). Consumes `value`.
    ///
    /// A regular value with MPFR exponent e is 0.1xx..x * 2^e, IEEE exponent E = e - 1. With
    /// E' = max(E, emin) the integer significand is M = |value| * 2^(f - E') (below 2^f for a
    /// subnormal), and the encoding is ((E' + bias - 1) << f) + M: the implicit bit of a
    /// normal M carries 1 into the exponent field, a subnormal gets field 0. An infinity (an
    /// exact one: division by zero) is encoded by `infiniteEncoding`.
    func encode(_ value: MPFRValue, in format: FormatLayout, saturating: Bool = false) -> UInt64 {
        let sign = value.isNegative ? format.signBit : 0
        if value.isNaN { return format.defaultNaN }
        if value.isInfinite {
            return Self.infiniteEncoding(negative: value.isNegative, format, saturating && !format.hasInfinities)
        }
        if value.isZero { return sign }
        // The integer significand can exceed the format's range (7.5 * 2^1 = 15 in FP6 E2M3,
        // whose MPFR emax is 3): scale in the widest range (callers restore the thread's).
        ExponentRange.widest.install()
        let exponent = max(value.exponent - 1, format.minExponent)
        value.absoluteValue(value)
        let scaled = value.scale(value, byPowerOfTwo: format.fractionBitCount - exponent)
        assert(scaled == 0 && value.isInteger, "result not rounded to the format")
        let significand = value.uint64Value()
        assert(significand < 1 << UInt64(format.precision))
        // (In Int: E8M0's 2^-127 has E + bias - 1 = -1, and its implicit bit brings it to 0.)
        return sign | UInt64(((exponent + format.bias - 1) << format.fractionBitCount) + Int(significand))
    }
}

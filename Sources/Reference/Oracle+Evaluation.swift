import CMPFR
import SoftFloat

/// The MPFR-facing core of the oracle, non-generic: formats arrive as ``FormatLayout`` values
/// and operands and results as encodings widened to 64 bits.
extension Oracle {
    /// The correctly rounded result of `operation` on the encodings `a`, `b`, `c` (those the
    /// operation uses) of format `source`, delivered in format `target`, and its flags.
    @usableFromInline
    func evaluate(_ operation: OracleOperation, _ a: UInt64, _ b: UInt64, _ c: UInt64,
                  source: FormatLayout, target: FormatLayout,
                  rounding: RoundingRule, tininess: Tininess) -> (bits: UInt64, flags: ExceptionFlags) {
        // TODO: OCP E4M3 overflows to NaN (or saturates to 448): that must be derived, not read
        // off MPFR's infinities (DESIGN.md, Reference).
        precondition(target.hasInfinities, "the oracle does not yet deliver results in formats without infinities")
        let unused = Operand(negative: false, kind: .zero)
        let x = source.decode(a)
        let y = operation.arity > 1 ? source.decode(b) : unused
        let z = operation.arity > 2 ? source.decode(c) : unused
        if let flags = Self.nanResultFlags(operation, x, y, z) { return (target.defaultNaN, flags) }
        let flags: ExceptionFlags = Self.dividesByZero(operation, x, y) ? .divisionByZero : []

        let savedMPFRFlags = mpfr_flags_save()
        defer { mpfr_flags_restore(savedMPFRFlags, Self.allMPFRFlags) }
        return ExponentRange.preserving {
            ExponentRange.widest.install()
            load(x, into: first)
            if operation.arity > 1 { load(y, into: second) }
            if operation.arity > 2 { load(z, into: third) }
            let rounded = round(operation, to: target, rounding)
            ExponentRange(emulatingPrecision: target.precision, exponentBitCount: target.exponentBitCount).install()
            var ternary = mpfr_check_range(result.pointer, rounded.ternary, rounded.mode)
            ternary = mpfr_subnormalize(result.pointer, ternary, rounded.mode)
            return (encode(result, in: target), flags.union(rounded.unbounded.flags(finalTernary: ternary, tininess)))
        }
    }

    /// Every MPFR flag (`MPFR_FLAGS_ALL`, a macro Swift does not import).
    static var allMPFRFlags: mpfr_flags_t {
        mpfr_flags_t(MPFR_FLAGS_UNDERFLOW | MPFR_FLAGS_OVERFLOW | MPFR_FLAGS_NAN
                     | MPFR_FLAGS_INEXACT | MPFR_FLAGS_ERANGE | MPFR_FLAGS_DIVBY0)
    }

    /// The operation rounded to the target's precision p in the widest exponent range, left
    /// in `result`, with its ternary value, the MPFR mode that must finish the rounding
    /// (subnormal range, overflow), and what the unbounded-range rounding says about
    /// overflow and tininess.
    private func round(_ operation: OracleOperation, to target: FormatLayout,
                       _ rounding: RoundingRule) -> (ternary: Int32, mode: mpfr_rnd_t, unbounded: UnboundedRounding) {
        guard let mode = rounding.mpfrMode else { return roundTiesAway(operation, to: target) }
        result.setPrecision(target.precision)
        let ternary = apply(operation, into: result, mode)
        return (ternary, mode, UnboundedRounding(result, ternary: ternary, format: target))
    }

    /// `operation` on the loaded operands, rounded into `destination` by `mode`; the ternary
    /// value (sign of rounded - exact).
    func apply(_ operation: OracleOperation, into destination: MPFRValue, _ mode: mpfr_rnd_t) -> Int32 {
        let r = destination.pointer, a = first.pointer, b = second.pointer
        switch operation {
        case .add: return mpfr_add(r, a, b, mode)
        case .subtract: return mpfr_sub(r, a, b, mode)
        case .multiply: return mpfr_mul(r, a, b, mode)
        case .divide: return mpfr_div(r, a, b, mode)
        case .squareRoot: return mpfr_sqrt(r, a, mode)
        case .fusedMultiplyAdd: return mpfr_fma(r, a, b, third.pointer, mode)
        case .convert: return mpfr_set(r, a, mode)
        }
    }

    /// Sets `value` exactly to a non-NaN operand: significand * 2^exponent, then the sign.
    private func load(_ operand: Operand, into value: MPFRValue) {
        let sign: Int32 = operand.negative ? -1 : 1
        switch operand.kind {
        case .zero: mpfr_set_zero(value.pointer, sign)
        case .infinity: mpfr_set_inf(value.pointer, sign)
        case let .finite(significand, exponent):
            // Exact: the significand has at most 53 bits and the variable 64.
            let ternary = mpfr_set_ui_2exp(value.pointer, UInt(significand), exponent, MPFR_RNDN)
            assert(ternary == 0)
            if operand.negative { mpfr_neg(value.pointer, value.pointer, MPFR_RNDN) }
        case .quietNaN, .signalingNaN:
            preconditionFailure("NaN operands are resolved before MPFR runs")
        }
    }

    /// The encoding of `value`, which holds a result already rounded to `format` (p bits,
    /// the format's exponent range, subnormalized). Consumes `value`.
    ///
    /// A regular value with MPFR exponent e is 0.1xx..x * 2^e, IEEE exponent E = e - 1. With
    /// E' = max(E, emin) the integer significand is M = |value| * 2^(f - E') (below 2^f for a
    /// subnormal), and the encoding is ((E' + bias - 1) << f) + M: the implicit bit of a
    /// normal M carries 1 into the exponent field, a subnormal gets field 0.
    private func encode(_ value: MPFRValue, in format: FormatLayout) -> UInt64 {
        let sign = value.isNegative ? format.signBit : 0
        if value.isNaN { return format.defaultNaN }
        if value.isInfinite { return sign | format.infinityMagnitude }
        if value.isZero { return sign }
        let exponent = max(value.exponent - 1, format.minExponent)
        mpfr_abs(value.pointer, value.pointer, MPFR_RNDN)
        let scaled = mpfr_mul_2si(value.pointer, value.pointer, format.fractionBitCount - exponent, MPFR_RNDN)
        assert(scaled == 0 && mpfr_integer_p(value.pointer) != 0, "result not rounded to the format")
        let significand = UInt64(mpfr_get_ui(value.pointer, MPFR_RNDN))
        assert(significand < 1 << UInt64(format.precision))
        return sign | ((UInt64(exponent + format.bias - 1) << UInt64(format.fractionBitCount)) &+ significand)
    }
}

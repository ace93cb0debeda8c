import SoftFloat

/// What the rounding of an exact result to p bits with an unbounded exponent range says
/// about overflow and tininess (IEEE 754-2019, 7.4 and 7.5).
///
/// MPFR's own overflow and underflow flags describe MPFR's exponent range, not IEEE's: with
/// the format's range installed its underflow flag fires below the smallest subnormal, not
/// below 2^emin. So both are derived here from the p-bit rounding r done in MPFR's widest
/// range (unbounded for these formats) and its ternary value t = sign(r - exact).
struct UnboundedRounding {
    /// |r| > largest finite: r is a p-bit number, so in IEEE formats this is
    /// |r| >= 2^(emax + 1). In a format without infinities (E4M3) the top binade stops one
    /// step short: (2 - 2^(1-p)) * 2^emax (480 in E4M3) is the NaN encoding, so it overflows too.
    var overflows = false
    /// Tininess after rounding: r != 0 and |r| < 2^emin.
    var tinyAfterRounding = false
    /// Tininess before rounding: exact != 0 and |exact| < 2^emin. Rounding is monotone and
    /// 2^emin is a p-bit number, so |exact| < 2^emin iff |r| < 2^emin, or |r| = 2^emin and the
    /// rounding increased the magnitude.
    var tinyBeforeRounding = false

    /// Reads `r` (p bits, widest range) and its ternary value `ternary`.
    init(_ r: MPFRValue, ternary: Int32, format: FormatLayout) {
        // Zeros are exact and never tiny; infinities come from infinite operands or a
        // division by zero, exactly, and never overflow.
        guard r.isRegular else { return }
        // MPFR exponent e: |r| in [2^(e-1), 2^e).
        let e = r.exponent
        overflows = e > format.maxExponent + 1
        // (E8M0's NaN has a binade of its own, and FP6/FP4 have no NaN: only E4M3 needs this.)
        if !format.hasInfinities && format.hasNaN && format.fractionBitCount > 0 && e == format.maxExponent + 1 {
            // All p bits ones: |r| = (2^p - 1) * 2^(e - p).
            let allOnes = (1 << format.precision) - 1
            let scale = e - format.precision
            overflows = r.compare(toSignificand: r.isNegative ? -allOnes : allOnes, exponent: scale) == 0
        }
        tinyAfterRounding = e <= format.minExponent
        let isTwoToTheEmin = e == format.minExponent + 1 && r.significantBits == 1
        let increasedMagnitude = ternary != 0 && (ternary > 0) != r.isNegative
        tinyBeforeRounding = tinyAfterRounding || (isTwoToTheEmin && increasedMagnitude)
    }

    /// The flags of the delivered result, whose ternary value (after `mpfr_check_range` and
    /// `mpfr_subnormalize`) is `finalTernary`.
    ///
    /// Overflow raises overflow and inexact (7.4). Underflow under default exception handling
    /// is raised when the result is tiny and inexact (7.5): an exact subnormal raises nothing.
    ///
    /// `belowRange`: the result lies below 2^emin in a format without zero or subnormals
    /// (E8M0), which delivers 2^emin instead: tiny under both rules, and inexact.
    func flags(finalTernary: Int32, _ tininess: Tininess, belowRange: Bool = false) -> ExceptionFlags {
        if overflows { return [.overflow, .inexact] }
        if belowRange { return [.underflow, .inexact] }
        guard finalTernary != 0 else { return [] }
        let tiny = tininess == .afterRounding ? tinyAfterRounding : tinyBeforeRounding
        return tiny ? [.underflow, .inexact] : .inexact
    }
}

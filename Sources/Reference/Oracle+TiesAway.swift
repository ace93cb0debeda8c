import CMPFR
import SoftFloat

/// roundTiesToAway, which MPFR's arithmetic does not offer, from the modes it does.
///
/// 1. o = the exact result rounded to odd at q = p + 2 bits: rounded toward zero, and if that
///    was inexact and the last bit is 0, moved one unit away from zero. Rounding o to any
///    k <= p bits, in any MPFR mode, gives the same result as rounding the exact value, and
///    o's ternary sign relative to that result is the exact value's: an inexact o is odd at
///    q bits, so it is neither a k-bit number nor a k-bit midpoint, and the exact value lies
///    strictly between the same two even q-bit numbers as o.
/// 2. The exact value is a tie at k bits iff o is exact there, i.e. o has exactly k + 1
///    significant bits (inexact o has q > k + 1). Not a tie: ties-away equals ties-to-even
///    (`MPFR_RNDN`). A tie: it equals rounding away from zero (`MPFR_RNDA`).
/// 3. k is p for the unbounded-range rounding (tininess after rounding, overflow), and
///    p - (emin - E) for the delivered result when o's exponent E is below emin (subnormal
///    range), so the two may need different modes: each is decided separately.
extension Oracle {
    func roundTiesAway(
        _ operation: OracleOperation,
        to target: FormatLayout
    ) -> (ternary: Int32, mode: mpfr_rnd_t, unbounded: UnboundedRounding) {
        let p = target.precision
        let o = oddResult
        let q = p + 2
        o.setPrecision(q)
        let towardZero = apply(operation, into: o, MPFR_RNDZ)
        if towardZero != 0 && o.significantBits < q {
            if o.isNegative { o.nextDown() } else { o.nextUp() }
        }

        let significantBits = o.isRegular ? o.significantBits : 0
        let unboundedMode = significantBits == p + 1 ? MPFR_RNDA : MPFR_RNDN
        result.setPrecision(p)
        var ternary = result.set(o, rounding: unboundedMode)
        let unbounded = UnboundedRounding(result, ternary: ternary, format: target)

        // Bits available in o's binade in the format: p, fewer in the subnormal range
        // (0 in [2^(emin-p), 2^(emin-p+1)), whose only tie is half the smallest subnormal).
        var finalMode = unboundedMode
        if o.isRegular {
            let k = p - max(0, target.minExponent - (o.exponent - 1))
            finalMode = k >= 0 && significantBits == k + 1 ? MPFR_RNDA : MPFR_RNDN
        }
        if finalMode != unboundedMode {
            ternary = result.set(o, rounding: finalMode)
        }
        return (ternary, finalMode, unbounded)
    }
}

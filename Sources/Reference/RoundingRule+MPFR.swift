import CMPFR
import SoftFloat

extension RoundingRule {
    /// The MPFR rounding mode for this attribute, or nil for roundTiesToAway, which MPFR
    /// does not provide (`MPFR_RNDNA` is not supported by its arithmetic): the oracle
    /// builds it from round-to-odd, ties-to-even and away-from-zero (`Oracle+TiesAway.swift`).
    @inline(__always)
    var mpfrMode: mpfr_rnd_t? {
        switch self {
        case .toNearestOrEven: MPFR_RNDN
        case .toNearestOrAway: nil
        case .towardZero: MPFR_RNDZ
        case .up: MPFR_RNDU
        case .down: MPFR_RNDD
        }
    }
}

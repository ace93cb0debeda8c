import CMPFR
import Reference
import SoftFloat

/// A closed interval [lo, hi] of MPFR numbers that contains an exact real number: MPFR
/// interval arithmetic, for the exact numbers ``ExactRational`` cannot hold in its budget (a
/// square root, an input 10^(10^14) away from the format's range, 0x1p99999999999).
///
/// Every endpoint is rounded outward (lo toward -inf, hi toward +inf), so the interval holds
/// the exact value whatever the precision. A digit string is *proven* when both endpoints
/// round to it: rounding to nearest is monotonic, so the exact value, between them, rounds to
/// it too. ``settle(_:)`` retries at higher precisions until that happens (Ziv's strategy).
/// A value exactly on a rounding boundary (an exact zero reached through square roots,
/// sqrt(2) · sqrt(2) - 2) never settles: the callers then show the bounds.
///
/// Runs in MPFR's widest exponent range (installed by the callers: ``withWidestRange(_:)``),
/// 2^±4.6e18, so any exponent a literal can carry (at most 10^18 decimal, see
/// `NumberScanner.exponentLimit`) fits; an MPFR overflow or underflow (an intermediate result
/// beyond even that) makes the result unsettled.
final class Enclosure {
    let lo: MPFRValue
    let hi: MPFRValue

    init(precision: Int) {
        lo = MPFRValue(precision: precision)
        hi = MPFRValue(precision: precision)
    }

    /// The precisions tried, in bits: most values settle at the first.
    static let precisions = [128, 1_024, 8_192]

    var precision: Int { lo.precision }

    /// The binary value `x` exactly (a point; the precision must hold its significand).
    static func point<F: BinaryFormat>(_ x: BinaryFloat<F>, precision: Int) -> Enclosure {
        let e = Enclosure(precision: max(precision, 64))
        e.lo.set(x)
        e.hi.set(x)
        return e
    }

    /// The number a validated literal (decimal, hexadecimal, `inf`) stands for: MPFR reads
    /// the text twice, rounding down and up (`mpfr_strtofr` is correctly rounded), so any
    /// length and any exponent is held.
    static func parsing(_ text: String, precision: Int) -> Enclosure {
        let e = Enclosure(precision: precision)
        e.lo.set(parsing: text, rounding: MPFR_RNDD)
        e.hi.set(parsing: text, rounding: MPFR_RNDU)
        return e
    }

    /// True if either end is NaN.
    var isInvalid: Bool { lo.isNaN || hi.isNaN }

    /// True if the interval holds zero (lo <= 0 <= hi).
    var containsZero: Bool {
        func sign(_ x: MPFRValue) -> Int { x.isZero ? 0 : x.isNegative ? -1 : 1 }
        return sign(lo) <= 0 && sign(hi) >= 0
    }

    /// -a.
    static func negate(_ a: Enclosure) -> Enclosure {
        let r = Enclosure(precision: a.precision)
        r.lo.negate(a.hi)
        r.hi.negate(a.lo)
        return r
    }

    /// a + b.
    static func add(_ a: Enclosure, _ b: Enclosure) -> Enclosure {
        let r = Enclosure(precision: a.precision)
        r.lo.add(a.lo, b.lo, rounding: MPFR_RNDD)
        r.hi.add(a.hi, b.hi, rounding: MPFR_RNDU)
        return r
    }

    /// a - b.
    static func subtract(_ a: Enclosure, _ b: Enclosure) -> Enclosure {
        let r = Enclosure(precision: a.precision)
        r.lo.subtract(a.lo, b.hi, rounding: MPFR_RNDD)
        r.hi.subtract(a.hi, b.lo, rounding: MPFR_RNDU)
        return r
    }

    /// The smallest and largest of `operation` over the corners, rounded down and up: the
    /// extremes of a product or quotient over a box are at its corners.
    private static func corners(
        _ a: Enclosure, _ b: Enclosure,
        _ operation: (MPFRValue, MPFRValue, MPFRValue, mpfr_rnd_t) -> Void
    ) -> Enclosure {
        let r = Enclosure(precision: a.precision)
        let candidate = MPFRValue(precision: a.precision)
        var first = true
        for x in [a.lo, a.hi] {
            for y in [b.lo, b.hi] {
                operation(candidate, x, y, MPFR_RNDD)
                if first || candidate.compare(to: r.lo) < 0 || candidate.isNaN { r.lo.set(candidate) }
                operation(candidate, x, y, MPFR_RNDU)
                if first || candidate.compare(to: r.hi) > 0 || candidate.isNaN { r.hi.set(candidate) }
                first = false
            }
        }
        return r
    }

    /// a · b.
    static func multiply(_ a: Enclosure, _ b: Enclosure) -> Enclosure {
        corners(a, b) { r, x, y, mode in r.multiply(x, y, rounding: mode) }
    }

    /// a / b; nil when b may be zero.
    static func divide(_ a: Enclosure, _ b: Enclosure) -> Enclosure? {
        guard !b.containsZero, !b.isInvalid else { return nil }
        return corners(a, b) { r, x, y, mode in r.divide(x, y, rounding: mode) }
    }

    /// sqrt(a); nil when a may be negative.
    static func squareRoot(_ a: Enclosure) -> Enclosure? {
        guard !a.isInvalid, !a.lo.isNegative || a.lo.isZero else { return nil }
        let r = Enclosure(precision: a.precision)
        r.lo.squareRoot(a.lo, rounding: MPFR_RNDD)
        r.hi.squareRoot(a.hi, rounding: MPFR_RNDU)
        return r
    }

    /// a · b + c: the extremes of a · b over the box at its corners, then c's ends, each
    /// fused (one rounding).
    static func fusedMultiplyAdd(_ a: Enclosure, _ b: Enclosure, _ c: Enclosure) -> Enclosure {
        let low = corners(a, b) { r, x, y, _ in r.fusedMultiplyAdd(x, y, c.lo, rounding: MPFR_RNDD) }
        let high = corners(a, b) { r, x, y, _ in r.fusedMultiplyAdd(x, y, c.hi, rounding: MPFR_RNDU) }
        let r = Enclosure(precision: a.precision)
        r.lo.set(low.lo)
        r.hi.set(high.hi)
        return r
    }

    /// |a|.
    static func magnitude(_ a: Enclosure) -> Enclosure {
        if !a.lo.isNegative || a.lo.isZero { return a }
        if a.hi.isNegative && !a.hi.isZero { return negate(a) }
        // Straddles zero: [0, max(-lo, hi)].
        let r = Enclosure(precision: a.precision)
        r.lo.setZero()
        let negatedLow = MPFRValue(precision: a.precision)
        negatedLow.negate(a.lo)
        r.hi.set(negatedLow.compare(to: a.hi) > 0 ? negatedLow : a.hi)
        return r
    }

    /// a · 2^k, exact.
    static func scaled(_ a: Enclosure, byPowerOfTwo k: Int) -> Enclosure {
        let r = Enclosure(precision: a.precision)
        r.lo.scale(a.lo, byPowerOfTwo: k, rounding: MPFR_RNDD)
        r.hi.scale(a.hi, byPowerOfTwo: k, rounding: MPFR_RNDU)
        return r
    }

    /// The number as `style` shows it, if both ends prove the same digits: exact when the
    /// interval is a single number whose digits read back to it exactly; nil when not settled
    /// at this precision.
    func shown(style: DecimalStyle) -> ShownDecimal? {
        guard !isInvalid else { return nil }
        if lo.isZero && hi.isZero { return .zero }
        if lo.isInfinite || hi.isInfinite {
            guard lo.isInfinite && hi.isInfinite && lo.isNegative == hi.isNegative else { return nil }
            return ShownDecimal(text: lo.isNegative ? "-inf" : "inf", isExact: true)
        }
        guard lo.isRegular, hi.isRegular, lo.isNegative == hi.isNegative else { return nil }
        let count = style.roundedDigits
        guard let low = lo.significantDigits(count), let high = hi.significantDigits(count),
            low.digits == high.digits, low.exponent == high.exponent
        else { return nil }
        var digits = low.digits.utf8.map { $0 - 48 }
        // |x| ≈ 0.digits · 10^exponent = digits · 10^(exponent - count).
        var exponent = low.exponent - digits.count
        if lo.compare(to: hi) == 0 && Self.readsBackExactly(digits: digits, exponent: exponent, lo) {
            while digits.count > 1 && digits.last == 0 {
                digits.removeLast()
                exponent += 1
            }
            return ShownDecimal(negative: lo.isNegative, exactDigits: digits, exponent: exponent, style: style)
        }
        return ShownDecimal(negative: lo.isNegative, roundedDigits: digits, exponent: exponent, style: style)
    }

    /// The bounds themselves, rounded outward to `digits` significant digits: `[-1.2346e-9000,
    /// 1.2346e-9000]` (what is known when the digits did not settle).
    func bounds(digits: Int = 5) -> ShownDecimal {
        func text(_ x: MPFRValue, _ mode: mpfr_rnd_t) -> String {
            if x.isNaN { return "nan" }
            if x.isInfinite { return x.isNegative ? "-inf" : "inf" }
            if x.isZero { return "0" }
            guard let (d, e) = x.significantDigits(digits, rounding: mode) else { return "?" }
            let ds = d.utf8.map { $0 - 48 }
            return ShownDecimal(negative: x.isNegative, roundedDigits: ds, exponent: e - ds.count, style: .ratio).text
        }
        return ShownDecimal(text: "[\(text(lo, MPFR_RNDD)), \(text(hi, MPFR_RNDU))]", isExact: false)
    }

    /// True if the decimal digits · 10^exponent equal `x` exactly.
    private static func readsBackExactly(digits: [UInt8], exponent: Int, _ x: MPFRValue) -> Bool {
        let text = String(decoding: digits.map { $0 + 48 }, as: UTF8.self) + "e" + String(exponent)
        let back = MPFRValue(precision: x.precision + 64)
        guard back.set(parsing: text, base: 10) == 0 else { return false }
        back.absoluteValue(back)
        let magnitude = MPFRValue(precision: x.precision)
        magnitude.absoluteValue(x)
        return back.compare(to: magnitude) == 0
    }

    /// Runs `body` in MPFR's widest exponent range with MPFR's flags cleared; the result, and
    /// whether MPFR overflowed or underflowed meanwhile (a number beyond 2^±4.6e18: then the
    /// enclosures computed are not to be trusted).
    static func withWidestRange<T>(_ body: () -> T) -> (result: T, outOfRange: Bool) {
        ExponentRange.widest.installed {
            mpfr_clear_flags()
            let result = body()
            return (result, mpfr_overflow_p() != 0 || mpfr_underflow_p() != 0)
        }
    }
}

//===--- DecimalText.swift ------------------------------------------------===//
//
// Numbers as text for people: fixed decimals, significant digits, trimmed, grouped.
//
//===----------------------------------------------------------------------===//

/// The one number-to-text helper of the tools (Keras-style metrics, report tables, findings,
/// SVG coordinates, and the exact values of teaching views). Positional notation only, no
/// locale, the same digits on every machine.
///
/// A Double is first read as a decimal number, exactly, in one of two ways (``Source``), and
/// that decimal is then rounded once, in decimal, to the digits asked for. Nothing is rounded
/// in binary64 on the way (never `(x * 10^d).rounded()`, whose product rounds first), and
/// nothing can trap, whatever the magnitude: 1e300 prints all of its 301 digits.
///
/// Decisions:
/// - **Which decimal.** By default (``Source/shortest``) the shortest decimal that converts
///   back to the same Double: the number the Double stands for, what `print` shows and what a
///   ratio like 18060/48000 = 0.37625 was. Report figures are such ratios and sums; binary64
///   stores 0.37625 as 0.37624999999999997335..., and rounding that exact binary value would
///   send every true decimal tie up or down by the sign of an error of 10^-17.
///   ``Source/exact`` reads the Double's exact binary value instead, for views whose subject
///   is what the binary format holds (0.1 is 0.1000000000000000055511151231257827...), and
///   agrees with C's `printf` except at ties.
/// - **Ties** (a decimal exactly halfway) round **half away from zero**: 0.125 to 2 decimals is
///   `0.13`, 2.5 to 0 decimals is `3`, 0.37625 to 4 is `0.3763`, as the formatters this
///   replaced said they did. (C's `printf` rounds ties to even.) With ``Source/exact``, 0.285
///   is no tie but 0.28499999999999997557... and gives `0.28`; with ``Source/shortest`` it is
///   0.285, a tie, and gives `0.29`.
/// - A result that rounds to zero has no sign (`-0.0001` to 2 decimals is `0.00`, and
///   `-0.0` is `0`): text for people never says `-0`.
/// - NaN and infinities print as `nan`, `inf`, `-inf`.
package enum DecimalText {
    /// Which decimal number a Double stands for, before it is rounded to the digits asked for.
    package enum Source: Sendable {
        /// The shortest decimal that converts back to the same Double (closest to it if several
        /// are as short): `0.37625`, `0.1`, `0.30000000000000004` for 0.1 + 0.2.
        case shortest
        /// The Double's exact binary value: `0.37624999999999997335464740899624302983283996582031250`.
        case exact

        func digits(_ value: Double) -> DecimalDigits {
            switch self {
            case .shortest: DecimalDigits(shortestMagnitudeOf: value)
            case .exact: DecimalDigits(exactMagnitudeOf: value)
            }
        }
    }

    /// `value` (read as `source` says) with exactly `decimals` digits after the point (none,
    /// and no point, for 0): `fixed(2.5, decimals: 0) == "3"`, `fixed(0.125, decimals: 2) ==
    /// "0.13"`, `fixed(1, decimals: 3) == "1.000"`. With `trimmingZeros`, trailing zeros after the
    /// point are dropped, and the point itself if nothing follows: `1.000` becomes `1`,
    /// `12.50` becomes `12.5`. Negative `decimals` count as 0.
    package static func fixed(
        _ value: Double, decimals: Int, trimmingZeros: Bool = false,
        from source: Source = .shortest
    ) -> String {
        guard value.isFinite else { return nonFinite(value) }
        let decimals = max(0, decimals)
        return text(
            negative: value < 0, rounded: source.digits(value).rounded(toDecimals: decimals),
            decimals: decimals, trimmingZeros: trimmingZeros)
    }

    /// `value` (read as `source` says) rounded to `digits` significant digits (at least 1), in
    /// positional notation, counting from the value's own leading digit:
    /// `significant(0.0071234, digits: 2) == "0.0071"`, `significant(-1.25, digits: 2) ==
    /// "-1.3"` (a tie, away from zero). Digits left of the point are never replaced by zeros:
    /// `significant(32768, digits: 2) == "32768"`. A carry into a new leading digit keeps the
    /// decimals chosen before it: `significant(9.96, digits: 2) == "10.0"` (`"10"` trimmed).
    /// Zero has `digits - 1` decimals (`0.0`, trimmed `0`). `trimmingZeros` as in
    /// ``fixed(_:decimals:trimmingZeros:from:)``.
    package static func significant(
        _ value: Double, digits: Int, trimmingZeros: Bool = false,
        from source: Source = .shortest
    ) -> String {
        guard value.isFinite else { return nonFinite(value) }
        let digits = max(1, digits)
        let decimal = source.digits(value)
        let decimals = max(0, digits - 1 - (decimal.leadingExponent ?? 0))
        return text(
            negative: value < 0, rounded: decimal.rounded(toDecimals: decimals),
            decimals: decimals, trimmingZeros: trimmingZeros)
    }

    /// A count with a comma between groups of three digits: `grouped(1234567) == "1,234,567"`.
    package static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }

    /// `nan`, `inf` or `-inf`.
    static func nonFinite(_ value: Double) -> String {
        value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf")
    }

    /// The text of ±`rounded` · 10^-decimals, where `rounded` holds the digits of an integer.
    static func text(negative: Bool, rounded: [UInt8], decimals: Int, trimmingZeros: Bool) -> String {
        // At least one digit before the point.
        var digits = rounded
        if digits.count <= decimals {
            digits.insert(contentsOf: repeatElement(0, count: decimals + 1 - digits.count), at: 0)
        }
        var fractionCount = decimals
        if trimmingZeros {
            while fractionCount > 0 && digits.last == 0 {
                digits.removeLast()
                fractionCount -= 1
            }
        }
        let isZero = rounded.allSatisfy { $0 == 0 }
        var out = negative && !isZero ? "-" : ""
        out.reserveCapacity(digits.count + 2)
        for (i, digit) in digits.enumerated() {
            if i == digits.count - fractionCount { out.append(".") }
            out.append(Character(Unicode.Scalar(48 + digit)))
        }
        return out
    }
}

//===--- DecimalText+Scientific.swift -------------------------------------===//
//
// Scientific notation, and decimal numbers given as digits rather than as a Double.
//
//===----------------------------------------------------------------------===//

extension DecimalText {
    /// `value` (read as `source` says) rounded once, in decimal, to `digits` significant digits
    /// (at least 1; ties away from zero, as everywhere in ``DecimalText``) in scientific
    /// notation: one digit before the point, the exponent signed and at least two digits long,
    /// as C's `%e` writes it. `scientific(0.00006103515625, digits: 6, from: .exact) ==
    /// "6.10352e-05"`; `scientific(0.0009765625, digits: 6, from: .exact) == "9.76563e-04"` (a
    /// tie: 9.765625). With `trimmingZeros`, trailing zeros of the significand are dropped
    /// (`1.25e-01`, not `1.25000e-01`), and the point if nothing follows (`5e-01`). Zero is `0`.
    package static func scientific(
        _ value: Double, digits: Int, trimmingZeros: Bool = false,
        from source: Source = .shortest
    ) -> String {
        guard value.isFinite else { return nonFinite(value) }
        return scientific(
            negative: value < 0, source.digits(value), significantDigits: digits,
            trimmingZeros: trimmingZeros)
    }

    /// The decimal number ±`digits` · 10^`exponent` (`digits` the decimal digits 0...9 of an
    /// integer, most significant first) in scientific notation, rounded once to
    /// `significantDigits` (ties away from zero) when given, every digit otherwise (trailing
    /// zeros dropped then: the value is exact). `scientific(negative: true, digits: [1],
    /// exponent: -99999999999999) == "-1e-99999999999999"`. A value that is zero, or rounds
    /// to zero, has no sign and is written `0`. The work is proportional to the number of digits,
    /// whatever the exponent.
    package static func scientific(
        negative: Bool, digits: [UInt8], exponent: Int, significantDigits: Int? = nil,
        trimmingZeros: Bool = false
    ) -> String {
        scientific(
            negative: negative, DecimalDigits(digits: digits, fractionDigits: -exponent),
            significantDigits: significantDigits, trimmingZeros: trimmingZeros || significantDigits == nil)
    }

    /// The decimal number ±`digits` · 10^`exponent` in positional notation, every digit: the
    /// point where it belongs, one zero before it for values below one, no trailing zeros after
    /// it, no sign for zero. `positional(negative: true, digits: [2, 4, 4, 1, 4, 0, 6, 2, 5],
    /// exponent: -13) == "-0.0000244140625"`. The text has about |exponent| + digits.count
    /// characters: callers bound the exponent (see ``positionalLength(digitCount:exponent:)``).
    package static func positional(negative: Bool, digits: [UInt8], exponent: Int) -> String {
        var digits = Array(digits.drop { $0 == 0 })
        guard !digits.isEmpty else { return "0" }
        var exponent = exponent
        while exponent < 0 && digits.last == 0 {
            digits.removeLast()
            exponent += 1
        }
        if exponent >= 0 {
            digits += repeatElement(0, count: exponent)
            exponent = 0
        }
        return text(negative: negative, rounded: digits, decimals: -exponent, trimmingZeros: false)
    }

    /// How many digits ``positional(negative:digits:exponent:)`` writes for a number of
    /// `digitCount` significant digits (leading and trailing zeros excluded) and `exponent`:
    /// at least the significant digits, plus the zeros between them and the point.
    package static func positionalLength(digitCount: Int, exponent: Int) -> Int {
        let leading = exponent + digitCount  // the value lies in [10^(leading-1), 10^leading)
        if exponent >= 0 { return leading }
        if leading <= 0 { return 1 + (-exponent) }  // "0." and every digit after the point
        return digitCount
    }

    /// ``scientific(_:digits:trimmingZeros:from:)`` for a decimal already read.
    static func scientific(
        negative: Bool, _ decimal: DecimalDigits, significantDigits: Int?,
        trimmingZeros: Bool
    ) -> String {
        guard let lead = decimal.leadingExponent else { return "0" }
        var exponent = lead
        var mantissa: [UInt8]
        if let wanted = significantDigits {
            let n = max(1, wanted)
            // The integer nearest value · 10^(n - 1 - lead): n digits, or n + 1 after a carry
            // into a new leading digit (9.99 -> 10.0), which moves the exponent up.
            mantissa = decimal.rounded(toDecimals: n - 1 - lead)
            if mantissa.count > n {
                mantissa.removeLast()
                exponent += 1
            }
        } else {
            mantissa = decimal.digits
        }
        if trimmingZeros {
            while mantissa.count > 1 && mantissa.last == 0 { mantissa.removeLast() }
        }
        var out = negative ? "-" : ""
        out.append(Character(Unicode.Scalar(48 + mantissa[0])))
        if mantissa.count > 1 {
            out.append(".")
            for digit in mantissa.dropFirst() { out.append(Character(Unicode.Scalar(48 + digit))) }
        }
        let exponentDigits = String(exponent.magnitude)
        out += (exponent < 0 ? "e-" : "e+") + (exponentDigits.count < 2 ? "0" : "") + exponentDigits
        return out
    }
}

import _MPStudySupport
import SoftFloat

/// A number as a teaching view shows it: decimal text and whether it is the exact value or a
/// correctly rounded approximation (the views prefix "≈ " then; `--json` says so in a
/// separate `...IsExact` key and keeps the text a plain number).
///
/// Decisions (one place for explain, decode and calc, so that they agree):
/// - Values (errors, calc's reference) are exact whenever their decimal expansion terminates
///   within 1,100 significant digits (every exact value of every format fits), written
///   positionally up to 400 digits and in scientific notation beyond: `-0.0000244140625`,
///   `-1e-99999999999999`. Otherwise they are rounded to 40 significant digits (positional
///   for 10^-5 <= |x| < 10^21, trailing zeros dropped; scientific otherwise).
/// - Ratios (relative errors, errors in ulps) are exact when they have at most 17 significant
///   digits (`-0.4`, `1`, `0.000244140625`, `-8388608`), written positionally up to 20 digits;
///   otherwise rounded to 5 significant digits and always written in scientific notation with
///   all 5 (`-3.3333e-01`, `-4.5036e+15`, `1.0000e+00`), so that a rounded ratio never looks
///   like an exact integer.
/// - Rounding is once, in decimal, from the exact number (or from MPFR bounds proven to
///   round alike): ties away from zero, as `DecimalText` rounds.
public struct ShownDecimal: Sendable, Equatable, CustomStringConvertible {
    /// The number: `-0.0000244140625`, `2.4414e-04`, `inf`.
    public var text: String
    /// True if `text` is the exact value.
    public var isExact: Bool

    /// A shown number from its parts.
    public init(text: String, isExact: Bool) {
        self.text = text
        self.isExact = isExact
    }

    /// `text`, after "≈ " when it is rounded.
    public var description: String { isExact ? text : "≈ " + text }

    /// Exact zero.
    static let zero = ShownDecimal(text: "0", isExact: true)
}

/// How many digits a kind of number gets (see ``ShownDecimal``).
struct DecimalStyle: Sendable {
    /// Exact when the expansion has at most this many significant digits.
    let exactDigits: Int
    /// Otherwise rounded to this many.
    let roundedDigits: Int
    /// Exact values positional when that takes at most this many digits.
    let positionalDigits: Int
    /// Rounded values positional for 10^-5 <= |x| < 10^21 (else always scientific, every
    /// digit kept).
    let roundedPositional: Bool

    /// Errors and references.
    static let value = DecimalStyle(
        exactDigits: 1_100, roundedDigits: 40, positionalDigits: 400, roundedPositional: true)
    /// calc's exact result of one step (a table column: shorter).
    static let step = DecimalStyle(exactDigits: 60, roundedDigits: 25, positionalDigits: 400, roundedPositional: true)
    /// Relative errors and errors in ulps.
    static let ratio = DecimalStyle(exactDigits: 17, roundedDigits: 5, positionalDigits: 20, roundedPositional: false)
}

extension ShownDecimal {
    /// The exact number ±digits · 10^exponent (digits without trailing zeros).
    init(negative: Bool, exactDigits digits: [UInt8], exponent: Int, style: DecimalStyle) {
        let length = DecimalText.positionalLength(digitCount: digits.count, exponent: exponent)
        let text =
            length <= style.positionalDigits
            ? DecimalText.positional(negative: negative, digits: digits, exponent: exponent)
            : DecimalText.scientific(negative: negative, digits: digits, exponent: exponent)
        self.init(text: text, isExact: true)
    }

    /// A rounded number ±digits · 10^exponent (already rounded to the style's digits).
    init(negative: Bool, roundedDigits digits: [UInt8], exponent: Int, style: DecimalStyle) {
        let lead = exponent + digits.count - 1
        let text =
            style.roundedPositional && lead >= -5 && lead < 21
            ? DecimalText.positional(negative: negative, digits: digits, exponent: exponent)
            : DecimalText.scientific(
                negative: negative, digits: digits, exponent: exponent,
                significantDigits: digits.count)
        self.init(text: text, isExact: false)
    }

    /// An exact rational number, exactly or rounded as `style` says.
    init(_ r: ExactRational, style: DecimalStyle) {
        if r.isZero {
            self = .zero
        } else if let (digits, exponent) = r.terminatingDigits(maxDigits: style.exactDigits) {
            self.init(negative: r.negative, exactDigits: digits, exponent: exponent, style: style)
        } else {
            let (digits, exponent, _) = r.roundedDigits(style.roundedDigits)
            self.init(negative: r.negative, roundedDigits: digits, exponent: exponent, style: style)
        }
    }
}

extension BinaryFloat {
    /// The shortest decimal that reads back to this value, as the teaching views write it:
    /// positional for 10^-5 <= |x| < 10^16 and scientific otherwise, without the `.0` that
    /// `shortestDescription` adds to integers (`450.0` for E4M3's 448 would look like an exact
    /// 450): `0.1`, `450`, `-0`, `6.1035e-05`, `inf`, `nan`.
    public var teachingShortest: String {
        guard let shortest = shortestDecimal else { return shortestDescription }
        if shortest.digits.isEmpty { return shortest.negative ? "-0" : "0" }
        let digits = shortest.digits.utf8.map { $0 - 48 }
        let exponent = shortest.exponent - digits.count  // value = digits · 10^exponent
        let lead = shortest.exponent - 1
        return lead >= -5 && lead < 16
            ? DecimalText.positional(negative: shortest.negative, digits: digits, exponent: exponent)
            : DecimalText.scientific(negative: shortest.negative, digits: digits, exponent: exponent)
    }
}

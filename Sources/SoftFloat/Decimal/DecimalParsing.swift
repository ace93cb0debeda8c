/// Correctly rounded conversion from decimal and hexadecimal character sequences
/// (IEEE 754-2019, 5.12.2 convertFromDecimalCharacter / convertFromHexCharacter).
///
/// Accepted syntax (no white space, ASCII, letters case-insensitive):
///
///     number  = [sign] (decimal | hex | "inf" | "infinity" | "nan" ["(" [A-Za-z0-9_]* ")"])
///     decimal = (digits ["." [digits]] | "." digits) ["e" [sign] digits]
///     hex     = "0x" (hexdigits ["." [hexdigits]] | "." hexdigits) ["p" [sign] digits]
///
/// The result is the exact value of the string rounded once under `env.rounding`, with
/// inexact, overflow and underflow (tininess per `env.tininess`) raised as for any operation,
/// and the E4M3 and saturation rules of `roundPack`. Any length is exact: decimal digits beyond
/// the 800th significant one only matter through whether they are all zero, because every
/// rounding boundary (a midpoint between two neighbours) of a format of at most 64 bits has
/// fewer than 770 significant digits, so no boundary lies strictly inside the interval the
/// kept digits span; the dropped digits act as a sticky bit. A written exponent beyond
/// ±10^18 saturates there, which changes no rounding: the value is then more than 10^(10^18
/// - n) or less than 10^(n - 10^18) for an input of n characters, far outside every format
/// ("1e999999999" overflows, "1e-99999999999999" underflows), and no sum of exponents and digit
/// positions can overflow `Int`. Nothing is ever scaled by a power of ten beyond the range a
/// format needs: decimal magnitudes outside 10^-345 ... 10^330 round without big integers.
///
/// "nan" (with an optional, ignored payload in parentheses) gives the quiet NaN of the sign
/// written (positive unless "-nan"); "inf" gives ±infinity, and in E4M3, which has none, what
/// converting an infinity gives (invalid; NaN, or ±448 saturating). In formats without NaN,
/// zero or sign (FP6, FP4, E8M0) "nan", "inf", "0" and negative numbers give what converting
/// them gives (`Internals/Unrepresentable.swift`).
extension BinaryFloat {
    /// Parses `text` into this format, correctly rounded by `env`.
    public init(parsing text: String, in env: inout FloatEnvironment) throws(FloatParseError) {
        var scanner = NumberScanner(text)
        let number = try scanner.scan()
        self = Self.round(number, &env)
    }

    /// The value of a scanned number in this format.
    package static func round(_ number: ScannedNumber, _ env: inout FloatEnvironment) -> Self {
        switch number.kind {
        case .nan:
            // In FP6/FP4, which have no NaN, what converting a NaN gives (invalid, a zero).
            if !Format.hasNaN {
                env.flags.insert(.invalid)
                return nanWithoutNaN(negative: number.negative)
            }
            return Self(negative: number.negative, magnitude: Format.nanMagnitude)
        case .infinity:
            if !Format.hasInfinities { env.flags.insert(.invalid) }
            return infiniteResult(negative: number.negative, env)
        case let .decimal(digits, count, exponent, sticky):
            return fromDecimal(
                negative: number.negative, digits: digits, digitCount: count, exponent: exponent,
                sticky: sticky, &env)
        case let .hex(significand, exponent, sticky):
            if significand == 0 { return exactZero(negative: number.negative, &env) }
            // value = significand * 2^exponent (+ a sticky tail below its last digit);
            // significand < 2^60, so the sticky bit lands below every kept bit.
            let top = 63 - significand.leadingZeroBitCount
            let working = significand &<< UInt64(62 - top) | (sticky ? 1 : 0)
            let e = Int(clamping: top) + exponent
            return roundPack(
                negative: number.negative, exponent: clampExponent(e + Format.bias),
                significand: working, &env)
        }
    }

    /// Keeps biased exponents in a range roundPack handles without overflowing `Int`: far
    /// beyond every format's limits, so the rounding (to 0, the smallest subnormal, infinity
    /// or the largest finite) is unchanged.
    static func clampExponent(_ e: Int) -> Int { min(max(e, -100_000), 100_000) }

    /// digits * 10^exponent (+ sticky), rounded.
    static func fromDecimal(
        negative: Bool, digits: BigUInt, digitCount: Int, exponent: Int, sticky: Bool,
        _ env: inout FloatEnvironment
    ) -> Self {
        if digits.isZero { return exactZero(negative: negative, &env) }
        // Decimal magnitude: value in [10^(m-1), 10^m) with m = digit count + exponent.
        let magnitude = digitCount + exponent
        if magnitude > 330 {  // above 10^329, beyond every format's largest finite value
            return roundPack(negative: negative, exponent: 100_000, significand: 1 &<< 62, &env)
        }
        if magnitude < -345 {  // below 10^-345, far below half of every format's smallest subnormal
            return roundPack(negative: negative, exponent: -100_000, significand: 1 &<< 62, &env)
        }
        if digits.bitWidth <= 64 && exponent >= -27 && exponent <= 27 {
            return fromSmallDecimal(negative: negative, digits: digits.low64, exponent: exponent, sticky: sticky, &env)
        }
        // value = N / M * 2^exponent with N = digits * 5^max(e,0), M = 5^max(-e,0).
        var numerator = digits
        var denominator = BigUInt(1)
        if exponent >= 0 {
            numerator.multiply(byPowerOfFive: exponent)
        } else {
            denominator.multiply(byPowerOfFive: -exponent)
        }
        // Scale so the quotient lies in (2^62, 2^64): q = floor(N * 2^s / M) (or N / (M * 2^-s)),
        // at least 62 bits, more than the p + 2 <= 55 the rounding needs.
        let s = denominator.bitWidth - numerator.bitWidth + 63
        if s >= 0 { numerator <<= s } else { denominator <<= -s }
        let (q, exact) = numerator.quotient(dividingBy: denominator)
        let top = 63 - q.leadingZeroBitCount  // 62 or 63
        let shifted = shiftRightJam(q, top - 62)
        let working = shifted | (exact && !sticky ? 0 : 1)
        return roundPack(
            negative: negative, exponent: clampExponent(top + exponent - s + Format.bias),
            significand: working, &env)
    }
}

extension BinaryFloat {
    /// The common case without big integers: digits < 2^64 and |exponent| <= 27, so 5^|e|
    /// < 2^63 and every product or scaled dividend fits in 128 bits.
    static func fromSmallDecimal(
        negative: Bool, digits: UInt64, exponent: Int, sticky: Bool,
        _ env: inout FloatEnvironment
    ) -> Self {
        var power: UInt64 = 1
        for _ in 0..<abs(exponent) { power &*= 5 }
        let q: UInt128
        let inexact: Bool
        let scale: Int  // value = q * 2^scale
        if exponent >= 0 {
            q = UInt128(digits) &* UInt128(power)
            inexact = sticky
            scale = exponent
        } else {
            // value = D / 5^k * 2^e = (D' * 2^64 / 5^k) * 2^(e - lz - 64), D' = D << lz.
            let lz = digits.leadingZeroBitCount
            let n = UInt128(digits &<< UInt64(lz)) &<< 64
            let (quotient, remainder) = n.quotientAndRemainder(dividingBy: UInt128(power))
            q = quotient
            inexact = sticky || remainder != 0
            scale = exponent - lz - 64
        }
        let top = 127 - q.leadingZeroBitCount
        let working: UInt64
        if top <= 62 {
            working = UInt64(truncatingIfNeeded: q) &<< UInt64(62 - top)
        } else {
            working = UInt64(truncatingIfNeeded: shiftRightJam(q, top - 62))
        }
        return roundPack(
            negative: negative, exponent: top + scale + Format.bias,
            significand: working | (inexact ? 1 : 0), &env)
    }
}

/// A number as written: sign and exact value (or special).
package struct ScannedNumber {
    package enum Kind {
        case nan, infinity
        /// digits (`count` of them) * 10^exponent, plus a nonzero tail below the last kept digit if `sticky`.
        case decimal(digits: BigUInt, count: Int, exponent: Int, sticky: Bool)
        /// significand * 2^exponent (significand < 2^60), plus a nonzero tail if `sticky`.
        case hex(significand: UInt64, exponent: Int, sticky: Bool)
    }
    package var negative: Bool
    package var kind: Kind
    /// True if the written exponent was beyond ±``NumberScanner/exponentLimit`` and saturated:
    /// the rounding is unaffected, but `kind` no longer holds the exact value.
    package var exponentSaturated = false
}

/// The scanner behind `init(parsing:in:)`: validates the syntax and collects the digits,
/// reporting the first offending character's column.
package struct NumberScanner {
    let text: String
    let bytes: [UInt8]
    var index = 0

    /// Significant decimal digits kept exactly (see `DecimalParsing`).
    static let keptDigits = 800
    /// Written exponents saturate here: far outside every format, exact for every exponent of
    /// at most 18 digits, and no `Int` overflow downstream (digit positions are added to it).
    package static let exponentLimit = 1_000_000_000_000_000_000
    /// Set when an exponent saturated.
    var exponentSaturated = false

    package init(_ text: String) {
        self.text = text
        bytes = Array(text.utf8)
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    func error(_ reason: String, at offset: Int? = nil) -> FloatParseError {
        let offset = min(offset ?? index, bytes.count)
        let column = String(decoding: bytes[..<offset], as: UTF8.self).count + 1
        return FloatParseError(reason: reason, column: column, input: text)
    }

    /// "unexpected 'c'" for the current character, or "expected ..." at the end.
    func unexpected(expecting what: String) -> FloatParseError {
        guard index < bytes.count else {
            return error(bytes.isEmpty ? "empty number" : "expected \(what)")
        }
        // Report the whole character (it may be several UTF-8 bytes).
        let rest = String(decoding: bytes[index...], as: UTF8.self)
        let character = rest.first.map(String.init) ?? "?"
        return error("unexpected '\(character)', expected \(what)")
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    static func hexValue(_ c: UInt8) -> UInt64? {
        switch c {
        case 0x30...0x39: UInt64(c - 0x30)
        case 0x41...0x46: UInt64(c - 0x41 + 10)
        case 0x61...0x66: UInt64(c - 0x61 + 10)
        default: nil
        }
    }

    func lowercasedWord(at start: Int) -> String {
        var end = start
        while end < bytes.count, (bytes[end] | 0x20) >= 0x61 && (bytes[end] | 0x20) <= 0x7A { end += 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self).lowercased()
    }

    package mutating func scan() throws(FloatParseError) -> ScannedNumber {
        var negative = false
        if let c = current, c == 0x2B || c == 0x2D {
            negative = c == 0x2D
            index += 1
        }
        guard let c = current else { throw unexpected(expecting: "a number") }
        if (c | 0x20) == 0x69 || (c | 0x20) == 0x6E {  // i, n
            let word = lowercasedWord(at: index)
            if word == "inf" || word == "infinity" {
                index += word.utf8.count
                try finish()
                return ScannedNumber(negative: negative, kind: .infinity)
            }
            if word == "nan" {
                index += 3
                if current == 0x28 {  // "(" payload ")"
                    index += 1
                    while let d = current, Self.isDigit(d) || (d | 0x20) >= 0x61 && (d | 0x20) <= 0x7A || d == 0x5F {
                        index += 1
                    }
                    guard current == 0x29 else { throw unexpected(expecting: "')' closing the NaN payload") }
                    index += 1
                }
                try finish()
                return ScannedNumber(negative: negative, kind: .nan)
            }
            throw unexpected(expecting: "a digit, 'inf' or 'nan'")
        }
        if c == 0x30, index + 1 < bytes.count, (bytes[index + 1] | 0x20) == 0x78 {
            index += 2
            let kind = try scanHex()
            return ScannedNumber(negative: negative, kind: kind, exponentSaturated: exponentSaturated)
        }
        let kind = try scanDecimal()
        return ScannedNumber(negative: negative, kind: kind, exponentSaturated: exponentSaturated)
    }

    /// Fails unless the whole input was consumed.
    func finish() throws(FloatParseError) {
        if index < bytes.count { throw unexpected(expecting: "the end of the number") }
    }

    mutating func scanDecimal() throws(FloatParseError) -> ScannedNumber.Kind {
        var digits = BigUInt()
        var kept = 0  // significant digits kept in `digits`
        var sticky = false  // a nonzero digit was dropped
        var exponent = 0  // decimal exponent of the last kept digit
        var chunk: UInt64 = 0
        var chunkDigits = 0
        var sawDigit = false
        func flush() {
            if chunkDigits > 0 {
                var scale: UInt64 = 1
                for _ in 0..<chunkDigits { scale &*= 10 }
                digits.multiply(by: scale, adding: chunk)
                chunk = 0
                chunkDigits = 0
            }
        }
        func take(_ d: UInt8, fraction: Bool) {
            sawDigit = true
            if kept == 0 && d == 0x30 {  // leading zero
                if fraction { exponent -= 1 }
                return
            }
            if kept < Self.keptDigits {
                chunk = chunk &* 10 &+ UInt64(d - 0x30)
                chunkDigits += 1
                kept += 1
                if chunkDigits == 19 { flush() }
                if fraction { exponent -= 1 }
            } else {
                if d != 0x30 { sticky = true }
                if !fraction { exponent += 1 }
            }
        }
        while let d = current, Self.isDigit(d) {
            take(d, fraction: false)
            index += 1
        }
        if current == 0x2E {
            index += 1
            while let d = current, Self.isDigit(d) {
                take(d, fraction: true)
                index += 1
            }
        }
        if !sawDigit { throw unexpected(expecting: "a digit") }
        flush()
        if let e = current, (e | 0x20) == 0x65 {
            index += 1
            exponent = exponent &+ (try scanExponent())
        }
        try finish()
        return .decimal(digits: digits, count: kept, exponent: exponent, sticky: sticky)
    }

    mutating func scanHex() throws(FloatParseError) -> ScannedNumber.Kind {
        var significand: UInt64 = 0
        var keptDigits = 0
        var sticky = false
        var exponent = 0
        var sawDigit = false
        func take(_ v: UInt64, fraction: Bool) {
            sawDigit = true
            if keptDigits == 0 && v == 0 {
                if fraction { exponent -= 4 }
                return
            }
            if keptDigits < 15 {  // 60 bits
                significand = significand << 4 | v
                keptDigits += 1
                if fraction { exponent -= 4 }
            } else {
                if v != 0 { sticky = true }
                if !fraction { exponent += 4 }
            }
        }
        while let c = current, let v = Self.hexValue(c) {
            take(v, fraction: false)
            index += 1
        }
        if current == 0x2E {
            index += 1
            while let c = current, let v = Self.hexValue(c) {
                take(v, fraction: true)
                index += 1
            }
        }
        if !sawDigit { throw unexpected(expecting: "a hexadecimal digit") }
        if let p = current, (p | 0x20) == 0x70 {
            index += 1
            exponent = exponent &+ (try scanExponent())
        }
        try finish()
        return .hex(significand: significand, exponent: exponent, sticky: sticky)
    }

    /// [sign] digits, saturating at ±`exponentLimit`.
    mutating func scanExponent() throws(FloatParseError) -> Int {
        var negative = false
        if let c = current, c == 0x2B || c == 0x2D {
            negative = c == 0x2D
            index += 1
        }
        guard let first = current, Self.isDigit(first) else { throw unexpected(expecting: "exponent digits") }
        var value = 0
        while let d = current, Self.isDigit(d) {
            // Checked before multiplying, so nothing exceeds the limit (10^18 < 2^63 / 9).
            let digit = Int(d - 0x30)
            if value > (Self.exponentLimit - digit) / 10 {
                value = Self.exponentLimit
                exponentSaturated = true
            } else {
                value = value * 10 + digit
            }
            index += 1
        }
        return negative ? -value : value
    }
}

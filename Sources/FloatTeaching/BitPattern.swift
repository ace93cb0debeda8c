import SoftFloat

/// Reading a bit pattern for `mpstudy decode`: `0x3c00`, `0b0011110000000000`, with optional
/// `_` separators; the digits are ASCII (`0x３c00`, with a fullwidth digit, is refused, as
/// explain refuses `３`). A pattern written wider than the format (more hex digits than
/// ceil(width / 4), or more binary digits than the width, leading zeros included) is refused,
/// and so is one whose value needs more bits than the width (`0x40` in 6-bit FP6).
public enum BitPattern {
    /// The pattern's value, or an error naming the column.
    public static func parse(_ text: String, width: Int, formatName: String) throws(FloatParseError) -> UInt64 {
        let chars = Array(text)
        func fail(_ reason: String, _ index: Int) -> FloatParseError {
            FloatParseError(reason: reason, column: index + 1, input: text)
        }
        guard chars.count >= 2, chars[0] == "0", "xXbB".contains(chars[1]) else {
            if chars.isEmpty { throw fail("empty bit pattern, expected 0x... or 0b...", 0) }
            let bad = chars.count >= 2 && chars[0] == "0" ? 1 : 0
            throw fail("expected a bit pattern starting 0x (hex) or 0b (binary)", bad)
        }
        let radix = "xX".contains(chars[1]) ? 16 : 2
        let bitsPerDigit = radix == 16 ? 4 : 1
        var value: UInt64 = 0
        var digits = 0
        // FP6 and FP4 are not whole hex digits wide: 0x1f is a 6-bit pattern, 0x40 is not.
        let maxDigits = (width + bitsPerDigit - 1) / bitsPerDigit
        var firstDigit = 2
        for i in 2..<chars.count {
            let c = chars[i]
            if c == "_" { continue }
            // ASCII digits only, as explain and calc read numbers: Character.hexDigitValue
            // also reads fullwidth forms ('３' is 3).
            guard c.isASCII, let d = c.hexDigitValue, d < radix else {
                throw fail("unexpected '\(c)' in a \(radix == 16 ? "hexadecimal" : "binary") pattern", i)
            }
            digits += 1
            if digits == 1 { firstDigit = i }
            if digits > maxDigits {
                throw fail("pattern is wider than \(formatName) (\(width) bits)", i)
            }
            value = value << UInt64(bitsPerDigit) | UInt64(d)
        }
        if digits == 0 { throw fail("expected \(radix == 16 ? "hexadecimal" : "binary") digits", chars.count) }
        if width < 64 && value >> UInt64(width) != 0 {
            throw fail("pattern is wider than \(formatName) (\(width) bits)", firstDigit)
        }
        return value
    }
}

import SoftFloat

/// Reading a bit pattern for `mpstudy decode`: `0x3c00`, `0b0011110000000000`, with optional
/// `_` separators, ASCII digits only. A pattern written wider than the format (more hex digits than width / 4,
/// or more binary digits than the width, leading zeros included) is refused.
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
        for i in 2..<chars.count {
            let c = chars[i]
            if c == "_" { continue }
            // ASCII digits only (`hexDigitValue` also reads fullwidth ones, which explain and
            // calc refuse).
            guard c.isASCII, let d = c.hexDigitValue, d < radix else {
                throw fail("unexpected '\(c)' in a \(radix == 16 ? "hexadecimal" : "binary") pattern", i)
            }
            digits += 1
            if digits * bitsPerDigit > width {
                throw fail("pattern is wider than \(formatName) (\(width) bits)", i)
            }
            value = value << UInt64(bitsPerDigit) | UInt64(d)
        }
        if digits == 0 { throw fail("expected \(radix == 16 ? "hexadecimal" : "binary") digits", chars.count) }
        return value
    }
}

/// The exact decimal expansion of a binary floating-point value. Every finite binary value
/// f * 2^e has one: for e >= 0 it is an integer, and for e < 0 it is f * 5^-e / 10^-e, so it
/// ends exactly -e digits after the point (the last one a 5 when f is odd).
extension BinaryFloat {
    /// Every digit of the value: `0.1000000000000000055511151231257827021181583404541015625`
    /// for binary64 0.1, `65504`, `-0`, `inf`, `nan`. No exponent notation: the point is
    /// written where it belongs, with one leading zero for values below one.
    public var exactDecimal: String {
        if isNaN { return sign ? "-nan" : "nan" }
        if isInfinite { return sign ? "-inf" : "inf" }
        let (f, e) = integerSignificandAndExponent!
        let signText = sign ? "-" : ""
        return signText + Self.exactDecimal(significand: f, exponent: e)
    }

    /// The digits of f * 2^e, non-negative. (Worked on as ASCII bytes: `Character` indexing
    /// costs a grapheme-cluster walk per step, which dominated calc's long expressions.)
    package static func exactDecimal(significand f: UInt64, exponent e: Int) -> String {
        var n = BigUInt(f)
        if f == 0 { return "0" }
        if e >= 0 {
            n <<= e
            return n.description
        }
        n.multiply(byPowerOfFive: -e)
        var digits = Array(n.description.utf8)
        let fractionDigits = -e
        if digits.count <= fractionDigits {
            digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: fractionDigits - digits.count + 1), at: 0)
        }
        let split = digits.count - fractionDigits
        var end = digits.count
        while end > split && digits[end - 1] == UInt8(ascii: "0") { end -= 1 }
        if end == split { return String(decoding: digits[..<split], as: UTF8.self) }
        return String(decoding: digits[..<split] + [UInt8(ascii: ".")] + digits[split..<end], as: UTF8.self)
    }
}

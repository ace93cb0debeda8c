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

    /// The digits of f * 2^e, non-negative.
    package static func exactDecimal(significand f: UInt64, exponent e: Int) -> String {
        var n = BigUInt(f)
        if f == 0 { return "0" }
        if e >= 0 {
            n <<= e
            return n.description
        }
        n.multiply(byPowerOfFive: -e)
        var digits = n.description
        let fractionDigits = -e
        if digits.count <= fractionDigits {
            digits = String(repeating: "0", count: fractionDigits - digits.count + 1) + digits
        }
        let split = digits.index(digits.endIndex, offsetBy: -fractionDigits)
        var fraction = digits[split...]
        while fraction.last == "0" { fraction = fraction.dropLast() }
        return fraction.isEmpty ? String(digits[..<split]) : digits[..<split] + "." + fraction
    }
}

import SoftFloat

/// A signed exact decimal number digits * 10^exponent, for the teaching views' errors
/// (stored value minus input). Every binary value and every decimal input is one.
public struct ExactDecimalNumber: Sendable, CustomStringConvertible {
    var negative: Bool
    var digits: BigUInt
    var exponent: Int

    init(negative: Bool, digits: BigUInt, exponent: Int) {
        self.negative = negative && !digits.isZero
        self.digits = digits
        self.exponent = exponent
    }

    /// The exact value of a finite binary value.
    init<F: BinaryFormat>(_ x: BinaryFloat<F>) {
        let (f, e) = x.integerSignificandAndExponent!
        var d = BigUInt(f)
        if e >= 0 {
            d <<= e
            self.init(negative: x.sign, digits: d, exponent: 0)
        } else {
            d.multiply(byPowerOfFive: -e)
            self.init(negative: x.sign, digits: d, exponent: e)
        }
    }

    var isZero: Bool { digits.isZero }

    /// self - other, exactly.
    func subtracting(_ other: ExactDecimalNumber) -> ExactDecimalNumber {
        let e = min(exponent, other.exponent)
        var a = digits, b = other.digits
        a.multiply(byPowerOfTen: exponent - e)
        b.multiply(byPowerOfTen: other.exponent - e)
        // a*(-1)^sa - b*(-1)^sb
        let bNegative = !other.negative
        if negative == bNegative { return ExactDecimalNumber(negative: negative, digits: a + b, exponent: e) }
        if a < b { return ExactDecimalNumber(negative: bNegative, digits: b - a, exponent: e) }
        return ExactDecimalNumber(negative: negative, digits: a - b, exponent: e)
    }

    var magnitude: ExactDecimalNumber { ExactDecimalNumber(negative: false, digits: digits, exponent: exponent) }

    /// Every digit, point placed, no exponent notation.
    public var description: String {
        var text = digits.description
        let sign = negative ? "-" : ""
        if exponent >= 0 { return sign + (digits.isZero ? "0" : text + String(repeating: "0", count: exponent)) }
        let fraction = -exponent
        if text.count <= fraction { text = String(repeating: "0", count: fraction - text.count + 1) + text }
        let split = text.index(text.endIndex, offsetBy: -fraction)
        var tail = text[split...]
        while tail.last == "0" { tail = tail.dropLast() }
        return sign + (tail.isEmpty ? String(text[..<split]) : text[..<split] + "." + tail)
    }

    /// About 6 significant digits in scientific notation: `1.2207e-05`.
    public var approximate: String {
        if digits.isZero { return "0" }
        let text = digits.description
        let head = text.prefix(6)
        let e = text.count - 1 + exponent
        var mantissa = String(head.prefix(1)) + (head.count > 1 ? "." + head.dropFirst() : "")
        while mantissa.contains(".") && (mantissa.hasSuffix("0") || mantissa.hasSuffix(".")) { mantissa.removeLast() }
        return (negative ? "-" : "") + mantissa + "e" + (e < 0 ? "-" : "+") + (abs(e) < 10 ? "0" : "") + String(abs(e))
    }

    /// |self| / |other| as a Double (relative sizes; 17 leading digits of each).
    func ratio(to other: ExactDecimalNumber) -> Double {
        if digits.isZero { return 0 }
        if other.digits.isZero { return .infinity }
        func lead(_ x: ExactDecimalNumber) -> (Double, Int) {
            let text = x.digits.description
            let head = text.prefix(17)
            return (Double(String(head))!, x.exponent + text.count - head.count)
        }
        let (a, ea) = lead(self), (b, eb) = lead(other)
        return (a / b) * (Double("1e\(ea - eb)") ?? .infinity)
    }
}

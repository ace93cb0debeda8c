import SoftFloat
import _MPStudySupport

/// Decimal and hexadecimal strings that exercise correct rounding in format `F`: random short
/// and long decimals across the format's range (subnormals and overflow included), exact
/// midpoints between neighbouring values of F (ties), the same midpoints perturbed by less than
/// one unit in their last digit (truncated, or extended with hundreds of digits: "...4999..9",
/// "...5000..01"), exact values of F, hexadecimal floats, and decimal or hexadecimal numbers
/// with exponents of up to 18 digits far outside every format (1e-99999999999999, zeros among
/// them). Signs either way. Every string is valid in both SoftFloat's and MPFR's (base 0)
/// syntax. Deterministic for a seed.
public struct DecimalStringGenerator<F: BinaryFormat> {
    var values: OperandGenerator<F>
    var rng: SeededGenerator
    let oracle: Oracle

    public init(seed: UInt64, oracle: Oracle) {
        values = OperandGenerator<F>(seed: seed)
        rng = SeededGenerator(seed: seed ^ 0x5DEE_CE66_D1CE_4E5B)
        self.oracle = oracle
    }

    mutating func below(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }

    /// Decimal exponents from below half the smallest subnormal to above the largest value.
    static var decimalRange: ClosedRange<Int> {
        let low = Int((Double(F.minExponent - F.fractionBitCount) * 0.30103).rounded(.down)) - 2
        let high = Int((Double(F.maxExponent + 1) * 0.30103).rounded(.up)) + 2
        return low...high
    }

    mutating func digits(_ count: Int) -> String {
        String((0..<count).map { i in Character(String(i == 0 ? 1 + below(9) : below(10))) })
    }

    /// A finite value of F, sign cleared.
    mutating func finiteMagnitude() -> BinaryFloat<F> {
        while true {
            let x = values.operand()
            if x.isFinite { return x.sign ? x.negatedIf(true) : x }
        }
    }

    /// Plain digits "123.456" rewritten at random as "1.23456e2"-style scientific notation.
    /// (Byte arrays throughout: Character-level String work dominated the run time.)
    mutating func maybeScientific(_ plain: [UInt8]) -> [UInt8] {
        guard below(2) == 0 else { return plain }
        let dot = plain.firstIndex(of: UInt8(ascii: ".")) ?? plain.count
        var all = Array(plain[..<dot]) + (dot < plain.count ? Array(plain[(dot + 1)...]) : [])
        var point = dot
        var leading = 0
        while leading < all.count - 1 && all[leading] == UInt8(ascii: "0") { leading += 1 }
        all.removeFirst(leading)
        point -= leading
        // value = 0.all * 10^point = a.ll * 10^(point - 1)
        var out: [UInt8] = [all[0]]
        if all.count > 1 {
            out.append(UInt8(ascii: "."))
            out += all[1...]
        }
        out.append(UInt8(ascii: "e"))
        out += Array(String(point - 1).utf8)
        return out
    }

    /// The next string.
    public mutating func next() -> String {
        let sign = ["", "-", "+"][below(3)]
        switch below(9) {
        case 0, 1:  // random decimal, 1-20 digits
            let n = 1 + below(20)
            let e = Self.decimalRange.lowerBound + below(Self.decimalRange.count)
            let d = digits(n)
            let point = below(n + 1)
            let text = d.prefix(point) + "." + d.dropFirst(point)
            return sign + (point == 0 ? "0" : "") + text + "e" + String(e - point)
        case 2:  // long random decimal, 20-60 digits
            let n = 20 + below(41)
            let e = Self.decimalRange.lowerBound + below(Self.decimalRange.count)
            return sign + "0." + digits(n) + "e" + String(e)
        case 3, 4, 5:  // a midpoint, exact or perturbed
            let x = finiteMagnitude()
            let (f, e) = x.integerSignificandAndExponent!
            let midpoint = Array(oracle.exactDecimal(significand: 2 * f + 1, exponent: e - 1).utf8)
            let plain = midpoint.contains(UInt8(ascii: ".")) ? midpoint : midpoint + Array(".0".utf8)
            let zero = UInt8(ascii: "0")
            let dot = UInt8(ascii: ".")
            let body: [UInt8]
            switch below(4) {
            case 0: body = maybeScientific(midpoint)
            case 1:  // just above: ...5 followed by zeros and a 1
                body = maybeScientific(plain + [UInt8](repeating: zero, count: below(300)) + [UInt8(ascii: "1")])
            case 2:  // just below: last nonzero digit lowered, then nines
                var digits = plain
                var i = digits.count - 1
                while i >= 0 && (digits[i] == zero || digits[i] == dot) { i -= 1 }
                guard i >= 0 else { return sign + String(decoding: plain, as: UTF8.self) }
                digits[i] -= 1
                body = maybeScientific(digits + [UInt8](repeating: UInt8(ascii: "9"), count: 1 + below(300)))
            default:  // truncated: below the midpoint by less than one unit of the last kept digit
                let keep = max(1, plain.count - 1 - below(max(1, plain.count / 2)))
                var text = Array(plain.prefix(keep))
                if text.last == dot { text.append(zero) }
                body = text
            }
            return sign + String(decoding: body, as: UTF8.self)
        case 6:  // an exact value of F
            let x = finiteMagnitude()
            let (f, e) = x.integerSignificandAndExponent!
            return sign
                + String(
                    decoding: maybeScientific(Array(oracle.exactDecimal(significand: f, exponent: e).utf8)),
                    as: UTF8.self)
        case 7:  // an exponent far beyond every format: 10 to 18 digits, either sign
            var exponent = String(1 + below(9))
            for _ in 0..<(9 + below(9)) { exponent.append(Character(String(below(10)))) }
            let negative = below(2) == 0 ? "-" : ""
            if below(4) == 0 {
                return sign + "0x" + String(rng.next() >> UInt64(below(64)), radix: 16) + "p" + negative + exponent
            }
            let mantissa = below(8) == 0 ? "0" : digits(1 + below(30))
            return sign + mantissa + (below(2) == 0 ? ".5" : "") + "e" + negative + exponent
        default:  // hexadecimal float
            let n = 1 + below(16)
            let hexDigits = String((0..<n).map { _ in "0123456789abcdef".randomElement(using: &rng)! })
            let point = below(n + 1)
            let low = F.minExponent - F.fractionBitCount - 4
            let high = F.maxExponent + 4
            let p = low + below(high - low + 1)
            let body = point == n ? hexDigits : hexDigits.prefix(point) + "." + hexDigits.dropFirst(point)
            return sign + "0x" + (point == 0 ? "0" : "") + body + "p" + String(p)
        }
    }
}

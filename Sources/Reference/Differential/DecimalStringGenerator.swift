import SoftFloat

/// Decimal and hexadecimal strings that exercise correct rounding in format `F`: random short
/// and long decimals across the format's range (subnormals and overflow included), exact
/// midpoints between neighbouring values of F (ties), the same midpoints perturbed by less than
/// one unit in their last digit (truncated, or extended with hundreds of digits: "...4999..9",
/// "...5000..01"), exact values of F, and hexadecimal floats. Signs either way. Every string
/// is valid in both SoftFloat's and MPFR's (base 0) syntax. Deterministic for a seed.
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
    mutating func maybeScientific(_ plain: String) -> String {
        guard below(2) == 0 else { return plain }
        let parts = plain.split(separator: ".", omittingEmptySubsequences: false)
        let integer = String(parts[0]), fraction = parts.count > 1 ? String(parts[1]) : ""
        var all = integer + fraction
        var point = integer.count
        while all.hasPrefix("0") && all.count > 1 { all.removeFirst(); point -= 1 }
        // value = 0.all * 10^point = a.ll * 10^(point - 1)
        let head = all.prefix(1), tail = all.dropFirst()
        return head + (tail.isEmpty ? "" : "." + tail) + "e" + String(point - 1)
    }

    /// The next string.
    public mutating func next() -> String {
        let sign = ["", "-", "+"][below(3)]
        switch below(8) {
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
            let midpoint = oracle.exactDecimal(significand: 2 * f + 1, exponent: e - 1)
            let plain = midpoint.contains(".") ? midpoint : midpoint + ".0"
            switch below(4) {
            case 0: return sign + maybeScientific(midpoint)
            case 1:  // just above: ...5 followed by zeros and a 1
                return sign + maybeScientific(plain + String(repeating: "0", count: below(300)) + "1")
            case 2:  // just below: last digit lowered, then nines
                var body = Array(plain)
                var i = body.count - 1
                while i >= 0 && (body[i] == "0" || body[i] == ".") { i -= 1 }
                guard i >= 0, let d = body[i].wholeNumberValue else { return sign + plain }
                body[i] = Character(String(d - 1))
                return sign + maybeScientific(String(body) + String(repeating: "9", count: 1 + below(300)))
            default:  // truncated: below the midpoint by less than one unit of the last kept digit
                let keep = max(1, plain.count - 1 - below(max(1, plain.count / 2)))
                var text = String(plain.prefix(keep))
                if text.hasSuffix(".") { text += "0" }
                return sign + text
            }
        case 6:  // an exact value of F
            let x = finiteMagnitude()
            let (f, e) = x.integerSignificandAndExponent!
            return sign + maybeScientific(oracle.exactDecimal(significand: f, exponent: e))
        default:  // hexadecimal float
            let n = 1 + below(16)
            let hexDigits = String((0..<n).map { _ in "0123456789abcdef".randomElement(using: &rng)! })
            let point = below(n + 1)
            let low = F.minExponent - F.fractionBitCount - 4, high = F.maxExponent + 4
            let p = low + below(high - low + 1)
            let body = point == n ? hexDigits : hexDigits.prefix(point) + "." + hexDigits.dropFirst(point)
            return sign + "0x" + (point == 0 ? "0" : "") + body + "p" + String(p)
        }
    }
}

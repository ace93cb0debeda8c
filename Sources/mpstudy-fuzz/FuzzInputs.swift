import FloatTeaching
import SoftFloat
import _MPStudySupport

/// The random inputs of the fuzz run: numbers, bit patterns and calc expressions, generated
/// or mutated from seeds, each a pure function of (seed, index) so that any one can be
/// regenerated alone (`--start i --count 1`).
struct FuzzInputs {
    var rng: SeededGenerator

    /// The generator of input `index` of a run with `seed`.
    init(seed: UInt64, index: Int) {
        rng = SeededGenerator(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(index) &* 0xD1B5_4A32_D192_ED03)
    }

    mutating func below(_ n: Int) -> Int { Int(rng.next() % UInt64(max(1, n))) }

    /// A format for one input: a built-in one three times in four, else a runtime format.
    mutating func formatChoice() -> FormatChoice {
        chance(4) ? .runtime(runtimeFormat()) : .builtIn(pick(FormatKind.allCases))
    }

    /// A runtime format drawn over the whole supported space: w 2...11, p 2...53, IEEE-like,
    /// without infinities, or without infinities and NaN (every such combination is valid).
    mutating func runtimeFormat() -> RuntimeFormat {
        let w = RuntimeFormat.exponentBitCounts.lowerBound + below(RuntimeFormat.exponentBitCounts.count)
        let f = RuntimeFormat.precisions.lowerBound - 1 + below(RuntimeFormat.precisions.count)
        let layout = below(3)
        guard
            let format = try? RuntimeFormat(
                exponentBitCount: w, fractionBitCount: f, hasInfinities: layout == 0, hasNaN: layout < 2)
        else { preconditionFailure("w \(w), f \(f) is in the supported ranges") }
        return format
    }
    mutating func chance(_ n: Int) -> Bool { below(n) == 0 }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// Characters that trip parsers and terminals: Unicode digits of other scripts (fullwidth,
    /// Arabic-Indic, Devanagari, superscripts), combining marks, right-to-left and other
    /// bidirectional controls, NUL and other controls, line separators, a byte order mark,
    /// zero-width characters, look-alike signs and points, emoji, spaces of every kind.
    static let exotic: [String] = [
        "１", "２", "９", "０", "٣", "٠", "९", "²", "¹", "½", "\u{0301}", "\u{0308}", "\u{20DD}", "\u{202E}", "\u{202D}",
        "\u{200F}", "\u{2067}", "\u{061C}", "\u{0}", "\u{1}", "\u{7}", "\u{8}", "\n", "\r", "\r\n", "\t", "\u{B}",
        "\u{C}",
        "\u{1B}", "\u{1B}[31m", "\u{1B}]0;x\u{7}", "\u{7F}", "\u{85}", "\u{9B}", "\u{2028}", "\u{2029}", "\u{FEFF}",
        "\u{200B}", "\u{200D}", "\u{2060}", "−", "－", "＋", "．", "，", "e", "E", "p", "P", "x", "X", "_", ".", "+", "-",
        "😀", "👍🏽", "🇫🇷", "ﬁ", "Ⅻ", " ", "\u{A0}", "\u{3000}", "\u{2009}", "(", ")", ",", "*", "/", "\"", "'", "\\",
        "%", "$", "{", "}", "inf", "nan", "0x", "0b", "e-", "p+", "\u{FFFD}", "\u{D7FF}", "\u{10FFFF}",
    ]

    mutating func digits(_ count: Int, radix: Int = 10) -> String {
        let alphabet = Array(radix == 16 ? "0123456789abcdefABCDEF" : radix == 2 ? "01" : "0123456789")
        return String((0..<count).map { _ in alphabet[below(alphabet.count)] })
    }

    /// A digit count: mostly short, sometimes hundreds or thousands (beyond the 800 kept).
    mutating func digitCount() -> Int {
        switch below(20) {
        case 0: 700 + below(1_500)
        case 1, 2: 20 + below(100)
        default: 1 + below(20)
        }
    }

    /// An exponent: mostly small, often far beyond every format, sometimes beyond 10^18.
    mutating func exponent() -> String {
        let sign = pick(["", "-", "+"])
        switch below(10) {
        case 0: return sign + digits(19 + below(40))
        case 1, 2: return sign + String(1 + below(9)) + digits(6 + below(12))
        case 3:
            return sign
                + pick(["1000000000000000000", "999999999999999999", "1000000000000000001", "4611686018427387904"])
        default: return sign + String(below(400))
        }
    }

    /// A number as the parsers accept it, or nearly.
    mutating func number() -> String {
        let sign = pick(["", "", "", "-", "+"])
        switch below(12) {
        case 0:
            return sign
                + pick([
                    "inf", "infinity", "nan", "INF", "Infinity", "NaN", "nan(123)", "nan(abc_9)", "nan()", "in", "nana",
                ])
        case 1, 2:
            let mantissa = digits(1 + below(16), radix: 16)
            let point = below(3) == 0 ? "." + digits(below(8), radix: 16) : ""
            let power = below(4) == 0 ? "" : pick(["p", "P"]) + exponent()
            return sign + pick(["0x", "0X"]) + mantissa + point + power
        case 3:
            return sign + pick(["0", "0.0", "000", ".0", "0e0"]) + (chance(2) ? "e" + exponent() : "")
        default:
            let whole = chance(6) ? "" : digits(digitCount())
            let fraction = chance(2) ? "." + digits(chance(3) ? 0 : digitCount()) : ""
            let body = whole.isEmpty && fraction.count < 2 ? "1" + fraction : whole + fraction
            let power = chance(2) ? pick(["e", "E"]) + exponent() : ""
            return sign + body + power
        }
    }

    /// A bit pattern as decode reads it, of a width near some format's.
    mutating func bitPattern() -> String {
        let width = pick([8, 16, 32, 64]) + below(5) - 2
        var text: String
        if chance(2) {
            text = pick(["0x", "0X"]) + digits(max(0, (width + 3) / 4 + below(3) - 1), radix: 16)
        } else {
            text = pick(["0b", "0B"]) + digits(max(0, width + below(3) - 1), radix: 2)
        }
        if chance(4) {
            var characters = Array(text)
            for _ in 0..<(1 + below(4)) { characters.insert("_", at: 2 + below(max(1, characters.count - 1))) }
            text = String(characters)
        }
        return text
    }

    /// A calc expression: small random trees mostly, sometimes very long sums and products or
    /// very deep nesting (around the parser's limits), calls with wrong arities, unknown names.
    mutating func expression() -> String {
        switch below(400) {
        case 0:  // a long sum or product, up to just past the operation limit
            let terms = pick([1_000, 5_000, CalcExpression.maxOperations, CalcExpression.maxOperations + 1, 100_000])
            let term = chance(2) ? "1" : pick(["0.1", "3", "1e-5", "0x1p-3"])
            return Array(repeating: term, count: terms + 1).joined(separator: pick(["+", "*", " - ", "/"]))
        case 1:  // deep nesting, just inside or outside the limit
            let depth = CalcExpression.maxNesting + below(3) - 2
            return String(repeating: pick(["(", "-(", "sqrt("]), count: depth) + "2"
                + String(repeating: ")", count: depth)
        case 2, 3:
            return pick([
                "fma(1, 2)", "sqrt(1, 2)", "foo(1)", "fma(1,2,3,4)", "sqrt()", "()", "1 +", "(1", "1)", "",
                "   ", "1 ** 2", "--1", "1 2", "fma(,,)", "sqrt(-0)", "0/0", "inf-inf", "nan*0", "1/-0",
            ])
        default:
            return tree(depth: below(6))
        }
    }

    mutating func tree(depth: Int) -> String {
        if depth == 0 || chance(4) { return literal() }
        switch below(9) {
        case 0: return "sqrt(\(tree(depth: depth - 1)))"
        case 1: return "fma(\(tree(depth: depth - 1)), \(tree(depth: depth - 1)), \(tree(depth: depth - 1)))"
        case 2: return "-(\(tree(depth: depth - 1)))"
        case 3: return "(\(tree(depth: depth - 1)))"
        default:
            let op = pick([" + ", " - ", " * ", " / ", "+", "*"])
            return tree(depth: depth - 1) + op + tree(depth: depth - 1)
        }
    }

    /// A literal for calc: short numbers mostly (long ones make every step long).
    mutating func literal() -> String {
        if chance(8) { return number() }
        return pick([
            "0.1", "0.2", "0.3", "3", "1", "2", "448", "16", "65504", "1e-8", "5.96e-8", "0x1p-24", "1e300",
            "1e-300", "2.5", "-0.5", "0", "-0", "1e-99999999999999", "1e99999999999999", "0x1p99999", "inf", "nan",
            "0.1e1", "123456789", "1e-320", "3.4028235e38", "1.7976931348623157e308", "4.9e-324",
        ])
    }

    /// `text` mutated 1 to 4 times: a bit flipped in its UTF-8 (invalid sequences become
    /// U+FFFD, as Swift reads them), an exotic character inserted, a run deleted, duplicated or
    /// cut off, a digit run replaced by a long one.
    mutating func mutated(_ text: String) -> String {
        var bytes = Array(text.utf8)
        for _ in 0..<(1 + below(4)) {
            switch below(7) {
            case 0 where !bytes.isEmpty:
                bytes[below(bytes.count)] ^= UInt8(1) << UInt8(below(8))
            case 1:
                bytes.insert(contentsOf: Array(pick(Self.exotic).utf8), at: below(bytes.count + 1))
            case 2 where !bytes.isEmpty:
                let start = below(bytes.count)
                bytes.removeSubrange(start..<min(bytes.count, start + 1 + below(4)))
            case 3 where !bytes.isEmpty:
                let start = below(bytes.count)
                let slice = bytes[start..<min(bytes.count, start + 1 + below(8))]
                bytes.insert(contentsOf: slice, at: below(bytes.count + 1))
            case 4 where !bytes.isEmpty:
                bytes.removeLast(below(bytes.count) + 1)
            case 5:
                bytes.insert(contentsOf: Array(digits(1 + below(40)).utf8), at: below(bytes.count + 1))
            default:
                bytes.insert(
                    contentsOf: Array(pick(["e", "p", ".", "-", "+", "x", "0x", "(", ")", ","]).utf8),
                    at: below(bytes.count + 1))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

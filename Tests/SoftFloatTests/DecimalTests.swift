import Reference
import SoftFloat
import Testing
import _MPStudySupport

/// Decimal parsing, shortest printing and exact expansion.
///
/// Oracles: hand derivations (in the comments), exhaustive enumeration (every binary16 and
/// bfloat16 value printed and parsed back), Swift's own `Float16`/`Float`/`Double`
/// `description` (SwiftDtoa, shortest round-trip digits, an independent implementation) for
/// the digits, and MPFR (`ParsingAgreementTests` in ReferenceTests) for parsing.
@Suite struct DecimalTests {
    func parse<F: BinaryFormat>(
        _ text: String, _: F.Type, _ rounding: RoundingRule = .toNearestOrEven,
        tininess: Tininess = .afterRounding
    ) throws -> (BinaryFloat<F>, ExceptionFlags) {
        var env = FloatEnvironment(rounding: rounding, tininess: tininess)
        let value = try BinaryFloat<F>(parsing: text, in: &env)
        return (value, env.flags)
    }

    @Test func handDerivedParsing() throws {
        // 0.1 in binary16: 0.1 = 1.6 * 2^-4; 1.6 * 1024 = 1638.4 -> 1638 = 0x666 (frac 0x266),
        // field -4 + 15 = 11: 0|01011|1001100110 = 0x2E66, inexact (0.4 below half).
        #expect(try parse("0.1", Binary16.self) == (SoftFloat16(bits: 0x2E66), .inexact))
        // Upward: 1639 -> 0x2E67.
        #expect(try parse("0.1", Binary16.self, .up) == (SoftFloat16(bits: 0x2E67), .inexact))
        // 65504 = largest finite 0x7BFF, exact. 65520 = midpoint of 65504 and 2^16: ties to
        // even -> 2^16 -> overflow, +inf. Toward zero: 65504, inexact only.
        #expect(try parse("65504", Binary16.self) == (SoftFloat16(bits: 0x7BFF), []))
        #expect(try parse("65520", Binary16.self) == (SoftFloat16(bits: 0x7C00), [.overflow, .inexact]))
        #expect(try parse("65520", Binary16.self, .towardZero) == (SoftFloat16(bits: 0x7BFF), .inexact))
        // 5.96e-8 / 2^-24 = 0.99988... -> smallest subnormal 0x0001, tiny and inexact.
        #expect(try parse("5.96e-8", Binary16.self) == (SoftFloat16(bits: 0x0001), [.underflow, .inexact]))
        // 1e-8 / 2^-24 = 0.1678: rounds to +0, underflow|inexact.
        #expect(try parse("1e-8", Binary16.self) == (SoftFloat16(bits: 0x0000), [.underflow, .inexact]))
        // Hex: 0x1.8p3 = 1.5 * 8 = 12 = 1.1b * 2^3: field 18 = 10010, frac 1000000000: 0x4A00.
        #expect(try parse("0x1.8p3", Binary16.self) == (SoftFloat16(bits: 0x4A00), []))
        #expect(try parse("-0", Binary16.self) == (SoftFloat16(bits: 0x8000), []))
        #expect(try parse("-inf", Binary16.self) == (SoftFloat16(bits: 0xFC00), []))
        let (nan, nanFlags) = try parse("nan(123)", Binary16.self)
        #expect(nan.isNaN && !nan.isSignalingNaN && nanFlags == [])
        // Huge and tiny exponents saturate: overflow / underflow, no trap.
        #expect(
            try parse("1e999999999", Binary64.self) == (
                SoftFloat64(bits: 0x7FF0_0000_0000_0000), [.overflow, .inexact]
            ))
        #expect(try parse("1e-999999999", Binary64.self, .up) == (SoftFloat64(bits: 1), [.underflow, .inexact]))
        #expect(
            try parse("1e99999999999999999999999", Binary16.self, .towardZero) == (
                SoftFloat16(bits: 0x7BFF), [.overflow, .inexact]
            ))
        // E4M3: 464 = 1.1101b * 2^8 is the midpoint of 448 (0x7E) and 480 (would be 0x7F, the
        // NaN): ties to even -> 448, inexact, no overflow. 465 is above it: overflow -> NaN;
        // saturating -> 448. inf -> invalid, NaN.
        #expect(try parse("464", Float8E4M3.self) == (SoftFloat8E4M3(bits: 0x7E), .inexact))
        let (over, overFlags) = try parse("465", Float8E4M3.self)
        #expect(over.bits == 0x7F && overFlags == [.overflow, .inexact])
        var saturating = FloatEnvironment(saturatesOverflow: true)
        #expect(try SoftFloat8E4M3(parsing: "465", in: &saturating).bits == 0x7E)
        #expect(saturating.flags == [.overflow, .inexact])
        let (infinity, infinityFlags) = try parse("inf", Float8E4M3.self)
        #expect(infinity.isNaN && infinityFlags == .invalid)
    }

    /// A binary64 midpoint written with 10,000 digits (1 + 2^-53 exactly is
    /// 1.00000000000000011102230246251565404236316680908203125; padding it with zeros keeps
    /// the tie (even: 1.0), a final 1 after 9,000 zeros breaks it upward (0x3FF0000000000001).
    @Test func longStringsNearATie() throws {
        let tie = "1.00000000000000011102230246251565404236316680908203125"
        let zeros = String(repeating: "0", count: 9_000)
        #expect(try parse(tie + zeros, Binary64.self).0.bits == 0x3FF0_0000_0000_0000)
        #expect(try parse(tie + zeros + "1", Binary64.self).0.bits == 0x3FF0_0000_0000_0001)
        #expect(try parse(tie, Binary64.self, .toNearestOrAway).0.bits == 0x3FF0_0000_0000_0001)
    }

    @Test(arguments: ["", "0x", "--", "1e", "1.5x", ".", "e5", "0x.p1", "nan(12", "infinit", "1 ", "+", "1e+", "١"])
    func malformedInputIsRefusedWithAColumn(_ text: String) {
        var env = FloatEnvironment()
        #expect(throws: FloatParseError.self) { try SoftFloat16(parsing: text, in: &env) }
        do {
            _ = try SoftFloat16(parsing: text, in: &env)
        } catch {
            #expect(error.column >= 1 && error.column <= text.count + 1, "\(error)")
        }
    }

    @Test func errorPositions() {
        var env = FloatEnvironment()
        func failure(_ text: String) -> String {
            do {
                _ = try SoftFloat16(parsing: text, in: &env)
                return "parsed"
            } catch { return error.description }
        }
        #expect(failure("1.5x") == "unexpected 'x', expected the end of the number at column 4 in \"1.5x\"")
        #expect(failure("0x") == "expected a hexadecimal digit at column 3 in \"0x\"")
        #expect(failure("--") == "unexpected '-', expected a digit at column 2 in \"--\"")
        #expect(failure("") == "empty number at column 1 in \"\"")
        // Control characters from the input are escaped: the message stays one printable line
        // (a newline would cut it, ESC [31m colour the terminal, U+202E reverse what follows).
        #expect(failure("1\n2") == #"unexpected '\n', expected the end of the number at column 2 in "1\n2""#)
        #expect(failure("\u{1B}[31m") == #"unexpected '\u{1B}', expected a digit at column 1 in "\u{1B}[31m""#)
        #expect(failure("\u{202E}5") == #"unexpected '\u{202E}', expected a digit at column 1 in "\u{202E}5""#)
        #expect(failure("1\r\n") == #"unexpected '\r\n', expected the end of the number at column 2 in "1\r\n""#)
    }

    /// The digits and decimal exponent of a Swift description ("6.104e-05" -> ("6104", -4)).
    func digitsOf(_ description: String) -> (String, Int) {
        var text = description.hasPrefix("-") ? String(description.dropFirst()) : description
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" }) {
            exponent = Int(text[text.index(after: e)...])!
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let integer = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var all = Array(integer + fraction)
        var k = integer.count + exponent
        while all.first == "0" {
            all.removeFirst()
            k -= 1
        }
        while all.last == "0" { all.removeLast() }
        return (String(all), all.isEmpty ? 0 : k)
    }

    /// Checks that `x` prints as text that parses back to the same bits, and that neither
    /// decimal with one digit fewer bracketing it (truncated, truncated + 1 unit) does.
    func checkShortest<F: BinaryFormat>(_ x: BinaryFloat<F>) throws {
        let text = x.shortestDescription
        let back = try parse(text, F.self).0
        #expect(back.bits == x.bits, "\(hex(x)) printed \(text)")
        let d = x.shortestDecimal!
        guard d.digits.count > 1 else { return }
        let n = d.digits.count - 1
        let truncated = BigDigits(String(d.digits.prefix(n)))
        for candidate in [truncated, truncated.incremented()] {
            let sign = d.negative ? "-" : ""
            let shorter = sign + "0." + candidate.text + "e" + String(d.exponent + (candidate.text.count - n))
            #expect(
                try parse(shorter, F.self).0.bits != x.bits,
                "\(hex(x)): \(shorter) is shorter than \(text) and round-trips")
        }
    }

    /// Every binary16 value: round-trips, nothing shorter does, and the digits equal Swift's
    /// Float16 description's wherever Swift prints shortest digits (it prints integers of
    /// 2048 and above in full: 65504.0 where the shortest is 655e2).
    @Test func everyBinary16PrintsShortestAndRoundTrips() throws {
        for bits in 0...0xFFFF {
            let x = SoftFloat16(bits: UInt16(bits))
            guard x.isFinite else { continue }
            try checkShortest(x)
            let host = Float16(bitPattern: UInt16(bits))
            if host.magnitude >= 2048 && host == host.rounded() { continue }
            let digits = x.shortestDecimal!
            let (swiftDigits, swiftExponent) = digitsOf(host.description)
            #expect(
                digits.digits == swiftDigits && (digits.digits.isEmpty || digits.exponent == swiftExponent),
                "0x\(String(bits, radix: 16)): \(digits) vs \(host)")
        }
    }

    /// Every bfloat16 value: round-trips, and nothing shorter does.
    @Test func everyBFloat16PrintsShortestAndRoundTrips() throws {
        for bits in 0...0xFFFF {
            let x = SoftBFloat16(bits: UInt16(bits))
            guard x.isFinite else { continue }
            try checkShortest(x)
        }
    }

    /// Every FP8 value of both formats, likewise.
    @Test func everyFP8ValuePrintsShortestAndRoundTrips() throws {
        for bits in 0...0xFF {
            let x = SoftFloat8E4M3(bits: UInt8(bits))
            let y = SoftFloat8E5M2(bits: UInt8(bits))
            if x.isFinite { try checkShortest(x) }
            if y.isFinite { try checkShortest(y) }
        }
    }

    /// Swift's Float and Double descriptions on random encodings: same shortest digits.
    @Test func randomBinary32And64ShortestDigitsMatchSwift() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<20_000 {
            let b32 = UInt32(truncatingIfNeeded: rng.next())
            let f = Float(bitPattern: b32)
            if f.isFinite {
                let d = SoftFloat32(bits: b32).shortestDecimal!
                let (digits, exponent) = digitsOf(f.description)
                #expect(d.digits == digits && (digits.isEmpty || d.exponent == exponent), "\(f) \(d)")
            }
            let b64 = rng.next()
            let g = Double(bitPattern: b64)
            if g.isFinite {
                let d = SoftFloat64(bits: b64).shortestDecimal!
                let (digits, exponent) = digitsOf(g.description)
                #expect(d.digits == digits && (digits.isEmpty || d.exponent == exponent), "\(g) \(d)")
            }
        }
    }

    @Test func exactExpansions() {
        // binary64 0.1 = 0x3FB999999999999A = 3602879701896397 * 2^-55, whose expansion is the
        // well-known 0.1000000000000000055511151231257827021181583404541015625.
        #expect(
            SoftFloat64(bits: 0x3FB9_9999_9999_999A).exactDecimal
                == "0.1000000000000000055511151231257827021181583404541015625")
        // binary16 0x2E66 = 1638 * 2^-14 = 0.0999755859375.
        #expect(SoftFloat16(bits: 0x2E66).exactDecimal == "0.0999755859375")
        // Smallest binary16 subnormal 2^-24 = 0.000000059604644775390625.
        #expect(SoftFloat16(bits: 0x0001).exactDecimal == "0.000000059604644775390625")
        #expect(SoftFloat16(bits: 0x7BFF).exactDecimal == "65504")
        #expect(SoftFloat16(bits: 0x8000).exactDecimal == "-0")
        // E4M3 smallest subnormal 2^-9 = 0.001953125; largest 448.
        #expect(SoftFloat8E4M3(bits: 0x01).exactDecimal == "0.001953125")
        #expect(SoftFloat8E4M3(bits: 0x7E).exactDecimal == "448")
    }
}

/// A decimal digit string with +1 (for building candidates in tests).
struct BigDigits {
    var text: String
    init(_ text: String) { self.text = text }
    func incremented() -> BigDigits {
        var digits = Array(text.utf8)
        var i = digits.count - 1
        while i >= 0 {
            if digits[i] == UInt8(ascii: "9") {
                digits[i] = UInt8(ascii: "0")
                i -= 1
            } else {
                digits[i] += 1
                break
            }
        }
        let body = String(decoding: digits, as: UTF8.self)
        return BigDigits(i < 0 ? "1" + body : body)
    }
}

import Foundation
import Testing
@testable import _MPStudySupport

/// The decimal-text helper: hand-derived digits at the edges (ties, subnormals, huge values,
/// signs, specials) for both readings of a Double, glibc's exact `printf` as the oracle of the
/// exact reading and Foundation's `Decimal` as the oracle of the shortest one.
@Suite struct DecimalTextTests {
    /// Exact ties round away from zero, whichever reading: 0.125 = 1/8 and 2.5 are binary
    /// values whose shortest decimal is the value itself, lying exactly halfway (printf would
    /// give 0.12 and 2: ties to even).
    @Test(arguments: [DecimalText.Source.shortest, .exact])
    func exactTiesRoundAwayFromZero(source: DecimalText.Source) {
        #expect(DecimalText.fixed(0.125, decimals: 2, from: source) == "0.13")
        #expect(DecimalText.fixed(-0.125, decimals: 2, from: source) == "-0.13")
        #expect(DecimalText.fixed(2.5, decimals: 0, from: source) == "3")
        #expect(DecimalText.fixed(0.5, decimals: 0, from: source) == "1")
        #expect(DecimalText.fixed(-2.5, decimals: 0, from: source) == "-3")
        #expect(DecimalText.fixed(1.5, decimals: 0, from: source) == "2")
        // 0.9375 = 15/16 to 3 decimals: a tie, away gives 0.938; to 2 decimals 0.9375 > 0.935.
        #expect(DecimalText.fixed(0.9375, decimals: 3, from: source) == "0.938")
        #expect(DecimalText.fixed(0.9375, decimals: 2, from: source) == "0.94")
        // A carry through every digit.
        #expect(DecimalText.fixed(999.5, decimals: 0, from: source) == "1000")
        // Just above and below a tie: the doubles next to 0.125 are 0.125 ± 2^-55 (or 2^-56).
        #expect(DecimalText.fixed(0.125.nextUp, decimals: 2, from: source) == "0.13")
        #expect(DecimalText.fixed(0.125.nextDown, decimals: 2, from: source) == "0.12")
    }

    /// Decimal literals that are ties in decimal but not in binary64:
    /// - 0.285 is 0.284999999999999975575093458246556110680103302001953125 (0.285·2^54 =
    ///   5134103575202365.44 rounds down to the significand): exactly, 0.28;
    /// - 0.15 is 0.1499999999999999944488848768742172978818416595458984375: exactly 0.1,
    ///   although 0.15 * 10 rounds to exactly 1.5 in binary64 and `(x*10).rounded()` says 0.2;
    /// - 1.005 is 1.00499999999999989341858963598497211933135986328125: exactly 1.00;
    /// - 0.37625 = 18060/48000 (a training accuracy of a committed report) is
    ///   0.3762499999999999733546474089962430298328399658203125: exactly 0.3762;
    /// - 0.88125 = 10575/12000 is 0.88124999999999997779553950749686919152736663818359375.
    /// Read as their shortest decimals they are the ties they were written as, and go away.
    @Test func decimalTiesBelowTheirTieInBinary() {
        let cases: [(Double, Int, exact: String, shortest: String)] = [
            (0.285, 2, "0.28", "0.29"), (0.15, 1, "0.1", "0.2"), (1.005, 2, "1.00", "1.01"),
            (-0.15, 1, "-0.1", "-0.2"), (0.37625, 4, "0.3762", "0.3763"), (0.88125, 4, "0.8812", "0.8813"),
        ]
        for (x, decimals, exact, shortest) in cases {
            #expect(DecimalText.fixed(x, decimals: decimals, from: .exact) == exact, "\(x)")
            #expect(DecimalText.fixed(x, decimals: decimals, from: .shortest) == shortest, "\(x)")
        }
        #expect(DecimalText.fixed(0.285, decimals: 2) == "0.29", "shortest is the default")
        #expect((0.15 * 10).rounded() == 2, "the binary64 product rounds first")
        #expect((0.37625 * 10_000).rounded() == 3762, "and not always the same way")
    }

    /// 0.1 + 0.2 = 0.3000000000000000444089209850062616169452667236328125 exactly (the
    /// binary64 sum), whose shortest decimal is 0.30000000000000004: 17 decimals show the 4
    /// either way; 20 decimals round the exact ...444089 up to ...4441, and pad the shortest.
    @Test func pointOnePlusPointTwo() {
        let sum = 0.1 + 0.2
        for source in [DecimalText.Source.exact, .shortest] {
            #expect(DecimalText.fixed(sum, decimals: 1, from: source) == "0.3")
            #expect(DecimalText.fixed(sum, decimals: 16, from: source) == "0.3000000000000000")
            #expect(DecimalText.fixed(sum, decimals: 17, from: source) == "0.30000000000000004")
        }
        #expect(DecimalText.fixed(sum, decimals: 20, from: .exact) == "0.30000000000000004441")
        #expect(DecimalText.fixed(sum, decimals: 20, from: .shortest) == "0.30000000000000004000")
        #expect(
            DecimalText.fixed(sum, decimals: 52, from: .exact)
                == "0.3000000000000000444089209850062616169452667236328125")
        #expect(
            DecimalText.fixed(sum, decimals: 54, from: .exact)
                == "0.300000000000000044408920985006261616945266723632812500")
        #expect(
            DecimalText.fixed(sum, decimals: 60, trimmingZeros: true, from: .exact)
                == "0.3000000000000000444089209850062616169452667236328125")
        #expect(DecimalText.fixed(sum, decimals: 60, trimmingZeros: true) == "0.30000000000000004")
    }

    /// 2^-1074 = 5^1074 / 10^1074: 1074 decimals, the digits of 5^1074 (751 of them, since
    /// 1074·log10(5) = 750.7) after 323 zeros. The digits are computed here by schoolbook
    /// multiplication in base 10, independently of the helper's base-2^32 integer.
    @Test func smallestSubnormal() {
        let tiny = Double.leastNonzeroMagnitude
        var fiveToThe1074: [UInt8] = [1]  // least significant digit first
        for _ in 0..<1074 {
            var carry: UInt8 = 0
            for i in fiveToThe1074.indices {
                let product = fiveToThe1074[i] * 5 + carry
                fiveToThe1074[i] = product % 10
                carry = product / 10
            }
            if carry > 0 { fiveToThe1074.append(carry) }
        }
        #expect(fiveToThe1074.count == 751)
        let expected =
            "0." + String(repeating: "0", count: 1074 - 751)
            + String(fiveToThe1074.reversed().map { Character(String($0)) })
        #expect(DecimalText.fixed(tiny, decimals: 1074, from: .exact) == expected)
        #expect(expected.hasPrefix("0." + String(repeating: "0", count: 323) + "494065645841246544"))
        // Its shortest decimal is 5e-324.
        #expect(
            DecimalText.fixed(tiny, decimals: 1074) == "0." + String(repeating: "0", count: 323) + "5"
                + String(repeating: "0", count: 750))
        // 4.94e-324 to 324 decimals rounds up to 5 in the last place; to 323 it is 0, unsigned.
        // Read as 5e-324 it is a tie at 323 decimals, which goes away from zero.
        for source in [DecimalText.Source.exact, .shortest] {
            #expect(
                DecimalText.fixed(tiny, decimals: 324, from: source) == "0." + String(repeating: "0", count: 323) + "5")
            #expect(
                DecimalText.fixed(-tiny, decimals: 324, from: source) == "-0." + String(repeating: "0", count: 323)
                    + "5")
        }
        #expect(DecimalText.fixed(-tiny, decimals: 323, from: .exact) == "0." + String(repeating: "0", count: 323))
        #expect(DecimalText.fixed(-tiny, decimals: 323) == "-0." + String(repeating: "0", count: 322) + "1")
        #expect(DecimalText.fixed(-tiny, decimals: 322) == "0." + String(repeating: "0", count: 322))
        #expect(
            DecimalText.significant(tiny, digits: 3, from: .exact) == "0." + String(repeating: "0", count: 323) + "494")
        #expect(DecimalText.significant(tiny, digits: 3) == "0." + String(repeating: "0", count: 323) + "500")
    }

    /// Large values print every digit and never trap (the old `Int64(scaled)` did above 2^63).
    /// The binary64 value nearest 1e300, exactly (Python's `decimal.Decimal(1e300)`); its
    /// shortest decimal is 1e300 itself.
    @Test func hugeValues() {
        let exact1e300 =
            "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160"
        #expect(exact1e300.count == 301)
        #expect(DecimalText.fixed(1e300, decimals: 0, from: .exact) == exact1e300)
        #expect(DecimalText.fixed(-1e300, decimals: 2, from: .exact) == "-" + exact1e300 + ".00")
        #expect(DecimalText.fixed(-1e300, decimals: 1) == "-1" + String(repeating: "0", count: 300) + ".0")
        // (2 - 2^-52)·2^1023, 309 digits.
        let largest =
            "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368"
        #expect(DecimalText.fixed(.greatestFiniteMagnitude, decimals: 0, from: .exact) == largest)
        #expect(
            DecimalText.fixed(.greatestFiniteMagnitude, decimals: 0) == "17976931348623157"
                + String(repeating: "0", count: 292))
        // 2^63 + 2^11 is past Int64.max: 9223372036854777856, shortest 9.223372036854778e18.
        #expect(DecimalText.fixed(9_223_372_036_854_777_856.0, decimals: 1, from: .exact) == "9223372036854777856.0")
        #expect(DecimalText.fixed(9_223_372_036_854_777_856.0, decimals: 1) == "9223372036854778000.0")
        #expect(DecimalText.significant(1e300, digits: 2, from: .exact) == exact1e300)
    }

    @Test func signsZerosAndSpecials() {
        #expect(DecimalText.fixed(-0.0, decimals: 2) == "0.00")
        #expect(DecimalText.fixed(0, decimals: 0) == "0")
        #expect(DecimalText.fixed(-0.001, decimals: 2) == "0.00", "rounds to zero: no sign")
        #expect(DecimalText.fixed(-0.001, decimals: 2, trimmingZeros: true) == "0")
        #expect(DecimalText.fixed(-0.005, decimals: 2, from: .exact) == "-0.01", "0.005 is above its tie in binary64")
        #expect(DecimalText.significant(-0.0, digits: 2) == "0.0")
        #expect(DecimalText.significant(-0.0, digits: 2, trimmingZeros: true) == "0")
        #expect(DecimalText.fixed(.nan, decimals: 2) == "nan")
        #expect(DecimalText.fixed(.infinity, decimals: 2) == "inf")
        #expect(DecimalText.fixed(-.infinity, decimals: 2) == "-inf")
        #expect(DecimalText.significant(-.nan, digits: 2) == "nan")
        #expect(DecimalText.significant(-.infinity, digits: 2) == "-inf")
        #expect(DecimalText.fixed(3.7, decimals: -2) == "4", "negative decimals count as 0")
    }

    /// Significant digits count from the value's leading digit; integer digits stay.
    @Test func significantDigits() {
        #expect(DecimalText.significant(0.0071234, digits: 2) == "0.0071")
        #expect(DecimalText.significant(32768, digits: 2) == "32768")
        #expect(DecimalText.significant(-1.25, digits: 2) == "-1.3", "1.25 is an exact tie")
        #expect(DecimalText.significant(9.96, digits: 2) == "10.0")
        #expect(DecimalText.significant(9.96, digits: 2, trimmingZeros: true) == "10")
        #expect(DecimalText.significant(0.099996, digits: 2, trimmingZeros: true) == "0.1")
        #expect(DecimalText.significant(1, digits: 3) == "1.00")
        #expect(DecimalText.significant(123.456, digits: 4) == "123.5")
        #expect(DecimalText.significant(0.5, digits: 0) == "0.5", "at least one digit")
        // 1e-5 is 1.0000000000000000818e-5 (above the power of ten): leading exponent -5.
        #expect(DecimalText.significant(1e-5, digits: 2, from: .exact) == "0.000010")
        #expect(DecimalText.significant(1e-5, digits: 2) == "0.000010")
        // 1e23 is 99999999999999991611392 in binary64 (below the power of ten), shortest 1e+23.
        #expect(DecimalText.significant(1e23, digits: 1, from: .exact) == "99999999999999991611392")
        #expect(DecimalText.significant(1e23, digits: 1) == "100000000000000000000000")
    }

    @Test func trimming() {
        #expect(DecimalText.fixed(12.5, decimals: 2, trimmingZeros: true) == "12.5")
        #expect(DecimalText.fixed(3, decimals: 2, trimmingZeros: true) == "3")
        #expect(DecimalText.fixed(1200, decimals: 2, trimmingZeros: true) == "1200", "integer zeros stay")
        #expect(DecimalText.fixed(-0.25, decimals: 2, trimmingZeros: true) == "-0.25")
    }

    @Test func groupedCounts() {
        #expect(DecimalText.grouped(1_234_567) == "1,234,567")
        #expect(DecimalText.grouped(12) == "12")
        #expect(DecimalText.grouped(123_456) == "123,456")
        #expect(DecimalText.grouped(0) == "0")
        #expect(DecimalText.grouped(.max) == "18,446,744,073,709,551,615")
    }

    // MARK: Against glibc and Foundation

    /// The exact reading's oracle: glibc's `printf("%.*f")` prints the exact binary value
    /// correctly rounded, ties to even. At an exact tie (recognised on printf's own exact
    /// expansion, `%.1100f`) the away-from-zero result is the truncated expansion plus one unit
    /// in the last place, added here digit by digit.
    static func printfOracle(_ x: Double, decimals: Int) -> String {
        var text = String(format: "%.*f", Int32(decimals), x)
        let exact = String(format: "%.1100f", x)
        if let point = exact.firstIndex(of: ".") {
            let dropped = exact[exact.index(point, offsetBy: decimals + 1)...]
            if dropped.first == "5" && dropped.dropFirst().allSatisfy({ $0 == "0" }) {
                var digits = Array(exact[..<exact.index(point, offsetBy: decimals + 1)])
                var i = digits.count - 1
                while i >= 0 {
                    if digits[i] == "." || digits[i] == "-" {
                        i -= 1
                        continue
                    }
                    if digits[i] == "9" {
                        digits[i] = "0"
                        i -= 1
                        continue
                    }
                    digits[i] = Character(String(digits[i].wholeNumberValue! + 1))
                    break
                }
                if i < 0 || digits[i] == "-" { digits.insert("1", at: x < 0 ? 1 : 0) }
                text = String(digits)
                if text.hasSuffix(".") { text.removeLast() }
            }
        }
        // printf keeps the sign of a value that rounds to zero; the helper drops it.
        if text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { text.removeFirst() }
        return text
    }

    /// The shortest reading's oracle: Foundation's `Decimal` parses Swift's shortest text of
    /// `x` and rounds it with `.plain` (half away from zero); it prints no trailing zeros.
    static func decimalOracle(_ x: Double, decimals: Int) -> String {
        var value = Decimal(string: x.description)!
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, decimals, .plain)
        return rounded.description
    }

    @Test func oraclesAreWhatTheySeem() {
        #expect(String(format: "%.*f", Int32(2), 0.125) == "0.12", "printf: ties to even")
        #expect(Self.printfOracle(0.125, decimals: 2) == "0.13" && Self.printfOracle(-2.5, decimals: 0) == "-3")
        #expect(Self.printfOracle(9.5, decimals: 0) == "10" && Self.printfOracle(-99.95, decimals: 1) == "-100.0")
        #expect(Self.printfOracle(0.15, decimals: 1) == "0.1" && Self.printfOracle(-0.0001, decimals: 2) == "0.00")
        #expect(
            Self.decimalOracle(0.37625, decimals: 4) == "0.3763" && Self.decimalOracle(-0.125, decimals: 2) == "-0.13")
    }

    /// Random bit patterns over the whole range with 0...25 decimals, magnitudes 2^-100...2^100
    /// with 0...40, and dyadic values n / 2^k (which often lie exactly on a tie) with 0...8.
    @Test func exactReadingAgreesWithGlibc() {
        var random = SeededGenerator(seed: 2026)
        var cases: [(Double, Int)] = []
        for _ in 0..<3000 {
            let x = Double(bitPattern: random.next())
            if x.isFinite { cases.append((x, Int(random.next() % 26))) }
        }
        for _ in 0..<3000 {
            let x = Double(Int64(bitPattern: random.next()) % 100_000) / Double(1 << (random.next() % 12))
            cases.append((x, Int(random.next() % 9)))
        }
        for _ in 0..<1000 { cases.append((random.double(exponents: 923...1123), Int(random.next() % 41))) }
        var mismatches: [String] = []
        for (x, decimals) in cases {
            let expected = Self.printfOracle(x, decimals: decimals)
            let got = DecimalText.fixed(x, decimals: decimals, from: .exact)
            if got != expected { mismatches.append("\(x) to \(decimals): \(got) != \(expected)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    /// Magnitudes 2^-60...2^45 with 0...20 decimals (within `Decimal`'s 38 digits), short
    /// decimals k / 10^j (which are often ties), and dyadic values, against `Decimal`.
    @Test func shortestReadingAgreesWithFoundationDecimal() {
        var random = SeededGenerator(seed: 7)
        var cases: [(Double, Int)] = []
        for _ in 0..<3000 { cases.append((random.double(exponents: 963...1068), Int(random.next() % 21))) }
        for _ in 0..<3000 {
            let x =
                Double(Int64(bitPattern: random.next()) % 1_000_000)
                / [1.0, 10, 100, 1000, 10_000, 100_000][Int(random.next() % 6)]
            cases.append((x, Int(random.next() % 6)))
        }
        for _ in 0..<1000 {
            let x = Double(Int64(bitPattern: random.next()) % 100_000) / Double(1 << (random.next() % 12))
            cases.append((x, Int(random.next() % 9)))
        }
        var mismatches: [String] = []
        for (x, decimals) in cases {
            let expected = Self.decimalOracle(x, decimals: decimals)
            let got = DecimalText.fixed(x, decimals: decimals, trimmingZeros: true)
            if got != expected { mismatches.append("\(x) to \(decimals): \(got) != \(expected)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    /// significant(x, digits: n) is fixed(x) with n - 1 - floor(log10 |x|) decimals (at least
    /// 0); floor(log10 |x|) of the exact value read off glibc's `%e` (its exponent cannot be
    /// bumped by rounding to 40 digits, since no binary64 value lies within 10^-40 relative
    /// below a power of ten).
    @Test func significantAgreesWithGlibc() {
        var random = SeededGenerator(seed: 10)
        for _ in 0..<2000 {
            let x = random.double(exponents: 960...1089)
            let digits = 1 + Int(random.next() % 8)
            let scientific = String(format: "%.40e", x)
            let exponent = Int(scientific[scientific.index(after: scientific.firstIndex(of: "e")!)...])!
            let expected = Self.printfOracle(x, decimals: max(0, digits - 1 - exponent))
            #expect(DecimalText.significant(x, digits: digits, from: .exact) == expected, "\(x) to \(digits) digits")
        }
    }

    /// Scientific notation, rounded once from the exact value (issue 11, item 8: `formats`
    /// truncated): 2^-14 = 0.00006103515625 is 6.10352e-05 to 6 digits (6.103515625: the 7th
    /// digit 5 is followed by 625, above the tie); 2^-149 = 1.40129846...e-45 is 1.40130e-45;
    /// 2^-16 = 0.0000152587890625 is 1.52588e-05; 2^-9 = 0.001953125 is a tie at 6 digits
    /// (1.953125), away from zero: 1.95313e-03.
    @Test func scientificRoundsToNearest() {
        func power(_ k: Int) -> Double { Double(sign: .plus, exponent: k, significand: 1) }
        #expect(DecimalText.scientific(power(-14), digits: 6, from: .exact) == "6.10352e-05")
        #expect(DecimalText.scientific(power(-149), digits: 6, from: .exact) == "1.40130e-45")
        #expect(DecimalText.scientific(power(-1074), digits: 6, from: .exact) == "4.94066e-324")
        #expect(DecimalText.scientific(power(-133), digits: 6, from: .exact) == "9.18355e-41")
        #expect(DecimalText.scientific(power(-16), digits: 6, from: .exact) == "1.52588e-05")
        #expect(DecimalText.scientific(power(-9), digits: 6, from: .exact) == "1.95313e-03")
        // Trimming, carries, signs, zero, specials.
        #expect(DecimalText.scientific(0.125, digits: 6, trimmingZeros: true) == "1.25e-01")
        #expect(DecimalText.scientific(9.9999999, digits: 3) == "1.00e+01")
        #expect(DecimalText.scientific(-2.5e300, digits: 1) == "-3e+300")
        #expect(DecimalText.scientific(0, digits: 3) == "0" && DecimalText.scientific(-.infinity, digits: 3) == "-inf")
    }

    /// Numbers given as digits and a power of ten: any exponent, no work proportional to it.
    @Test func digitStrings() {
        #expect(
            DecimalText.scientific(negative: true, digits: [1], exponent: -99_999_999_999_999) == "-1e-99999999999999")
        #expect(
            DecimalText.scientific(negative: false, digits: [1, 2, 3, 4, 5], exponent: 10, significantDigits: 3)
                == "1.23e+14")
        #expect(
            DecimalText.positional(negative: true, digits: [2, 4, 4, 1, 4, 0, 6, 2, 5], exponent: -13)
                == "-0.0000244140625")
        #expect(DecimalText.positional(negative: false, digits: [4, 4, 8], exponent: 2) == "44800")
        #expect(DecimalText.positional(negative: true, digits: [0], exponent: -5) == "0")
        #expect(DecimalText.positionalLength(digitCount: 9, exponent: -13) == 14)
        #expect(DecimalText.positionalLength(digitCount: 3, exponent: 2) == 5)
    }
}

/// The test's random cases, drawn from the project's seeded generator.
extension SeededGenerator {
    /// A double with a random sign and significand and a binary exponent in `exponents`.
    mutating func double(exponents: ClosedRange<UInt64>) -> Double {
        let span = exponents.upperBound - exponents.lowerBound + 1
        return Double(bitPattern: (next() & 0x800F_FFFF_FFFF_FFFF) | ((exponents.lowerBound + next() % span) << 52))
    }
}

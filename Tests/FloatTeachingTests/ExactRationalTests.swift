@testable import FloatTeaching
import SoftFloat
import Testing

/// The exact rational arithmetic behind explain's errors and calc's reference: hand-derived
/// values, the budget that keeps every operation small, and the digits it reads off.
@Suite struct ExactRationalTests {
    func decimal(_ text: String) -> ExactRational {
        var scanner = NumberScanner(text)
        return ExactRational(try! scanner.scan())!
    }

    func digits(_ r: ExactRational) -> String {
        ShownDecimal(r, style: .value).description
    }

    @Test func arithmeticOnDecimals() throws {
        // 0.1 + 0.2 = 0.3; 0.1 * 3 - 0.3 = 0; 1 / 3 = 0.333... (40 digits); 2.25 has the
        // square root 1.5; 1e-99999999999999 * 1e99999999999999 = 1.
        let sum = try #require(decimal("0.1").adding(decimal("0.2")))
        #expect(digits(sum) == "0.3")
        let product = try #require(decimal("0.1").multiplied(by: decimal("3")))
        #expect(try #require(product.subtracting(decimal("0.3"))).isZero)
        let third = try #require(decimal("1").divided(by: decimal("3")))
        #expect(digits(third) == "≈ 0." + String(repeating: "3", count: 40))
        #expect(digits(try #require(decimal("2.25").squareRoot())) == "1.5")
        #expect(decimal("2").squareRoot() == nil)
        #expect(digits(try #require(decimal("1e-99999999999999").multiplied(by: decimal("1e99999999999999")))) == "1")
        // 3 / 3 reduces to 1, a terminating decimal, though built as 3/3.
        #expect(digits(try #require(decimal("3").divided(by: decimal("3")))) == "1")
    }

    @Test func budgetRefusesBeforeWorking() {
        // Numbers 10^99999999999999 apart cannot be added within the budget: nil, at once.
        #expect(decimal("1").adding(decimal("1e-99999999999999")) == nil)
        // A hexadecimal literal 2^99999 has more bits than the budget.
        var scanner = NumberScanner("0x1p99999")
        #expect(ExactRational(try! scanner.scan()) == nil)
    }

    @Test func roundingToSignificantDigits() throws {
        // 2/3 = 0.666...: to 5 digits 0.66667 (up); 1/8 = 0.125 to 2 digits is a tie, away:
        // 0.13; 999.96 to 4 digits carries into a new digit: 1000.
        let twoThirds = try #require(decimal("2").divided(by: decimal("3")))
        let (d1, e1, exact1) = twoThirds.roundedDigits(5)
        #expect(d1 == [6, 6, 6, 6, 7] && e1 == -5 && !exact1)
        let (d2, e2, exact2) = decimal("0.125").roundedDigits(2)
        #expect(d2 == [1, 3] && e2 == -2 && !exact2)
        let (d3, e3, exact3) = decimal("999.96").roundedDigits(4)
        #expect(d3 == [1, 0, 0, 0] && e3 == 0 && !exact3)
        let (d4, e4, exact4) = decimal("12.5").roundedDigits(5)
        #expect(d4 == [1, 2, 5, 0, 0] && e4 == -3 && exact4)
    }
}

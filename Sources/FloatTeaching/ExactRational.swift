import SoftFloat

/// An exact rational number ±numerator / denominator · 10^exponent, for the teaching views'
/// exact errors and calc's exact reference: every decimal or hexadecimal literal, every binary
/// value and every sum, difference, product, quotient and fused multiply-add of them is one.
///
/// Sizes are bounded, never the exponent: a decimal literal is its digits and its exponent as
/// written (1e-99999999999999 is the numerator 1 and the exponent -99999999999999, nothing
/// materialised), products and quotients add exponents, and only a sum aligns two exponents —
/// by multiplying one numerator by a power of ten. Every operation that would make a numerator
/// or denominator longer than ``bitBudget`` bits (a sum of numbers 10^5000 apart, a hexadecimal
/// literal 0x1p99999) returns nil before doing the work; callers then fall back to MPFR
/// interval arithmetic (``Enclosure``), which needs no exact digits.
///
/// Fractions are not reduced as they are built (a gcd per operation would cost more than it
/// saves on calc's long sums); ``reduced()`` does it once, before digits are read.
struct ExactRational: Sendable {
    /// The sign (false for zero).
    private(set) var negative: Bool
    /// Numerator and denominator (the denominator at least 1; zero is 0 / 1 · 10^0).
    private(set) var numerator: BigUInt
    private(set) var denominator: BigUInt
    /// The power of ten.
    private(set) var exponent: Int

    /// The most bits a numerator or denominator may have: about 9,900 decimal digits, far
    /// more than any exact value of a format of at most 64 bits needs (binary64's 2^-1074 is
    /// 5^1074 / 10^1074, 2,494 bits), so the budget is only reached by inputs far outside
    /// every format's range. Schoolbook arithmetic at this size takes well under a millisecond.
    static let bitBudget = 32_768
    /// The largest exponent magnitude kept (written exponents saturate at 10^18; this leaves
    /// room for sums of a few of them without `Int` overflow).
    static let exponentLimit = 4_000_000_000_000_000_000

    /// ±numerator / denominator · 10^exponent; nil beyond the budget.
    init?(negative: Bool, numerator: BigUInt, denominator: BigUInt = BigUInt(1), exponent: Int) {
        guard numerator.bitWidth <= Self.bitBudget, denominator.bitWidth <= Self.bitBudget,
            abs(exponent) <= Self.exponentLimit
        else { return nil }
        precondition(!denominator.isZero, "ExactRational with a zero denominator")
        if numerator.isZero {
            self.negative = false
            self.numerator = numerator
            self.denominator = BigUInt(1)
            self.exponent = 0
        } else {
            self.negative = negative
            self.numerator = numerator
            self.denominator = denominator
            self.exponent = exponent
        }
    }

    /// Zero.
    static let zero = ExactRational(negative: false, numerator: BigUInt(), exponent: 0)!

    /// The exact value of a finite binary value f · 2^E: f · 2^E, or f · 5^-E · 10^E for E < 0.
    init<F: BinaryFormat>(_ x: BinaryFloat<F>) {
        let (f, e) = x.integerSignificandAndExponent!
        self.init(negative: x.sign, significand: f, binaryExponent: e)!
    }

    /// significand · 2^binaryExponent; nil beyond the budget.
    init?(negative: Bool, significand: UInt64, binaryExponent e: Int) {
        var n = BigUInt(significand)
        if significand == 0 {
            self.init(negative: false, numerator: n, exponent: 0)
            return
        }
        if e >= 0 {
            guard e <= Self.bitBudget else { return nil }
            n <<= e
            self.init(negative: negative, numerator: n, exponent: 0)
        } else {
            // 5^k has k · log2(5) < 2.33 k bits.
            guard -e <= Self.bitBudget * 3 / 7 else { return nil }
            n.multiply(byPowerOfFive: -e)
            self.init(negative: negative, numerator: n, exponent: e)
        }
    }

    /// The exact value of a scanned number; nil for NaN and infinities, for a number whose
    /// exponent saturated (its exact value was not kept) and beyond the budget. A number cut
    /// to its first 800 digits (`sticky`) gives the value of the digits kept.
    init?(_ number: ScannedNumber) {
        switch number.kind {
        case .nan, .infinity:
            return nil
        case let .decimal(digits, _, exponent, _):
            if digits.isZero {
                self = .zero
                return
            }
            guard !number.exponentSaturated else { return nil }
            self.init(negative: number.negative, numerator: digits, exponent: exponent)
        case let .hex(significand, exponent, _):
            if significand == 0 {
                self = .zero
                return
            }
            guard !number.exponentSaturated else { return nil }
            self.init(negative: number.negative, significand: significand, binaryExponent: exponent)
        }
    }

    var isZero: Bool { numerator.isZero }

    /// -self.
    var negated: ExactRational {
        var result = self
        result.negative = !negative && !isZero
        return result
    }

    /// |self|.
    var magnitude: ExactRational {
        var result = self
        result.negative = false
        return result
    }

    /// self + other; nil beyond the budget.
    func adding(_ other: ExactRational) -> ExactRational? {
        if other.isZero { return self }
        if isZero { return other }
        // Align the powers of ten: the one with the larger exponent gets its numerator
        // multiplied by 10^shift (10^k has k · log2(10) < 3.33 k bits).
        let common = min(exponent, other.exponent)
        let (shiftA, shiftB) = (exponent - common, other.exponent - common)
        let sameDenominator = denominator == other.denominator
        let crossBits = sameDenominator ? 0 : max(denominator.bitWidth, other.denominator.bitWidth)
        for (n, shift) in [(numerator, shiftA), (other.numerator, shiftB)] {
            guard shift <= Self.bitBudget, n.bitWidth + shift * 10 / 3 + crossBits < Self.bitBudget else { return nil }
        }
        var a = numerator
        var b = other.numerator
        a.multiply(byPowerOfTen: shiftA)
        b.multiply(byPowerOfTen: shiftB)
        var denominator = self.denominator
        if !sameDenominator {
            a = a * other.denominator
            b = b * self.denominator
            denominator = self.denominator * other.denominator
        }
        if negative == other.negative {
            return ExactRational(negative: negative, numerator: a + b, denominator: denominator, exponent: common)
        }
        if a < b {
            return ExactRational(negative: other.negative, numerator: b - a, denominator: denominator, exponent: common)
        }
        return ExactRational(negative: negative, numerator: a - b, denominator: denominator, exponent: common)
    }

    /// self - other; nil beyond the budget.
    func subtracting(_ other: ExactRational) -> ExactRational? { adding(other.negated) }

    /// self · other; nil beyond the budget.
    func multiplied(by other: ExactRational) -> ExactRational? {
        if isZero || other.isZero { return .zero }
        guard numerator.bitWidth + other.numerator.bitWidth <= Self.bitBudget + 1,
            denominator.bitWidth + other.denominator.bitWidth <= Self.bitBudget + 1
        else { return nil }
        let (e, overflow) = exponent.addingReportingOverflow(other.exponent)
        guard !overflow else { return nil }
        return ExactRational(
            negative: negative != other.negative, numerator: numerator * other.numerator,
            denominator: denominator * other.denominator, exponent: e)
    }

    /// self / other for a nonzero `other`; nil beyond the budget.
    func divided(by other: ExactRational) -> ExactRational? {
        precondition(!other.isZero, "ExactRational division by zero")
        if isZero { return .zero }
        guard numerator.bitWidth + other.denominator.bitWidth <= Self.bitBudget + 1,
            denominator.bitWidth + other.numerator.bitWidth <= Self.bitBudget + 1
        else { return nil }
        let (e, overflow) = exponent.subtractingReportingOverflow(other.exponent)
        guard !overflow else { return nil }
        return ExactRational(
            negative: negative != other.negative, numerator: numerator * other.denominator,
            denominator: denominator * other.numerator, exponent: e)
    }

    /// self · 2^k (the weight of an ulp); nil beyond the budget.
    func scaled(byPowerOfTwo k: Int) -> ExactRational? {
        guard abs(k) <= Self.bitBudget else { return nil }
        var n = numerator
        var d = denominator
        if k >= 0 { n <<= k } else { d <<= -k }
        return ExactRational(negative: negative, numerator: n, denominator: d, exponent: exponent)
    }

    /// The same number with numerator and denominator divided by their gcd.
    func reduced() -> ExactRational {
        guard !isZero, denominator != BigUInt(1) else { return self }
        let g = BigUInt.gcd(numerator, denominator)
        guard g != BigUInt(1) else { return self }
        var result = self
        result.numerator = numerator.quotientAndRemainder(dividingBy: g).quotient
        result.denominator = denominator.quotientAndRemainder(dividingBy: g).quotient
        return result
    }

    /// The exact square root, if it is rational; nil for a negative number or an irrational
    /// root (and beyond the budget). sqrt(n / d · 10^e) with e made even is sqrt(n) / sqrt(d)
    /// · 10^(e/2), rational exactly when the reduced n and d are both perfect squares.
    func squareRoot() -> ExactRational? {
        if isZero { return self }
        guard !negative else { return nil }
        var r = reduced()
        if r.exponent % 2 != 0 {
            guard r.numerator.bitWidth + 4 <= Self.bitBudget else { return nil }
            r.numerator.multiply(by: 10)
            r.exponent -= 1
        }
        guard let n = r.numerator.exactSquareRoot, let d = r.denominator.exactSquareRoot else { return nil }
        return ExactRational(negative: false, numerator: n, denominator: d, exponent: r.exponent / 2)
    }
}

extension BigUInt {
    /// The integer square root if self is a perfect square, else nil. Newton's iteration
    /// x' = (x + n / x) / 2 from a power of two above sqrt(n) decreases to floor(sqrt(n)).
    var exactSquareRoot: BigUInt? {
        if isZero { return self }
        var x = BigUInt(1)
        x <<= (bitWidth + 1) / 2
        while true {
            var y = x + quotientAndRemainder(dividingBy: x).quotient
            y >>= 1
            if !(y < x) { break }
            x = y
        }
        return x * x == self ? x : nil
    }
}

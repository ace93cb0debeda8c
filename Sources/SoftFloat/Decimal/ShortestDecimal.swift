/// Shortest round-trip printing (IEEE 754-2019, 5.12.2 convertToDecimalCharacter with the
/// fewest digits that preserve the value) and the decimal forms built on it.
///
/// The digits are those of the shortest decimal number that rounds back to the same encoding
/// under roundTiesToEven; among several of that length, the one nearest the value (a tie goes
/// to the even digit). Algorithm: Steele and White's free-format printing in the formulation
/// of Burger and Dybvig ("Printing floating-point numbers quickly and accurately", 1996),
/// with exact big-integer arithmetic: the rounding interval of the value is
/// [v - m-, v + m+], its ends included when the significand is even (ties go to even), and
/// digits are generated until the remaining part can end inside it.
public struct DecimalDigits: Equatable, Sendable {
    /// Sign of the value (also for -0).
    public var negative: Bool
    /// Significant digits, no leading or trailing zeros ("1" for one, "" for zero).
    public var digits: String
    /// The value is 0.d1d2d3... * 10^exponent.
    public var exponent: Int

    public init(negative: Bool, digits: String, exponent: Int) {
        self.negative = negative
        self.digits = digits
        self.exponent = exponent
    }

    /// Plain notation for 10^-5 <= |x| < 10^16 (`65504.0`, `0.1`, `0.00061035`), scientific
    /// otherwise (`5.9605e-08`, `1.7976931348623157e+308`), like Swift's `description`.
    public var formatted: String {
        let sign = negative ? "-" : ""
        if digits.isEmpty { return sign + "0.0" }
        let k = exponent
        if k > -4 && k <= 16 {
            if k <= 0 { return sign + "0." + String(repeating: "0", count: -k) + digits }
            if digits.count <= k { return sign + digits + String(repeating: "0", count: k - digits.count) + ".0" }
            let split = digits.index(digits.startIndex, offsetBy: k)
            return sign + digits[..<split] + "." + digits[split...]
        }
        let e = k - 1
        let mantissa = digits.count == 1 ? digits : String(digits.first!) + "." + digits.dropFirst()
        let exponentText = String(abs(e))
        return sign + mantissa + "e" + (e < 0 ? "-" : "+") + (exponentText.count < 2 ? "0" : "") + exponentText
    }
}

extension BinaryFloat {
    /// The exact value of a finite value as `significand * 2^exponent` (integer significand
    /// below 2^p, exponent of its last bit); nil for NaN and infinities.
    public var integerSignificandAndExponent: (significand: UInt64, exponent: Int)? {
        guard isFinite else { return nil }
        let e = exponentField
        // Field 0 is subnormal (exponent emin, no implicit bit), except in a format without
        // zero (E8M0), where it is the normal 2^-bias.
        if e == 0 && Format.hasZero { return (fractionField, 1 - Format.bias - Format.fractionBitCount) }
        return (fractionField | (1 &<< UInt64(Format.fractionBitCount)), e - Format.bias - Format.fractionBitCount)
    }

    /// The shortest decimal that converts back to `self` under roundTiesToEven; nil for NaN
    /// and infinities.
    public var shortestDecimal: DecimalDigits? {
        guard let (f, e) = integerSignificandAndExponent else { return nil }
        if f == 0 { return DecimalDigits(negative: sign, digits: "", exponent: 0) }
        // Scaled so that v = r / s, m+ = mPlus / s, m- = mMinus / s (Burger & Dybvig, table 1).
        // The lower gap is half as wide at a power of two that is not the smallest normal.
        // In E8M0 every value is a power of two with the next lower power below it (and below
        // 2^-127 everything rounds to 2^-127).
        let lowerGapHalved = f == 1 &<< UInt64(Format.fractionBitCount) && (exponentField > 1 || !Format.hasZero)
        var r = BigUInt(f)
        var s = BigUInt(1)
        var mPlus = BigUInt(1)
        var mMinus = BigUInt(1)
        if e >= 0 {
            r <<= e + 1 + (lowerGapHalved ? 1 : 0)
            s <<= 1 + (lowerGapHalved ? 1 : 0)
            mPlus <<= e + (lowerGapHalved ? 1 : 0)
            mMinus <<= e
        } else {
            r <<= 1 + (lowerGapHalved ? 1 : 0)
            s <<= 1 - e + (lowerGapHalved ? 1 : 0)
            if lowerGapHalved { mPlus <<= 1 }
        }
        // Ends of the interval are included when the significand is even (ties to even).
        let inclusive = f & 1 == 0
        // k: the first digit's power; start from an underestimate and correct upward.
        let (high, _) = Self.approximateLog10(f, e)
        var k = high - 1
        if k >= 0 {
            s.multiply(byPowerOfTen: k)
        } else {
            r.multiply(byPowerOfTen: -k)
            mPlus.multiply(byPowerOfTen: -k)
            mMinus.multiply(byPowerOfTen: -k)
        }
        func highReached(_ r: BigUInt, _ mPlus: BigUInt, _ s: BigUInt) -> Bool {
            let sum = r + mPlus
            return inclusive ? !(sum < s) : s < sum
        }
        while highReached(r, mPlus, s) {
            s.multiply(by: 10)
            k += 1
        }
        var digits: [UInt8] = []
        while true {
            r.multiply(by: 10)
            mPlus.multiply(by: 10)
            mMinus.multiply(by: 10)
            // d = floor(r / s) < 10, r = r mod s.
            var d: UInt8 = 0
            while !(r < s) {
                r -= s
                d += 1
            }
            let low = inclusive ? !(mMinus < r) : r < mMinus
            let highEnd = highReached(r, mPlus, s)
            if !low && !highEnd {
                digits.append(d)
                continue
            }
            if low && !highEnd {
                digits.append(d)
            } else if !low && highEnd {
                digits.append(d + 1)
            } else {
                // Both d and d + 1 end inside: the nearer one, the even digit on a tie.
                let twice = r + r
                if twice < s {
                    digits.append(d)
                } else if s < twice {
                    digits.append(d + 1)
                } else {
                    digits.append(d & 1 == 0 ? d : d + 1)
                }
            }
            break
        }
        // d + 1 can only be 10 if the interval held a shorter number, which the loop excludes;
        // propagate a carry anyway so no input can produce a bad digit.
        var i = digits.count - 1
        while i > 0 && digits[i] == 10 {
            digits[i] = 0
            digits[i - 1] += 1
            i -= 1
        }
        if digits[0] == 10 {
            digits[0] = 1
            k += 1
        }
        while digits.count > 1 && digits.first == 0 {
            digits.removeFirst()
            k -= 1
        }
        while digits.last == 0 { digits.removeLast() }
        return DecimalDigits(
            negative: sign, digits: String(decoding: digits.map { $0 + 0x30 }, as: UTF8.self), exponent: k)
    }

    /// ceil(log10(f * 2^e)) estimated from doubles, possibly one too high (never too low by
    /// more than the correction loop fixes: the loop only counts up, so subtract one).
    static func approximateLog10(_ f: UInt64, _ e: Int) -> (Int, Double) {
        let log = (Double(f).log2Approximation + Double(e)) * 0.301_029_995_663_981_2
        return (Int(log.rounded(.up)), log)
    }

    /// The shortest round-trip text: `0.1`, `65504.0`, `-0.0`, `inf`, `-inf`, `nan`.
    public var shortestDescription: String {
        if isNaN { return sign ? "-nan" : "nan" }
        if isInfinite { return sign ? "-inf" : "inf" }
        return shortestDecimal!.formatted
    }
}

extension Double {
    /// log2 of a positive value, good to a few ulps (exponent + log2 of the significand).
    var log2Approximation: Double {
        Double(exponent) + Foundationless.log2(significand)
    }
}

/// log2 on [1, 2) without Foundation: a series good to ~1e-12, ample for estimating a decimal
/// exponent that the callers correct exactly.
enum Foundationless {
    static func log2(_ x: Double) -> Double {
        // ln(x) = 2 atanh((x-1)/(x+1)).
        let t = (x - 1) / (x + 1)
        let t2 = t * t
        var term = t
        var sum = 0.0
        var n = 1.0
        while abs(term) > 1e-17 {
            sum += term / n
            term *= t2
            n += 2
        }
        return 2 * sum * 1.442_695_040_888_963_4
    }
}

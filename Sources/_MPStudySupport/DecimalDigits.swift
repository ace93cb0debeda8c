//===--- DecimalDigits.swift ----------------------------------------------===//
//
// A binary64 value as decimal digits (its exact value, or its shortest decimal), rounded once.
//
//===----------------------------------------------------------------------===//

/// A non-negative decimal number as digits: value = digits · 10^-fractionDigits. Built from
/// a finite Double's magnitude in one of two exact ways (``DecimalText/Source``), then rounded
/// once, in decimal, to the digits asked for: no binary arithmetic touches the digits, so
/// nothing rounds twice in binary64 and nothing can overflow or trap.
struct DecimalDigits: Equatable {
    /// The digits, most significant first, no leading zero (`[0]` for zero).
    let digits: [UInt8]
    /// How many of ``digits`` lie after the decimal point; negative when the digits stand for
    /// a multiple of a power of ten (`1e+23` is `[1]` with -23).
    let fractionDigits: Int

    init(digits: [UInt8], fractionDigits: Int) {
        var digits = digits
        while digits.count > 1 && digits.first == 0 { digits.removeFirst() }
        self.digits = digits.isEmpty ? [0] : digits
        self.fractionDigits = digits.isEmpty || digits == [0] ? 0 : fractionDigits
    }

    /// The exact expansion of `abs(value)`; `value` must be finite.
    ///
    /// Every binary value has one: |x| = m·2^e with an integer m < 2^53 is the integer m·2^e
    /// when e >= 0, and m·5^k / 10^k when e = -k < 0 (0.88125 is stored as
    /// 0.88124999999999997779553950749686919152736663818359375).
    init(exactMagnitudeOf value: Double) {
        precondition(value.isFinite, "DecimalDigits of a non-finite value")
        var significand = value.significandBitPattern
        var exponent: Int
        if value.exponentBitPattern == 0 {
            exponent = -1074  // subnormal (or zero): m · 2^(1 - 1023 - 52)
        } else {
            significand |= 1 << 52
            exponent = Int(value.exponentBitPattern) - 1075
        }
        guard significand != 0 else {
            self.init(digits: [0], fractionDigits: 0)
            return
        }
        // Odd m: then m·5^k ends in 5, so the expansion has no trailing zeros after the point.
        let zeros = significand.trailingZeroBitCount
        significand >>= UInt64(zeros)
        exponent += zeros
        var integer = BigUnsigned(significand)
        if exponent >= 0 {
            integer.shiftLeft(by: exponent)
            self.init(digits: integer.decimalDigits, fractionDigits: 0)
        } else {
            integer.multiply(byPowerOfFive: -exponent)
            self.init(digits: integer.decimalDigits, fractionDigits: -exponent)
        }
    }

    /// The shortest decimal that converts back to `abs(value)` (the closest one if several are
    /// as short), read off Swift's `description`, which prints exactly that (`0.88125`,
    /// `1e-05`, `1.7976931348623157e+308`); `value` must be finite.
    init(shortestMagnitudeOf value: Double) {
        precondition(value.isFinite, "DecimalDigits of a non-finite value")
        var digits: [UInt8] = []
        var fractionDigits = 0
        var exponent = 0
        var exponentSign = 1
        var afterPoint = false
        var inExponent = false
        for character in value.magnitude.description.utf8 {
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = character - UInt8(ascii: "0")
                if inExponent {
                    exponent = exponent * 10 + Int(digit)
                } else {
                    digits.append(digit)
                    if afterPoint { fractionDigits += 1 }
                }
            case UInt8(ascii: "."): afterPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            case UInt8(ascii: "-"): exponentSign = -1
            default: break  // "+" of the exponent
            }
        }
        self.init(digits: digits, fractionDigits: fractionDigits - exponentSign * exponent)
    }

    /// floor(log10 value): the power of ten of the leading digit (nil for zero).
    var leadingExponent: Int? { digits == [0] ? nil : digits.count - 1 - fractionDigits }

    /// The digits of the integer nearest value · 10^decimals, ties away from zero (a first
    /// dropped digit of 5 or more rounds up: the dropped digits are all there, so only a true
    /// tie has a 5 followed by zeros). No leading zeros; `[0]` for zero.
    func rounded(toDecimals decimals: Int) -> [UInt8] {
        if fractionDigits <= decimals {
            return digits == [0] ? [0] : digits + Array(repeating: 0, count: decimals - fractionDigits)
        }
        // Digits that stay: all but the (fractionDigits - decimals) last ones; negative means
        // value · 10^decimals < 0.1, which rounds to 0.
        let kept = digits.count - (fractionDigits - decimals)
        guard kept >= 0 else { return [0] }
        var result = Array(digits[0..<kept])
        if digits[kept] >= 5 {
            var i = result.count - 1
            while i >= 0 && result[i] == 9 {
                result[i] = 0
                i -= 1
            }
            if i >= 0 { result[i] += 1 } else { result.insert(1, at: 0) }
        }
        return result.isEmpty ? [0] : result
    }
}

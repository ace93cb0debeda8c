import SoftFloat

/// Reading decimal digits off an ``ExactRational``: all of them when the expansion terminates
/// and is short, or the first n correctly rounded.
extension ExactRational {
    /// The decimal digits of the number (magnitude; no leading or trailing zeros) and the power
    /// of ten of the last one, if its expansion terminates within `maxDigits` significant
    /// digits; nil otherwise (and for zero).
    ///
    /// n / d terminates exactly when d = 2^a · 5^b · d' with d' dividing n (no gcd needed: one
    /// division); then n / d = (n / d') · 2^(m-a) · 5^(m-b) / 10^m with m = max(a, b). Twos and
    /// fives common to n and d cancel first; then n / d' has no factor 2 if a > 0 and no factor
    /// 5 if b > 0, so the expansion has at least 0.3 |a - b| significant digits (n' · 5^(a-b)
    /// has (a - b) · log10(5) of them, n' · 2^(b-a) has (b - a) · log10(2)), and a long one is
    /// recognised before it is built.
    func terminatingDigits(maxDigits: Int) -> (digits: [UInt8], exponent: Int)? {
        guard !isZero else { return nil }
        var n = numerator
        var d = denominator
        let twos = min(n.trailingZeroBitCount, d.trailingZeroBitCount)
        n >>= twos
        d >>= twos
        let a = d.trailingZeroBitCount
        d >>= a
        // Fives: all of d's, then as many of n's (they cancel).
        let fives = d.removeFactorsOfFive(upTo: .max)
        let b = fives - n.removeFactorsOfFive(upTo: fives)
        guard Double(abs(a - b)) * 0.3 <= Double(maxDigits) + 30 else { return nil }
        let m = max(a, b)
        if d != BigUInt(1) {
            let (q, r) = n.quotientAndRemainder(dividingBy: d)
            guard r.isZero else { return nil }
            n = q
        }
        n.multiply(byPowerOfFive: m - b)
        n <<= m - a
        var digits = Array(n.description.utf8.map { $0 - 48 })
        var exponent = self.exponent - m
        while digits.count > 1 && digits.last == 0 {
            digits.removeLast()
            exponent += 1
        }
        guard digits.count <= maxDigits else { return nil }
        return (digits, exponent)
    }

    /// The magnitude rounded to `count` significant digits (at least 1), ties away from zero:
    /// exactly `count` digits (trailing zeros included) and the power of ten of the last one,
    /// and whether the rounding was exact. The number must be nonzero.
    ///
    /// q = floor(n · 10^s / d) for an s that gives q between count + 1 and count + 3 digits
    /// (log10(n / d) is known to within one from the bit lengths); the digits of q beyond the
    /// count and the remainder decide the rounding: a first dropped digit of 5 or more rounds
    /// up (a tie, 5 and nothing else, is away from zero too), and the result is exact when
    /// every dropped digit and the remainder are zero.
    func roundedDigits(_ count: Int) -> (digits: [UInt8], exponent: Int, exact: Bool) {
        precondition(!isZero, "digits of zero")
        let count = max(1, count)
        // floor(log10(n / d)) lies within one of this estimate.
        let estimate = Int((Double(numerator.bitWidth - denominator.bitWidth) * 0.301_029_995_663_981_2).rounded(.down))
        let s = count - estimate + 1
        var n = numerator
        var d = denominator
        if s >= 0 { n.multiply(byPowerOfTen: s) } else { d.multiply(byPowerOfTen: -s) }
        let (q, remainder) = n.quotientAndRemainder(dividingBy: d)
        let all = Array(q.description.utf8.map { $0 - 48 })
        var kept = Array(all.prefix(count))
        let dropped = all.dropFirst(count)
        let exact = remainder.isZero && dropped.allSatisfy { $0 == 0 }
        var exponent = exponent - s + dropped.count
        if let first = dropped.first, first >= 5 {
            var i = kept.count - 1
            while i >= 0 && kept[i] == 9 {
                kept[i] = 0
                i -= 1
            }
            if i >= 0 {
                kept[i] += 1
            } else {
                // 99...9 rounded up to 10^count: one digit more, so one less at the end.
                kept.insert(1, at: 0)
                kept.removeLast()
                exponent += 1
            }
        }
        return (kept, exponent, exact)
    }
}

extension BigUInt {
    /// Divides out up to `limit` factors of five (27 at a time while that many remain and
    /// divide: 5^27 < 2^64); returns how many.
    mutating func removeFactorsOfFive(upTo limit: Int) -> Int {
        var removed = 0
        while removed < limit && !isZero {
            let chunk = limit - removed >= 27
            var trial = self
            if chunk, trial.divide(by: 7_450_580_596_923_828_125) == 0 {
                self = trial
                removed += 27
                continue
            }
            trial = self
            guard trial.divide(by: 5) == 0 else { break }
            self = trial
            removed += 1
        }
        return removed
    }
}

/// Long division, shifts and gcd for `BigUInt`: what the teaching views' exact rational
/// arithmetic (FloatTeaching's `ExactRational`) needs beyond decimal conversion.
extension BigUInt {
    /// The integer whose decimal digits are `text` (ASCII digits only; nil otherwise or if empty).
    package init?(decimal text: some StringProtocol) {
        self.init()
        var chunk: UInt64 = 0
        var chunkDigits = 0
        for byte in text.utf8 {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            chunk = chunk * 10 + UInt64(byte - 0x30)
            chunkDigits += 1
            if chunkDigits == 19 {
                multiply(by: 10_000_000_000_000_000_000, adding: chunk)
                (chunk, chunkDigits) = (0, 0)
            }
        }
        guard !text.isEmpty else { return nil }
        if chunkDigits > 0 {
            var scale: UInt64 = 1
            for _ in 0..<chunkDigits { scale *= 10 }
            multiply(by: scale, adding: chunk)
        }
    }

    /// The number of trailing zero bits (0 for zero).
    package var trailingZeroBitCount: Int {
        guard let index = limbs.firstIndex(where: { $0 != 0 }) else { return 0 }
        return index * 64 + limbs[index].trailingZeroBitCount
    }

    /// self / 2^shift, rounded down.
    package static func >>= (x: inout BigUInt, shift: Int) {
        guard shift > 0 else { return }
        let words = shift / 64
        let bits = UInt64(shift % 64)
        guard words < x.limbs.count else {
            x.limbs = []
            return
        }
        var result = Array(x.limbs[words...])
        if bits != 0 {
            for i in result.indices {
                let high = i + 1 < result.count ? result[i + 1] &<< (64 - bits) : 0
                result[i] = result[i] &>> bits | high
            }
        }
        x.limbs = result
        x.trim()
    }

    /// (self / divisor, self mod divisor) for a nonzero divisor: Knuth's Algorithm D (TAOCP
    /// vol. 2, 4.3.1) on 64-bit limbs, the trial quotient from the top two limbs of the
    /// remainder and of the normalised divisor (at most 2 too large, corrected by the test on
    /// the third limb, and a rare add-back).
    package func quotientAndRemainder(dividingBy divisor: BigUInt) -> (quotient: BigUInt, remainder: BigUInt) {
        precondition(!divisor.isZero, "BigUInt division by zero")
        if self < divisor { return (BigUInt(), self) }
        if divisor.limbs.count == 1 {
            var quotient = self
            let remainder = quotient.divide(by: divisor.limbs[0])
            return (quotient, BigUInt(remainder))
        }
        // D1: shift both so that the divisor's top limb has its top bit set.
        let shift = divisor.limbs[divisor.limbs.count - 1].leadingZeroBitCount
        var v = divisor
        v <<= shift
        var u = self
        u <<= shift
        let n = v.limbs.count
        var un = u.limbs
        if un.count == self.limbs.count { un.append(0) }  // one limb above the dividend
        let m = un.count - n - 1
        var q = [UInt64](repeating: 0, count: m + 1)
        let vTop = UInt128(v.limbs[n - 1])
        let vNext = UInt128(v.limbs[n - 2])
        for j in stride(from: m, through: 0, by: -1) {
            // D3: the trial quotient digit.
            let top = UInt128(un[j + n]) << 64 | UInt128(un[j + n - 1])
            var qhat = top / vTop
            var rhat = top % vTop
            while qhat > UInt128(UInt64.max) || qhat * vNext > (rhat << 64 | UInt128(un[j + n - 2])) {
                qhat -= 1
                rhat += vTop
                if rhat > UInt128(UInt64.max) { break }
            }
            // D4: subtract qhat * v from the current window.
            var digit = UInt64(qhat)
            var carry: UInt64 = 0
            var borrow: UInt64 = 0
            for i in 0..<n {
                let product = UInt128(digit) * UInt128(v.limbs[i]) + UInt128(carry)
                carry = UInt64(product >> 64)
                let (d1, o1) = un[i + j].subtractingReportingOverflow(UInt64(truncatingIfNeeded: product))
                let (d2, o2) = d1.subtractingReportingOverflow(borrow)
                un[i + j] = d2
                borrow = (o1 ? 1 : 0) + (o2 ? 1 : 0)
            }
            let (d1, o1) = un[j + n].subtractingReportingOverflow(carry)
            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
            un[j + n] = d2
            if o1 || o2 {
                // D6: qhat was one too large: add the divisor back.
                digit -= 1
                var addCarry: UInt64 = 0
                for i in 0..<n {
                    let (s1, a1) = un[i + j].addingReportingOverflow(v.limbs[i])
                    let (s2, a2) = s1.addingReportingOverflow(addCarry)
                    un[i + j] = s2
                    addCarry = (a1 ? 1 : 0) + (a2 ? 1 : 0)
                }
                un[j + n] &+= addCarry
            }
            q[j] = digit
        }
        var quotient = BigUInt()
        quotient.limbs = q
        quotient.trim()
        var remainder = BigUInt()
        remainder.limbs = Array(un[0..<n])
        remainder.trim()
        remainder >>= shift
        return (quotient, remainder)
    }

    /// The greatest common divisor (Euclid; gcd(0, 0) = 0).
    package static func gcd(_ a: BigUInt, _ b: BigUInt) -> BigUInt {
        var (x, y) = (a, b)
        while !y.isZero { (x, y) = (y, x.quotientAndRemainder(dividingBy: y).remainder) }
        return x
    }
}

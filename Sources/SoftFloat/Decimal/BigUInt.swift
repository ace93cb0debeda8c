/// A minimal arbitrary-precision unsigned integer (little-endian 64-bit limbs, no leading
/// zero limbs), just what exact decimal conversion needs: multiply by a word, shift, compare,
/// subtract, divide by a word, powers of five; and, for the teaching views' exact rational
/// arithmetic, long division and gcd (`BigUInt+Division.swift`). Schoolbook algorithms:
/// parsing keeps at most 800 significant digits (see `DecimalParsing`), and the teaching
/// views bound their numbers to a few tens of thousands of bits.
package struct BigUInt: Comparable, CustomStringConvertible {
    /// Limbs, least significant first; empty for zero. Whoever sets them restores that
    /// invariant (`trim()`).
    var limbs: [UInt64]

    package init(_ value: UInt64 = 0) { limbs = value == 0 ? [] : [value] }

    package var isZero: Bool { limbs.isEmpty }

    /// Number of significant bits (0 for zero).
    package var bitWidth: Int {
        guard let top = limbs.last else { return 0 }
        return limbs.count * 64 - top.leadingZeroBitCount
    }

    mutating func trim() {
        while limbs.last == 0 { limbs.removeLast() }
    }

    /// self = self * factor + addend.
    package mutating func multiply(by factor: UInt64, adding addend: UInt64 = 0) {
        var carry = addend
        for i in limbs.indices {
            let (high, low) = limbs[i].multipliedFullWidth(by: factor)
            let (sum, overflow) = low.addingReportingOverflow(carry)
            limbs[i] = sum
            carry = high &+ (overflow ? 1 : 0)
        }
        if carry != 0 { limbs.append(carry) }
        trim()
    }

    /// self * 5^n.
    package mutating func multiply(byPowerOfFive n: Int) {
        guard !isZero else { return }  // zero stays zero, however large n
        var n = n
        while n >= 27 {
            multiply(by: 7_450_580_596_923_828_125)
            n -= 27
        }  // 5^27 < 2^64
        var p: UInt64 = 1
        for _ in 0..<n { p &*= 5 }
        if p != 1 { multiply(by: p) }
    }

    /// self * 10^n.
    package mutating func multiply(byPowerOfTen n: Int) {
        multiply(byPowerOfFive: n)
        self <<= n
    }

    package static func <<= (x: inout BigUInt, shift: Int) {
        guard shift > 0, !x.isZero else { return }
        let words = shift / 64
        let bits = UInt64(shift % 64)
        var result = [UInt64](repeating: 0, count: words)
        result.reserveCapacity(words + x.limbs.count + 1)
        if bits == 0 {
            result += x.limbs
        } else {
            var carry: UInt64 = 0
            for limb in x.limbs {
                result.append(limb &<< bits | carry)
                carry = limb &>> (64 - bits)
            }
            if carry != 0 { result.append(carry) }
        }
        x.limbs = result
    }

    /// self - other; requires self >= other.
    package static func -= (x: inout BigUInt, y: BigUInt) {
        var borrow = false
        for i in x.limbs.indices {
            let b = i < y.limbs.count ? y.limbs[i] : 0
            if !borrow && i >= y.limbs.count { break }
            let (d1, o1) = x.limbs[i].subtractingReportingOverflow(b)
            let (d2, o2) = d1.subtractingReportingOverflow(borrow ? 1 : 0)
            x.limbs[i] = d2
            borrow = o1 || o2
        }
        x.trim()
    }

    package static func + (x: BigUInt, y: BigUInt) -> BigUInt {
        var result = x
        var carry = false
        let n = max(x.limbs.count, y.limbs.count)
        result.limbs += [UInt64](repeating: 0, count: n - x.limbs.count)
        for i in 0..<n {
            let b = i < y.limbs.count ? y.limbs[i] : 0
            let (s1, o1) = result.limbs[i].addingReportingOverflow(b)
            let (s2, o2) = s1.addingReportingOverflow(carry ? 1 : 0)
            result.limbs[i] = s2
            carry = o1 || o2
        }
        if carry { result.limbs.append(1) }
        return result
    }

    package static func - (x: BigUInt, y: BigUInt) -> BigUInt {
        var result = x
        result -= y
        return result
    }

    package static func * (x: BigUInt, y: BigUInt) -> BigUInt {
        if x.isZero || y.isZero { return BigUInt() }
        var result = [UInt64](repeating: 0, count: x.limbs.count + y.limbs.count)
        for i in x.limbs.indices {
            var carry: UInt64 = 0
            for j in y.limbs.indices {
                let (high, low) = x.limbs[i].multipliedFullWidth(by: y.limbs[j])
                let (s1, o1) = result[i + j].addingReportingOverflow(low)
                let (s2, o2) = s1.addingReportingOverflow(carry)
                result[i + j] = s2
                carry = high &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
            }
            result[i + y.limbs.count] = carry
        }
        var r = BigUInt()
        r.limbs = result
        r.trim()
        return r
    }

    package static func < (x: BigUInt, y: BigUInt) -> Bool {
        if x.limbs.count != y.limbs.count { return x.limbs.count < y.limbs.count }
        for i in x.limbs.indices.reversed() where x.limbs[i] != y.limbs[i] {
            return x.limbs[i] < y.limbs[i]
        }
        return false
    }

    /// Divides by a nonzero word in place; returns the remainder.
    package mutating func divide(by divisor: UInt64) -> UInt64 {
        var remainder: UInt64 = 0
        for i in limbs.indices.reversed() {
            let (q, r) = divisor.dividingFullWidth((high: remainder, low: limbs[i]))
            limbs[i] = q
            remainder = r
        }
        trim()
        return remainder
    }

    /// The 128 bits of self starting at bit `shift` (bits shift ..< shift + 128).
    func bits128(from shift: Int) -> UInt128 {
        var result: UInt128 = 0
        let word = shift / 64
        let offset = shift % 64
        for i in 0..<3 {
            let index = word + i
            guard index < limbs.count else { break }
            let limb = UInt128(limbs[index])
            let position = i * 64 - offset
            if position >= 0 {
                if position < 128 { result |= limb &<< UInt128(position) }
            } else {
                result |= limb &>> UInt128(-position)
            }
        }
        return result
    }

    /// floor(self / divisor) and whether the division is exact, for a quotient below 2^64
    /// (callers scale so it lies in (2^62, 2^64)). The quotient of the top 128 bits of self by
    /// the top 64 bits of the divisor (aligned alike) is at most 2 too large (Knuth, TAOCP
    /// 4.3.1, Theorem B, the divisor's top bit being set); one multiplication and at most two
    /// corrections make it exact.
    func quotient(dividingBy divisor: BigUInt) -> (quotient: UInt64, exact: Bool) {
        let shift = max(0, divisor.bitWidth - 64)
        let top = UInt64(truncatingIfNeeded: divisor.bits128(from: shift))
        let estimate = bits128(from: shift) / UInt128(top)
        var q = estimate > UInt128(UInt64.max) ? UInt64.max : UInt64(estimate)
        var product = divisor
        product.multiply(by: q)
        while self < product {
            q -= 1
            product -= divisor
        }
        return (q, product == self)
    }

    /// The value as a UInt64 (requires bitWidth <= 64).
    var low64: UInt64 { limbs.first ?? 0 }

    /// Decimal digits, "0" for zero.
    package var description: String {
        if isZero { return "0" }
        var x = self
        var chunks: [UInt64] = []
        while !x.isZero { chunks.append(x.divide(by: 10_000_000_000_000_000_000)) }
        var text = String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 19 - digits.utf8.count) + digits
        }
        return text
    }
}

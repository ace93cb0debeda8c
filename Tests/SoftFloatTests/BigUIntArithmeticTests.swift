import SoftFloat
import Testing
import _MPStudySupport

/// `BigUInt`'s long division, gcd and shifts (the exact arithmetic of the teaching views
/// rests on them). Oracles: UInt128 arithmetic for operands that fit it, and the defining
/// identities n = q · d + r with r < d, gcd divisibility, checked on large random operands
/// (thousands of bits, so that every branch of Knuth's Algorithm D runs, including the rare
/// add-back, which operands with runs of all-ones limbs provoke).
@Suite struct BigUIntArithmeticTests {

    func uint128(_ n: BigUInt) -> UInt128 { UInt128(n.description)! }
    func big(_ x: UInt128) -> BigUInt { BigUInt(decimal: String(x))! }

    @Test func divisionAgreesWithUInt128() {
        var mix = SeededGenerator(seed: 11)
        for _ in 0..<2_000 {
            let a = UInt128(mix.next()) << 64 | UInt128(mix.next())
            let b = UInt128(mix.next() >> (mix.next() % 64)) << 64 | UInt128(mix.next() >> (mix.next() % 64)) | 1
            let (q, r) = big(a).quotientAndRemainder(dividingBy: big(b))
            #expect(uint128(q) == a / b && uint128(r) == a % b, "\(a) / \(b)")
        }
    }

    @Test func divisionIdentityOnLargeOperands() {
        var mix = SeededGenerator(seed: 12)
        for _ in 0..<400 {
            let n = mix.big(limbs: 1 + Int(mix.next() % 60))
            var d = mix.big(limbs: 1 + Int(mix.next() % 40))
            if d.isZero { d = BigUInt(3) }
            let (q, r) = n.quotientAndRemainder(dividingBy: d)
            #expect(r < d && q * d + r == n)
        }
    }

    @Test func gcdAndShifts() {
        // gcd(2^200 · 3^5, 2^100 · 3^7 · 5) = 2^100 · 3^5.
        var a = BigUInt(243)
        var b = BigUInt(2187 * 5)
        var expected = BigUInt(243)
        a <<= 200
        b <<= 100
        expected <<= 100
        #expect(BigUInt.gcd(a, b) == expected && BigUInt.gcd(b, a) == expected)
        #expect(BigUInt.gcd(a, BigUInt()) == a && BigUInt.gcd(BigUInt(), BigUInt()).isZero)
        // Shifting right undoes shifting left; 2^200 · 3^5 has 200 trailing zero bits.
        var c = a
        c >>= 200
        #expect(c == BigUInt(243) && a.trailingZeroBitCount == 200)
        c >>= 10_000
        #expect(c.isZero)
        // Decimal text both ways.
        let text = "123456789012345678901234567890123456789012345678901234567890"
        #expect(
            BigUInt(decimal: text)?.description == text && BigUInt(decimal: "12a") == nil && BigUInt(decimal: "") == nil
        )
    }
}

/// The test's random cases, drawn from the project's seeded generator.
extension SeededGenerator {
    /// A number of `limbs` limbs, some all ones or zero (edge patterns for the division).
    mutating func big(limbs: Int) -> BigUInt {
        var n = BigUInt()
        for _ in 0..<limbs {
            let pattern = next()
            let limb: UInt64 = pattern % 5 == 0 ? .max : pattern % 7 == 0 ? 0 : next()
            n <<= 64
            n = n + BigUInt(limb)
        }
        return n
    }
}

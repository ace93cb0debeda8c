import Reference
import Testing
import _MPStudySupport
@testable import Precision

/// The long accumulator against MPFR: every sum of float32 products computed at 2000 bits
/// (exact: the products have 48 bits and the sum spans less than 700) and rounded once to
/// Double must equal ``ExactDotProduct/value`` bit for bit, on vectors built to cancel, to
/// carry across digits, and to reach both ends of the float32 range.
@Suite struct ExactDotProductTests {
    static func mpfr(_ a: [Float], _ b: [Float]) -> Double {
        let sum = MPFRValue(precision: 2000)
        let x = MPFRValue(precision: 2000)
        let y = MPFRValue(precision: 2000)
        let product = MPFRValue(precision: 2000)
        _ = sum.set(0)
        for k in a.indices {
            _ = x.set(Double(a[k]))
            _ = y.set(Double(b[k]))
            _ = product.multiply(x, y)
            _ = sum.add(sum, product)
        }
        return sum.doubleValue()
    }

    static func exact(_ a: [Float], _ b: [Float]) -> Double {
        var dot = ExactDotProduct()
        for k in a.indices { dot.add(a[k], b[k]) }
        return dot.value
    }

    /// Random exponents over the whole float32 range (subnormals included), random signs, and
    /// the same products again negated except one: the sum is that one product exactly.
    @Test func matchesMPFR() {
        var g = SeededGenerator(seed: 20261130)
        for trial in 0..<400 {
            let n = Int.random(in: 1...300, using: &g)
            let span = trial % 4 == 0 ? -149...127 : -30...30
            // Sign and fraction random; biased exponent from the span (0: a subnormal).
            let a: [Float] = (0..<n).map { _ in
                let biased = UInt32(max(0, Int.random(in: span, using: &g) + 127))
                return Float(bitPattern: UInt32.random(in: 0...UInt32.max, using: &g) & 0x807F_FFFF | biased << 23)
            }
            let b: [Float] = (0..<n).map { _ in
                Float.random(in: -4...4, using: &g) * (Bool.random(using: &g) ? 1 : 0x1p-60)
            }
            let expected = Self.mpfr(a, b)
            let got = Self.exact(a, b)
            #expect(
                got.bitPattern == expected.bitPattern,
                "trial \(trial): \(got) vs MPFR \(expected); a = \(a.map { String($0.bitPattern, radix: 16) }), b = \(b.map { String($0.bitPattern, radix: 16) })"
            )
        }
    }

    /// 1e30·1e30 - 1e30·1e30 + 2^-149·2^-149: the huge products cancel exactly, leaving 2^-298
    /// (float32 rounding would give 0, Double arithmetic in order too).
    @Test func cancellationLeavesTheTinyProduct() {
        let a: [Float] = [1e30, -1e30, 0x1p-149]
        let b: [Float] = [1e30, 1e30, 0x1p-149]
        #expect(Self.exact(a, b) == 0x1p-298)
        #expect(Self.exact(a, b) == Self.mpfr(a, b))
    }

    /// 2^53 + 1 + 1 (three products): the exact sum 2^53 + 2 is a Double; adding in order in
    /// Double gives 2^53 (each +1 is a tie to even). 1 + 2^-60 rounds to 1 (below half an ulp).
    @Test func roundsOnceAtTheEnd() {
        #expect(Self.exact([0x1p26, 1, 1], [0x1p27, 1, 1]) == 0x1p53 + 2)
        #expect(Self.exact([1, 0x1p-30], [1, 0x1p-30]) == 1)
        #expect(Self.exact([1, 0x1p-26, 0x1p-100], [1, 0x1p-27, 0x1p-100]) == 1 + 0x1p-53 * 2)
        #expect(Self.exact([.infinity, 1], [1, 1]) == .infinity)
        #expect(Self.exact([.infinity, 1], [-1, .infinity]).isNaN)
    }
}

import Reference
import SoftFloat
import Testing
import _MPStudySupport

/// Fused multiply-add in the formats whose exact product fits one 64-bit word (binary32,
/// binary16, bfloat16, FP8: the 64-bit path), against MPFR, bits and flags: every operand pair
/// of both FP8 formats and 16,384 random binary32 / binary16 / bfloat16 pairs, each with
/// addends chosen to cancel the
/// product (its rounded negation and the neighbours of that), to sit far below or far above
/// it (alignment with a sticky bit), and zeros of both signs; two rounding attributes each
/// (a nearest and a directed one). 3.2M oracle calls.
@Suite struct NarrowFusedMultiplyAddTests {
    /// Addends for `a * b`: -round(a*b) and its two neighbours (total and near-total
    /// cancellation), ±least subnormal (far below: sticky), ±greatest finite (far above), ±0.
    func addends<F: BinaryFormat>(_ a: BinaryFloat<F>, _ b: BinaryFloat<F>) -> [BinaryFloat<F>] {
        var env = FloatEnvironment()
        let negatedProduct = negated(a.multiplied(by: b, in: &env))
        return [
            negatedProduct, negatedProduct.nextUp(in: &env), negatedProduct.nextDown(in: &env),
            .leastSubnormal, negated(.leastSubnormal), .greatestFinite(), .greatestFinite(negative: true),
            .zero(), .zero(negative: true),
        ]
    }

    /// `x` with its sign bit flipped.
    func negated<F: BinaryFormat>(_ x: BinaryFloat<F>) -> BinaryFloat<F> {
        BinaryFloat<F>(bits: x.bits ^ (1 << (F.bitWidth - 1)))
    }

    func check<F: BinaryFormat>(_: F.Type, pairs: [(BinaryFloat<F>, BinaryFloat<F>)], roundings: [RoundingRule]) {
        let oracle = Oracle()
        var cases = 0
        var mismatches: [String] = []
        for (a, b) in pairs {
            for c in addends(a, b) {
                for rounding in roundings {
                    var env = FloatEnvironment(rounding: rounding)
                    let actual = a.fusedMultiplyAdd(b, c, in: &env)
                    let expected = oracle.fusedMultiplyAdd(a, b, c, rounding: rounding, tininess: .afterRounding)
                    cases += 1
                    let same = expected.value.bits == actual.bits || (expected.value.isNaN && actual.isNaN)
                    if (!same || expected.flags != env.flags) && mismatches.count < 20 {
                        mismatches.append(
                            "fma(\(hex(a)), \(hex(b)), \(hex(c))) \(rounding.name): expected \(expected), got \(hex(actual)) \(env.flags)"
                        )
                    }
                }
            }
        }
        #expect(cases == pairs.count * 9 * roundings.count)
        #expect(mismatches.isEmpty, "\(F.name):\n\(mismatches.joined(separator: "\n"))")
    }

    /// Every pair of encodings of an 8-bit format.
    func everyPair<F: BinaryFormat>(_: F.Type) -> [(BinaryFloat<F>, BinaryFloat<F>)] {
        (0..<(1 << 16)).map {
            (
                BinaryFloat<F>(bits: F.Bits(truncatingIfNeeded: $0 >> 8)),
                BinaryFloat<F>(bits: F.Bits(truncatingIfNeeded: $0))
            )
        }
    }

    /// 16,384 seeded random pairs of encodings of a 16- or 32-bit format (every sign, exponent and
    /// significand pattern equally likely).
    func randomPairs<F: BinaryFormat>(_: F.Type) -> [(BinaryFloat<F>, BinaryFloat<F>)] {
        var rng = SeededGenerator(seed: 2026)
        return (0..<(1 << 14)).map { _ in
            let word = rng.next()
            return (
                BinaryFloat<F>(bits: F.Bits(truncatingIfNeeded: word)),
                BinaryFloat<F>(bits: F.Bits(truncatingIfNeeded: word >> 32))
            )
        }
    }

    @Test func everyE4M3Pair() {
        check(Float8E4M3.self, pairs: everyPair(Float8E4M3.self), roundings: [.toNearestOrEven, .down])
    }
    @Test func everyE5M2Pair() {
        check(Float8E5M2.self, pairs: everyPair(Float8E5M2.self), roundings: [.toNearestOrEven, .up])
    }
    @Test func binary16Pairs() {
        check(Binary16.self, pairs: randomPairs(Binary16.self), roundings: [.toNearestOrEven, .down])
    }
    @Test func bfloat16Pairs() {
        check(BFloat16.self, pairs: randomPairs(BFloat16.self), roundings: [.toNearestOrEven, .up])
    }
    @Test func binary32Pairs() {
        check(Binary32.self, pairs: randomPairs(Binary32.self), roundings: [.toNearestOrEven, .down])
    }
}

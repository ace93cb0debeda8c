import Reference
import SoftFloat
import Testing
import _MPStudySupport

/// Stochastic rounding. Oracles: MPFR's directed roundings (the result must be one of the two
/// neighbours), mathematics (exact results unchanged; the count of upward roundings is
/// Binomial(N, phi) with phi the discarded fraction, so it must lie within 5 standard
/// deviations of N * phi — a false alarm has probability below 10^-6 per check, while a
/// rounding biased by more than about 5 * sqrt(phi(1-phi)/N) fails).
@Suite struct StochasticRoundingTests {
    /// Exact operations return the exact result and draw no random number.
    @Test func exactResultsAreUnchanged() {
        var rng = SeededGenerator(seed: 1)
        var env = FloatEnvironment()
        let one = SoftFloat16(bits: 0x3C00)
        let two = SoftFloat16(bits: 0x4000)
        let before = rng
        #expect(one.adding(one, stochasticallyUsing: &rng, in: &env).bits == 0x4000)
        #expect(two.multiplied(by: two, stochasticallyUsing: &rng, in: &env).bits == 0x4400)
        #expect(SoftFloat16(bits: 0x4400).squareRoot(stochasticallyUsing: &rng, in: &env).bits == 0x4000)
        #expect(
            SoftFloat32(bits: 0x3F80_0000).converted(to: BFloat16.self, stochasticallyUsing: &rng, in: &env).bits
                == 0x3F80)
        var a = rng
        var b = before
        #expect(a.next() == b.next(), "an exact result consumed random bits")
        #expect(env.flags == [])
    }

    /// Every result is RD(x) or RU(x) (MPFR), with inexact; E4M3 overflow and binary16
    /// subnormals included.
    @Test func resultIsAlwaysANeighbour() {
        let oracle = Oracle()
        var generator = OperandGenerator<Binary16>(seed: 5)
        var rng = SeededGenerator(seed: 6)
        for _ in 0..<20_000 {
            let (a, b, _) = generator.operands(for: .mul)
            var env = FloatEnvironment()
            let r = a.multiplied(by: b, stochasticallyUsing: &rng, in: &env)
            let down = oracle.multiply(a, b, rounding: .down, tininess: .beforeRounding)
            let up = oracle.multiply(a, b, rounding: .up, tininess: .beforeRounding)
            if down.value.isNaN {
                #expect(r.isNaN)
                continue
            }
            #expect(r.bits == down.value.bits || r.bits == up.value.bits, "\(hex(a)) * \(hex(b)) -> \(hex(r))")
            #expect(env.flags.contains(.inexact) == down.flags.contains(.inexact), "\(hex(a)) * \(hex(b))")
        }
        var wide = OperandGenerator<Binary32>(seed: 7)
        for _ in 0..<20_000 {
            let a = wide.operand(nearGridOf: Float8E4M3.self)
            var env = FloatEnvironment()
            let r = a.converted(to: Float8E4M3.self, stochasticallyUsing: &rng, in: &env)
            let down = oracle.convert(a, to: Float8E4M3.self, rounding: .down, tininess: .beforeRounding)
            let up = oracle.convert(a, to: Float8E4M3.self, rounding: .up, tininess: .beforeRounding)
            if r.isNaN {
                #expect(down.value.isNaN || up.value.isNaN, "\(hex(a))")
                continue
            }
            #expect(r.bits == down.value.bits || r.bits == up.value.bits, "\(hex(a)) -> \(hex(r))")
        }
    }

    /// Counts of upward roundings for known discarded fractions phi.
    func checkUnbiased(_ label: String, phi: Double, trials: Int, _ roundsUp: () -> Bool) {
        var ups = 0
        for _ in 0..<trials where roundsUp() { ups += 1 }
        let mean = Double(trials) * phi
        let sigma = (Double(trials) * phi * (1 - phi)).squareRoot()
        #expect(
            abs(Double(ups) - mean) <= 5 * sigma + 1, "\(label): \(ups) of \(trials) up, expected \(mean) ± \(sigma)")
    }

    @Test func upwardProbabilityIsTheDiscardedFraction() {
        var rng = SeededGenerator(seed: 11)
        // binary32 1 + k * 2^-23 into bfloat16 (gap 2^-7 above 1): phi = k / 2^16.
        for k in [1 << 15, 21_845, 655, 64_880, 1] {
            let phi = Double(k) / 65_536
            let x = SoftFloat32(bits: 0x3F80_0000 + UInt32(k))
            checkUnbiased("bf16 phi=\(phi)", phi: phi, trials: 100_000) {
                var env = FloatEnvironment()
                return x.converted(to: BFloat16.self, stochasticallyUsing: &rng, in: &env).bits == 0x3F81
            }
        }
        // Negative values round away from zero with probability phi: -(1 + 2^-12) in binary16
        // arithmetic: -1 - 2^-12, neighbours -1 and -(1 + 2^-10), phi = 1/4.
        let minusOne = SoftFloat16(bits: 0xBC00)
        let tiny = SoftFloat16(bits: 0x8C00)  // -2^-12
        checkUnbiased("half -1 - 2^-12", phi: 0.25, trials: 100_000) {
            var env = FloatEnvironment()
            return minusOne.adding(tiny, stochasticallyUsing: &rng, in: &env).bits == 0xBC01
        }
        // 1/3 in E4M3: 1.0101..b * 2^-2, neighbours 1.010b and 1.011b * 2^-2, phi = 0.0101..b / 1 = 2/3.
        let one = SoftFloat8E4M3(bits: 0x38)
        let three = SoftFloat8E4M3(bits: 0x44)
        checkUnbiased("e4m3 1/3", phi: 2.0 / 3.0, trials: 100_000) {
            var env = FloatEnvironment()
            return one.divided(by: three, stochasticallyUsing: &rng, in: &env).bits == 0x2B
        }
    }

    /// Summing 0.0001 ten thousand times in binary16: round-to-nearest stagnates (0.0001 is
    /// below half an ulp of the sum once it passes 0.25), stochastic rounding stays unbiased:
    /// the mean over runs of the final sum is within 5 standard errors of the exact 1.0000
    /// (the per-step variance is at most ulp^2 / 4 with ulp <= 2^-10 below 1).
    @Test func stochasticSumDoesNotStagnate() throws {
        var env = FloatEnvironment()
        let step = try SoftFloat16(parsing: "0.0001", in: &env)
        let exactStep = Double(Float16(bitPattern: step.bits))
        var nearest = SoftFloat16(bits: 0)
        for _ in 0..<10_000 { nearest = nearest.adding(step, in: &env) }
        #expect(Double(Float16(bitPattern: nearest.bits)) < 0.5)
        var rng = SeededGenerator(seed: 3)
        var total = 0.0
        let runs = 40
        for _ in 0..<runs {
            var s = SoftFloat16(bits: 0)
            for _ in 0..<10_000 { s = s.adding(step, stochasticallyUsing: &rng, in: &env) }
            total += Double(Float16(bitPattern: s.bits))
        }
        let mean = total / Double(runs)
        let standardError = (10_000 * 0x1p-10 * 0x1p-10 / 4 / Double(runs)).squareRoot()
        #expect(abs(mean - 10_000 * exactStep) <= 5 * standardError, "mean \(mean)")
    }
}

import Precision
import SoftFloat
import Testing

/// The bulk kernels (vector and portable) round exactly as SoftFloat's conversion does and
/// count exactly what the scalar reference counts. The all-2^32-inputs check is
/// `mpstudy verify --kernels`.
@Suite struct KernelAgreementTests {
    /// Every kernel set this CPU runs.
    static let rounders = RoundingKernels.allCases.filter { $0 <= .widest }.map {
        TensorRounder(threads: $0 == .portable ? 1 : 2, kernels: $0)
    }

    @Test(arguments: [ComputeFormat.float16, .bfloat16])
    func roundedBitsMatchSoftFloat(_ format: ComputeFormat) {
        let xs = adversarialInputs(count: 300_000, seed: 7)
        for rounder in Self.rounders {
            let (out, _) = kernelRun(xs, format, rounder)
            var bad: [String] = []
            for (x, r) in zip(xs, out) where r.bitPattern != KernelVerification.reference(x.bitPattern, format) {
                bad.append("x=0x\(String(x.bitPattern, radix: 16)) kernel=0x\(String(r.bitPattern, radix: 16))")
            }
            #expect(bad.isEmpty, "\(rounder.kernels) \(format): \(bad.prefix(10))")
        }
    }

    @Test(arguments: [ComputeFormat.float16, .bfloat16])
    func countsMatchTheScalarReference(_ format: ComputeFormat) {
        // 300,001 elements: not a multiple of 8, so the vector kernels' tail runs too.
        let xs = adversarialInputs(count: 300_001, seed: 11)
        let expected = referenceStatistics(xs, format, scale: 0x1p-15)
        for rounder in Self.rounders {
            let (_, got) = kernelRun(xs, format, rounder, scale: 0x1p-15)
            let e = expected.statistics
            let g = got.statistics
            #expect(
                g.count == e.count && g.overflow == e.overflow && g.underflow == e.underflow
                    && g.subnormal == e.subnormal && g.nan == e.nan && g.infinite == e.infinite
                    && g.errorCount == e.errorCount, "\(rounder.kernels) \(format): \(g) vs \(e)")
            #expect(g.histogram == e.histogram)
            #expect(got.counterfactual == expected.counterfactual)
            // The kernels divide in float32 and sum in float32 blocks: sums agree to 1e-5.
            #expect(abs(g.errorSum - e.errorSum) <= 1e-5 * e.errorSum)
            #expect(abs(g.errorSquares - e.errorSquares) <= 1e-5 * e.errorSquares)
            #expect(abs(g.errorMax - e.errorMax) <= 1e-6 * e.errorMax)
        }
    }

    /// Slices of the exhaustive check that run in `swift test`: every pattern within 2^19 of
    /// binary16's thresholds 2^-25 (0x33000000, below it everything flushes), 2^-14
    /// (0x38800000, smallest normal) and 65520 (0x477FF000, overflow), both signs.
    @Test func everyPatternNearTheThresholdsMatches() {
        for center: UInt64 in [0x3300_0000, 0x3880_0000, 0x477F_F000, 0xC77F_F000] {
            let report = KernelVerification.run(
                .float16, rounder: TensorRounder(threads: 2),
                patterns: (center - (1 << 19))...(center + (1 << 19) - 1))
            #expect(report.inputs == 1 << 20)
            #expect(report.mismatchCount == 0, "\(report.mismatches.prefix(5))")
        }
    }
}

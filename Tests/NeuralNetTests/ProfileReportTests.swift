import NeuralNet
import Testing

/// The arithmetic of `--profile`'s comparison with the FMA peak, on made-up totals (no timing
/// is measured here).
@Suite struct ProfileReportTests {
    /// Two steps of 1 TFLOP each, 10 s in all (the first 6 s), 8 s of it GEMM, 1 s analysis:
    /// at a 250 GFLOP/s peak a step's floor is 1e12 / 250e9 = 4 s, so step / floor = 5 / 4 =
    /// 1.25 and, after the first step, 4 / 4 = 1.
    static func report() -> ProfileReport {
        var totals = ProfileSnapshot.zero
        totals.gemmFlops = 2e12
        totals.nanoseconds[ProfiledWork.gemm.rawValue] = 8_000_000_000
        totals.nanoseconds[ProfiledWork.shadow.rawValue] = 600_000_000
        totals.nanoseconds[ProfiledWork.roundingStatistics.rawValue] = 400_000_000
        return ProfileReport(
            profile: totals, steps: 2, stepSeconds: 10, firstStep: (6, 1e12),
            peak: FMAPeak(instructionSet: .avx512, threads: 2, gflops: 250, rounds: 25))
    }

    @Test func floorAndRatios() throws {
        let r = Self.report()
        #expect(r.gemmGFLOPS == 250)
        #expect(r.flopsPerStep == 1e12)
        #expect(try #require(r.floorSecondsPerStep) == 4)
        #expect(try #require(r.stepOverFloor) == 1.25)
        #expect(try #require(r.secondsPerStepAfterFirst) == 4)
        #expect(try #require(r.stepOverFloorAfterFirst) == 1)
        #expect(r.analysisSeconds == 1)
    }

    @Test func linesSayItInWords() {
        let lines = Self.report().lines
        #expect(lines.contains("  FMA peak 250.0 GFLOP/s (AVX-512 FMA loop, 2 threads, best of 25 rounds)"))
        #expect(lines.contains("  GEMM at 100.0% of the peak"))
        #expect(
            lines.contains(
                "  floor (GEMM flops at the peak) 4000.0 ms/step; step / floor = 1.250x (after the first step: 1.000x)")
        )
        #expect(
            lines.contains { $0.hasPrefix("  analysis total") && $0.contains("500.0 ms/step") && $0.hasSuffix("10.0%") }
        )
    }

    @Test func noPeakNoFloor() {
        let r = ProfileReport(profile: .zero, steps: 1, stepSeconds: 1)
        #expect(r.floorSecondsPerStep == nil && r.stepOverFloor == nil && r.secondsPerStepAfterFirst == nil)
        #expect(!r.lines.contains { $0.contains("floor") || $0.contains("analysis") })
    }

    @Test func analysisWorkIsTheLastSixKinds() {
        #expect(
            ProfiledWork.allCases.filter(\.isAnalysis) == [
                .roundingStatistics, .updateStatistics, .shadow, .probe, .errorBudget, .counterfactual,
            ])
        #expect(ProfiledWork.allCases.suffix(6).allSatisfy { $0.isAnalysis })
    }
}

/// The peak loop runs on this CPU with the variant its features choose (the figure itself is
/// the machine's and is not checked, only that one was measured).
@Suite struct FMAPeakTests {
    @Test func measuresWithTheWidestLoop() throws {
        #if arch(x86_64)
            let peak = try #require(FMAPeak.measure(threads: 2, rounds: 2, secondsPerRound: 0.002))
            #expect(peak.instructionSet == FMAPeak.InstructionSet.widest(for: .current))
            #expect(peak.threads == 2 && peak.rounds == 2 && peak.gflops > 0 && peak.gflops.isFinite)
        #endif
    }
}

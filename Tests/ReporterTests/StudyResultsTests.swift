import Foundation
import Testing
@testable import Reporter
@testable import Statistics

/// The study model: run ids from the grid, the seed grammar, the statistics per configuration
/// and paired by seed, failed runs counted, and the conclusion's words, with hand-derived numbers.
@Suite struct StudyResultsTests {
    @Test func runIDsNameTheAxesThatVary() {
        let grid = StudyGrid(
            policies: ["float32", "float16"], seeds: [0, 1], lossScales: ["none", "dynamic"], units: [64, 4096])
        let ids = grid.runs.map(\.id)
        #expect(ids.count == 2 * 2 * 2 * 2)
        #expect(ids.first == "float32-ls-none-u64-s0")
        #expect(ids.last == "float16-ls-dynamic-u4096-s1")
        #expect(Set(ids).count == ids.count)
        #expect(grid.runs.allSatisfy { RunFolderName.isValid($0.id) })
        let plain = StudyGrid(policies: ["mixed_float16"], seeds: [3])
        #expect(plain.runs.map(\.id) == ["mixed_float16-s3"])
        #expect(plain.runs[0].configuration == "mixed_float16")
    }

    @Test func seedLists() throws {
        #expect(try SeedList.parse("0-3") == [0, 1, 2, 3])
        #expect(try SeedList.parse("7, 0-1,10") == [7, 0, 1, 10])
        #expect(try SeedList.parse("18446744073709551615") == [UInt64.max])
        for bad in ["5-2", "", "1,,2", "a", "1-2-3", "-1", "0,0", "0-1,1", "0-100000"] {
            #expect(throws: SeedList.ParseError.self, "\(bad)") { try SeedList.parse(bad) }
        }
    }

    @Test func gridProblems() {
        #expect(StudyGrid(policies: [], seeds: [0]).problem != nil)
        #expect(StudyGrid(policies: ["float32"], seeds: []).problem != nil)
        #expect(StudyGrid(policies: ["float32", "float32"], seeds: [0]).problem != nil)
        #expect(StudyGrid(policies: ["float32"], seeds: [0], units: []).problem != nil)
        #expect(StudyGrid(policies: ["float32"], seeds: [0]).problem == nil)
    }

    static func result(_ run: StudyRun, accuracy: Double?, status: StudyRunResult.Status = .complete) -> StudyRunResult
    {
        StudyRunResult(
            id: run.id, configuration: run.configuration, policy: run.policy, seed: run.seed, status: status,
            reason: status == .complete ? nil : "test", testAccuracy: accuracy, testLoss: accuracy.map { 1 - $0 },
            finalLoss: accuracy.map { 2 - $0 }, millisecondsPerStep: accuracy.map { _ in 250 }, layers: [])
    }

    /// float32 at 0.90 for every seed; mixed_float16 higher by 1.0, 1.2, 1.1, 0.9, 1.3 points.
    /// Differences (fractions) 0.010, 0.012, 0.011, 0.009, 0.013: mean 0.011, squared deviations
    /// 1, 1, 0, 4, 4 (×1e-6) sum 1e-5, s = √(1e-5 / 4) = 0.0015811; half-width t(0.975, 4) ·
    /// s / √5 = 2.7764451 · 0.0015811 / 2.2360680 = 0.0019632; CI [0.0090368, 0.0129632], i.e.
    /// +0.90 to +1.30 points. All five positive: exact p = 2 / 2⁵ = 0.0625, shown as 0.063.
    /// A sixth seed whose mixed_float16 run failed is counted, listed and left out of the pairs.
    @Test func pairedDifferenceAndConclusion() throws {
        let grid = StudyGrid(policies: ["float32", "mixed_float16"], seeds: [0, 1, 2, 3, 4, 5])
        let gains = [0.010, 0.012, 0.011, 0.009, 0.013]
        let results = grid.runs.map { run -> StudyRunResult in
            if run.policy == "float32" { return Self.result(run, accuracy: 0.90) }
            if run.seed == 5 { return Self.result(run, accuracy: nil, status: .failed) }
            return Self.result(run, accuracy: 0.90 + gains[Int(run.seed)])
        }
        let study = StudyResults(grid: grid, results: results)
        #expect(study.configurations.map(\.configuration) == ["float32", "mixed_float16"])
        let mixed = study.configurations[1]
        #expect(mixed.runs == 6 && mixed.complete == 5 && mixed.failed == 1)
        #expect(mixed.testAccuracy?.count == 5)
        // Every complete run took 250 ms/step; the failed one has no time and is left out.
        #expect(mixed.millisecondsPerStep?.count == 5 && mixed.millisecondsPerStep?.mean == 250)
        #expect(study.configurations[0].testAccuracy?.standardDeviation == 0)
        let difference = try #require(study.differences.first)
        #expect(study.differences.count == 1)
        #expect(difference.baseline == "float32")
        #expect(difference.seeds == [0, 1, 2, 3, 4])
        let summary = difference.comparison.summary
        #expect(abs(summary.mean - 0.011) < 1e-12)
        let interval = try #require(summary.interval)
        #expect(abs(interval.lowerBound - 0.0090368) < 1e-7)
        #expect(abs(interval.upperBound - 0.0129632) < 1e-7)
        #expect(difference.comparison.signedRank.pValue == 0.0625)
        #expect(
            difference.conclusion
                == "mixed_float16 minus float32 in test accuracy: +1.10 points, 95% CI [+0.90, +1.30], n = 5 paired seeds, signed-rank p = 0.063: mixed_float16 scores higher, by 0.90 to 1.30 points"
        )
    }

    /// Differences of ±1 point around 0: no detectable difference, said so.
    @Test func noDetectableDifference() throws {
        let grid = StudyGrid(policies: ["mixed_bfloat16", "float32"], seeds: [0, 1, 2, 3])
        let shifts = [0.01, -0.01, 0.005, -0.004]
        let results = grid.runs.map { run in
            Self.result(run, accuracy: run.policy == "float32" ? 0.9 : 0.9 + shifts[Int(run.seed)])
        }
        let difference = try #require(StudyResults(grid: grid, results: results).differences.first)
        #expect(difference.configuration == "mixed_bfloat16" && difference.baseline == "float32")
        #expect(difference.conclusion.hasSuffix(": no detectable difference"))
        #expect(difference.conclusion.contains("n = 4 paired seeds"))
    }

    @Test func shellWords() {
        #expect(ShellWord.quoted("runs/float32-s1") == "runs/float32-s1")
        #expect(ShellWord.quoted("/a b/c") == "'/a b/c'")
        #expect(ShellWord.quoted("it's") == "'it'\\''s'")
        #expect(ShellWord.quoted("$(rm -rf /)") == "'$(rm -rf /)'")
        #expect(ShellWord.quoted("") == "''")
    }
}

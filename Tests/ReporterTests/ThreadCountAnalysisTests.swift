import Analyzer
import Foundation
import NeuralNet
import Precision
import Testing
@testable import Reporter

/// `analyze --threads 1` and `--threads 3` write the same files apart from the timings and
/// the environment: the CSV files byte for byte (steps.csv without its `seconds` column), and
/// run.json once its wall times and environment are blanked. The thread count is recorded in
/// the environment, not in the settings.
@Suite struct ThreadCountAnalysisTests {
    /// A mixed_float16 analysis of the tiny model with settings as `analyze` makes them (no
    /// thread count in the settings), trained with `threads` threads.
    static func analyze(threads: Int) throws -> RunRecord {
        var settings = AnalysisDeterminismTests.settings(policy: .mixedFloat16)
        settings.threads = nil
        let environment = RunEnvironment(blas: "", cores: 0, vectorRoundingKernels: false, commandLine: [])
        return try AnalysisSession(settings: settings, threads: threads).run(
            train: AnalysisDeterminismTests.images(count: 320, seed: 0),
            test: AnalysisDeterminismTests.images(count: 50, seed: 1), classes: 10, environment: environment)
    }

    /// `record` with every wall time set to 0 and an empty environment.
    static func withoutTimings(_ record: RunRecord) -> RunRecord {
        var r = record
        r.environment = RunEnvironment(blas: "", cores: 0, vectorRoundingKernels: false, commandLine: [])
        for i in r.steps.indices { r.steps[i].metrics?.seconds = 0 }
        for i in r.epochs.indices {
            r.epochs[i].seconds = 0
            r.epochs[i].trainingSeconds = 0
        }
        r.test?.seconds = 0
        return r
    }

    @Test func filesAreIdenticalForEveryThreadCount() throws {
        let runs = try [1, 3].map { try Self.analyze(threads: $0) }
        #expect(runs[0].steps.count == 8 && runs[0].test != nil)
        #expect(CSVWriter.layers(runs[1]) == CSVWriter.layers(runs[0]))
        #expect(CSVWriter.histograms(runs[1]) == CSVWriter.histograms(runs[0]))
        #expect(
            AnalysisDeterminismTests.withoutSeconds(CSVWriter.steps(runs[1]))
                == AnalysisDeterminismTests.withoutSeconds(CSVWriter.steps(runs[0])))
        #expect(try JSONWriter.text(Self.withoutTimings(runs[1])) == JSONWriter.text(Self.withoutTimings(runs[0])))
    }

    /// The thread count is in run.json's environment only, and summary.md still names it.
    @Test func threadCountIsRecordedInTheEnvironment() throws {
        let record = try Self.analyze(threads: 3)
        #expect(record.environment.threads == 3 && record.settings.threads == nil)
        let json = try JSONWriter.text(record)
        // The environment object holds no nested object: it ends at the first "}".
        let start = try #require(json.range(of: "\"environment\":{")).upperBound
        let environment = start..<(try #require(json[start...].firstIndex(of: "}")))
        let threads = json.ranges(of: "\"threads\":")
        #expect(threads.count == 1 && threads.allSatisfy { environment.contains($0.lowerBound) })
        #expect(json[environment].contains("\"threads\":3"))
        #expect(MarkdownWriter.runFacts(record).contains("RMSprop learning rate 0.001, 3 threads\n"))
    }
}

import Testing
import _TestSupport

/// Progress when standard error is not a terminal (issue 11, item 14): `train` and `analyze`
/// print whole progress lines with an ETA on standard error, and their results on standard
/// output are flushed as they come, so a log (`scripts/run.sh | tee log`) shows the run as it
/// goes. (The timing of the lines, one per second at most, is tested with an injected clock
/// in MPStudyTests; here only what does not depend on time is checked: the first and last step
/// of every epoch always get a line.)
///
/// Sizes as in ``TrainingRunsEndToEndTests``: 80 training images, validation split 0.2,
/// batches of 16: 4 steps per epoch.
@Suite("Progress lines on a pipe")
struct ProgressEndToEndTests {
    static let tiny = ["--data", "data", "--units", "8", "--batch-size", "16", "--threads", "1", "--seed", "5"]

    /// The lines of `text` (no empty last line).
    static func lines(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0).map { $0 }
    }

    @Test func trainPrintsStepLinesWithETA() throws {
        let result = try TrainingRunsEndToEndTests.withData { folder in
            try mpstudy(["train"] + Self.tiny + ["--epochs", "2"], in: folder)
        }
        expectSuccess(result)
        let lines = Self.lines(result.errors)
        #expect(lines.allSatisfy { $0.hasPrefix(progressTag) }, "only progress lines: \(result)")
        for (epoch, step) in [(1, 1), (1, 4), (2, 1), (2, 4)] {
            let line = lines.first { $0.contains("Epoch \(epoch)/2  step \(step)/4  loss: ") }
            #expect(line?.contains("  ETA ") == true, "epoch \(epoch) step \(step) has a line with an ETA: \(result)")
        }
        #expect(
            lines.contains { $0.hasSuffix("Epoch 1: validating...") }
                && lines.contains { $0.hasSuffix("Epoch 2: validating...") },
            "\(result)")
        #expect(lines.last?.hasSuffix("evaluating the test set...") == true, "\(result)")
        #expect(
            !result.errors.contains("\r") && !result.errors.contains("\u{1B}"), "no terminal codes in a log: \(result)")
    }

    /// Standard output and standard error into one file, as `2>&1 | tee` would: every line
    /// comes in the order it happened, so standard output is flushed before each progress line.
    @Test func progressAndResultsInterleaveInOrder() throws {
        let result = try TrainingRunsEndToEndTests.withData { folder in
            try mpstudy(["train"] + Self.tiny + ["--epochs", "1"], in: folder, errorsIntoOutput: true)
        }
        #expect(result.status == 0, "\(result)")
        let lines = Self.lines(result.output)
        let order = [
            "mpstudy train: policy", "Epoch 1/1", progressTag + "Epoch 1/1  step 1/4",
            progressTag + "Epoch 1/1  step 4/4", progressTag + "Epoch 1: validating...", "4/4 [",
            progressTag + "evaluating the test set...", "Test loss: ",
        ]
        let positions = order.compactMap { prefix in lines.firstIndex { $0.hasPrefix(prefix) } }
        #expect(positions.count == order.count && positions == positions.sorted(), "\(positions) in \(result)")
    }

    /// With `--compare` each line says which run it is and that its ETA covers all runs.
    @Test func analyzeCompareLinesCoverAllRuns() throws {
        let result = try TrainingRunsEndToEndTests.withData { folder in
            try mpstudy(
                ["analyze"] + Self.tiny + [
                    "--epochs", "1", "--compare", "float32", "--layer", "dense_2",
                    "--shadow-every", "0", "--output", "cmp",
                ], in: folder)
        }
        expectSuccess(result)
        let lines = Self.lines(result.errors)
        for run in 1...2 {
            let line = lines.first { $0.hasPrefix(progressTag + "[\(run)/2] Epoch 1/1  step 4/4") }
            #expect(line?.hasSuffix(" (all 2 runs)") == true, "run \(run): \(result)")
        }
    }
}

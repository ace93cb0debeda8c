import Foundation
import Reference

/// One sweep of `mpstudy verify`: what its progress line calls it, how many cases it checks,
/// and the work, which tells `progress` the cases of every chunk it finishes (from the worker
/// threads) and returns what to print.
struct VerifySweep {
    let name: String
    let cases: Int
    /// What its result line calls a case: `cases`, or `inputs` for the kernel sweeps.
    var unit = "cases"
    let run: (_ progress: @escaping @Sendable (_ cases: Int) -> Void) -> VerifyOutcome
}

/// What a finished sweep prints: its result lines and whether anything mismatched.
struct VerifyOutcome {
    var lines: [String]
    var failed: Bool

    /// The lines of labelled differential reports: `label: N cases, M mismatches, S s, R
    /// cases/s`, then each kept mismatch and how many more there were.
    static func differential(_ reports: [(label: String, report: DifferentialReport)]) -> VerifyOutcome {
        var outcome = VerifyOutcome(lines: [], failed: false)
        for (label, report) in reports {
            outcome.lines.append(
                "\(label): \(report.cases) cases, \(report.mismatchCount) mismatches, "
                    + "\(String(format: "%.2f", report.seconds)) s, \(Int(report.casesPerSecond.rounded())) cases/s")
            outcome.lines += report.mismatches.map { "  " + $0.description }
            if report.mismatchCount > report.mismatches.count {
                outcome.lines.append("  ... and \(report.mismatchCount - report.mismatches.count) more")
            }
            outcome.failed = outcome.failed || report.mismatchCount > 0
        }
        return outcome
    }
}

extension VerifyCommand {
    /// Runs `sweeps` in order. While one runs, its progress goes to standard error
    /// (``SweepProgress``: live on a terminal, otherwise a line every ``progressLineInterval``
    /// seconds); when it ends, its result lines go to standard output and are flushed at once,
    /// even when standard output is a pipe (where the C library would hold them in a 4 KiB
    /// buffer until the end), so `verify --exhaustive | tee log` shows each result as it
    /// comes. True if any sweep mismatched.
    func runSweeps(
        _ sweeps: [VerifySweep], display: ProgressDisplay = ProgressDisplay(lineInterval: progressLineInterval)
    ) -> Bool {
        var failed = false
        for (index, sweep) in sweeps.enumerated() {
            let name = sweeps.count > 1 ? "[\(index + 1)/\(sweeps.count)] \(sweep.name)" : sweep.name
            let progress = SweepProgress(name: name, total: sweep.cases, unit: sweep.unit, display: display)
            let outcome = sweep.run { progress.advance(by: $0) }
            progress.finish()
            for line in outcome.lines { Swift.print(line) }
            flushStandardOutput()
            failed = failed || outcome.failed
        }
        return failed
    }

    /// Least seconds between two progress lines of a sweep in a log: the longest sweeps take
    /// minutes, and a line every ten seconds says it is alive without filling the log.
    static let progressLineInterval = 10.0
}

import Foundation
import Testing
@testable import mpstudy

/// A clock the test moves by hand, and what the display wrote: progress without waiting.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds = 0.0
    private var written: [String] = []

    var now: Double {
        get { lock.withLock { seconds } }
        set { lock.withLock { seconds = newValue } }
    }
    /// Everything written so far, in order.
    var output: [String] { lock.withLock { written } }
    /// The output as one string.
    var text: String { output.joined() }

    func write(_ text: String) { lock.withLock { written.append(text) } }

    /// A display on this clock, writing here.
    func display(_ mode: ProgressDisplay.Mode, lineInterval: Double = 10, columns: Int? = nil) -> ProgressDisplay {
        ProgressDisplay(
            mode: mode, lineInterval: lineInterval, clock: { self.now }, columns: columns,
            write: { self.write($0) })
    }
}

/// The progress lines of verify, train and analyze (issue 11, item 14), on an injected clock:
/// the ETA arithmetic, the wording, and when a line is written (intervals, forced lines, live
/// redraws and their clearing). Expected values are worked out by hand in the comments.
@Suite struct ProgressTests {
    @Test func remainingTimeAtTheSamePace() {
        // 250 of 1000 in 10 s: 750 more at 25 per second = 30 s.
        #expect(ProgressEstimate.remainingSeconds(done: 250, total: 1000, elapsed: 10) == 30)
        // 2^32 cases, 2^30 done in 60 s: 3 · 2^30 more = 180 s.
        #expect(ProgressEstimate.remainingSeconds(done: 1 << 30, total: 1 << 32, elapsed: 60) == 180)
        #expect(ProgressEstimate.remainingSeconds(done: 1000, total: 1000, elapsed: 7) == 0)
        // Nothing done yet: no pace, no estimate.
        #expect(ProgressEstimate.remainingSeconds(done: 0, total: 1000, elapsed: 5) == nil)
    }

    @Test func remainingTimeOfSeveralRuns() {
        // Run 1 of 3, 30 s in, 90 s left: it takes 120 s, and so does each of the 2 after it:
        // 90 + 2 · 120 = 330 s.
        #expect(ProgressEstimate.remainingSeconds(runs: 3, index: 0, elapsed: 30, remaining: 90, finished: []) == 330)
        // Run 2 of 3 after a run of 100 s, 20 s in, 60 s left (80 s in all): a typical run is
        // (100 + 80) / 2 = 90 s: 60 + 90 = 150 s.
        #expect(
            ProgressEstimate.remainingSeconds(runs: 3, index: 1, elapsed: 20, remaining: 60, finished: [100]) == 150)
        // The last run: only its own remaining time.
        #expect(ProgressEstimate.remainingSeconds(runs: 2, index: 1, elapsed: 5, remaining: 12, finished: [40]) == 12)
        // One run (train): the trainer's estimate as it is.
        #expect(ProgressEstimate.remainingSeconds(runs: 1, index: 0, elapsed: 3, remaining: 42, finished: []) == 42)
    }

    @Test func wording() {
        #expect(ProgressEstimate.eta(130) == "ETA 2m10s")
        #expect(ProgressEstimate.eta(3725) == "ETA 1h02m")
        #expect(ProgressEstimate.eta(nil) == "ETA ?")
        // 1,207,959,552 = 0.28125 · 2^32: 28% (rounded down); 100% only when done.
        #expect(
            ProgressEstimate.fraction(done: 1_207_959_552, total: 1 << 32, unit: "cases")
                == "1,207,959,552/4,294,967,296 cases (28%)")
        #expect(ProgressEstimate.fraction(done: 999, total: 1000, unit: "cases") == "999/1,000 cases (99%)")
    }

    /// In a log: the first line one interval after the sweep starts, then at most one per
    /// interval, each a whole tagged line.
    @Test func sweepLinesInALog() {
        let clock = ManualClock()
        clock.now = 100
        let sweep = SweepProgress(name: "[2/5] half add", total: 1000, display: clock.display(.lines, lineInterval: 10))
        clock.now = 105
        sweep.advance(by: 100)  // 5 s after the start: not yet
        #expect(clock.output.isEmpty)
        clock.now = 110
        sweep.advance(by: 150)  // 10 s: 250 done, 750 left at 25/s = 30 s
        clock.now = 115
        sweep.advance(by: 250)  // 5 s after the last line: not yet
        clock.now = 120
        sweep.advance(by: 100)  // 20 s: 600 done, 400 left at 30/s = 13.3 s
        #expect(
            clock.output == [
                "mpstudy: progress: [2/5] half add: 250/1,000 cases (25%), elapsed 10s, ETA 30s\n",
                "mpstudy: progress: [2/5] half add: 600/1,000 cases (60%), elapsed 20s, ETA 13s\n",
            ])
        sweep.finish()  // nothing to clear in a log
        #expect(clock.output.count == 2)

        // The kernel sweeps count inputs: 1 of 4 in 1 s, 3 more at 1 a second.
        let kernels = SweepProgress(name: "k", total: 4, unit: "inputs", display: clock.display(.lines))
        #expect(kernels.line(done: 1, now: kernels.start + 1) == "k: 1/4 inputs (25%), elapsed 1s, ETA 3s")
    }

    /// On a terminal: one line redrawn in place (at most ten times a second), cut to the
    /// terminal's width, removed before the results.
    @Test func sweepLineOnATerminal() {
        let clock = ManualClock()
        let sweep = SweepProgress(name: "e4m3 add", total: 400, display: clock.display(.live, columns: 60))
        clock.now = 0.05
        sweep.advance(by: 100)  // within the first tenth of a second
        #expect(clock.output.isEmpty)
        clock.now = 2
        sweep.advance(by: 100)  // 200 of 400 in 2 s: 2 s left
        clock.now = 2.05
        sweep.advance(by: 100)  // a redraw 0.05 s later is skipped
        #expect(clock.output == ["\r\u{1B}[Ke4m3 add: 200/400 cases (50%), elapsed 2s, ETA 2s"])
        sweep.finish()
        #expect(clock.output.last == "\r\u{1B}[K")
        sweep.finish()  // cleared once only
        #expect(clock.output.count == 2)

        // A line longer than the terminal is cut to 59 columns, the last three `...`.
        let narrow = ManualClock()
        let long = SweepProgress(
            name: String(repeating: "x", count: 80), total: 10, display: narrow.display(.live, columns: 60))
        narrow.now = 1
        long.advance(by: 1)
        #expect(narrow.text == "\r\u{1B}[K" + String(repeating: "x", count: 56) + "...")
    }

    /// Step lines: the first and last step of an epoch always, others one interval apart;
    /// elapsed from the first training's start, the ETA over every run.
    @Test func trainingStepLines() {
        let clock = ManualClock()
        let runs = TrainingRuns(count: 2, display: clock.display(.lines, lineInterval: 1))
        let first = runs.printer(run: 0)
        func step(_ n: Int, remaining: Double) -> StepFigures {
            StepFigures(
                epoch: 1, epochs: 1, step: n, stepsPerEpoch: 4, loss: 2.30255, accuracy: 0.125,
                runRemainingSeconds: remaining)
        }
        clock.now = 10
        first.show(step(1, remaining: 30))  // run 1 takes 10 + 30 = 40 s, run 2 as much: 70 s
        clock.now = 10.5
        first.show(step(2, remaining: 25))  // half a second later: skipped
        clock.now = 11.5
        first.show(step(3, remaining: 20))  // 11.5 + 20 = 31.5 s a run: 20 + 31.5 = 51.5 s
        clock.now = 11.6
        first.show(step(4, remaining: 18))  // the epoch's last step: always; 18 + 29.6 = 47.6 s
        runs.runFinished()  // run 1 took 11.6 s... as the clock says
        clock.now = 20
        let second = runs.printer(run: 1)
        clock.now = 25
        second.show(step(1, remaining: 6))  // the last run: its own 6 s
        #expect(
            clock.output == [
                "mpstudy: progress: [1/2] Epoch 1/1  step 1/4  loss: 2.3026 - accuracy: 0.1250  elapsed 10s  ETA 1m10s (all 2 runs)\n",
                "mpstudy: progress: [1/2] Epoch 1/1  step 3/4  loss: 2.3026 - accuracy: 0.1250  elapsed 12s  ETA 52s (all 2 runs)\n",
                "mpstudy: progress: [1/2] Epoch 1/1  step 4/4  loss: 2.3026 - accuracy: 0.1250  elapsed 12s  ETA 48s (all 2 runs)\n",
                "mpstudy: progress: [2/2] Epoch 1/1  step 1/4  loss: 2.3026 - accuracy: 0.1250  elapsed 25s  ETA 6s (all 2 runs)\n",
            ])
        #expect(runs.finished == [11.6])
    }

    /// One run (train): no run prefix, no "(all runs)", and phases shown at once.
    @Test func oneTrainingRun() {
        let clock = ManualClock()
        let runs = TrainingRuns(count: 1, display: clock.display(.lines, lineInterval: 1))
        let printer = runs.printer(run: 0)
        clock.now = 3
        printer.show(
            StepFigures(
                epoch: 2, epochs: 5, step: 6, stepsPerEpoch: 6, loss: 0.41234, accuracy: 0.87655,
                runRemainingSeconds: 190))
        printer.status("evaluating the test set...")
        #expect(
            clock.output == [
                "mpstudy: progress: Epoch 2/5  step 6/6  loss: 0.4123 - accuracy: 0.8766  elapsed 3s  ETA 3m10s\n",
                "mpstudy: progress: evaluating the test set...\n",
            ])
    }

    /// A warning on a terminal removes the live line first and stands on its own line.
    @Test func warningClearsTheLiveLine() {
        let clock = ManualClock()
        let display = clock.display(.live)
        display.update { _ in "step 3/6" }
        display.message("mpstudy: warning: training diverged")
        #expect(clock.output == ["\r\u{1B}[Kstep 3/6", "\r\u{1B}[K", "mpstudy: warning: training diverged\n"])
    }
}

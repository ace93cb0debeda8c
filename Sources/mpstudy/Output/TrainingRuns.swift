/// The trainings one command runs, one after another (one for `train`, one per policy for
/// `analyze --compare`): their display, when they began, and how long the finished ones took,
/// so that every step line's ETA covers the whole command.
final class TrainingRuns {
    let count: Int
    let display: ProgressDisplay
    /// When the first training began, on the display's clock.
    let start: Double
    /// Durations of the finished runs, in order.
    private(set) var finished: [Double] = []
    /// When the current run began.
    private var runStart: Double

    /// `count` trainings shown on `display` (default: standard error, live on a terminal,
    /// lines elsewhere); the clock starts now.
    init(count: Int, display: ProgressDisplay = ProgressDisplay(lineInterval: TrainingProgressPrinter.lineInterval)) {
        self.count = count
        self.display = display
        start = display.clock()
        runStart = start
    }

    /// The printer of run `index` (from 0), which starts now.
    func printer(run index: Int, divergenceNote: String = "") -> TrainingProgressPrinter {
        runStart = display.clock()
        return TrainingProgressPrinter(runs: self, index: index, divergenceNote: divergenceNote)
    }

    /// The current run ended: removes the live line and records how long the run took.
    func runFinished() {
        display.clear()
        finished.append(display.clock() - runStart)
    }

    /// Seconds left in the command at time `now`, during run `index`, whose trainer expects
    /// `runRemaining` more (``ProgressEstimate/remainingSeconds(runs:index:elapsed:remaining:finished:)``).
    func remainingSeconds(run index: Int, runRemaining: Double, now: Double) -> Double {
        ProgressEstimate.remainingSeconds(
            runs: count, index: index, elapsed: now - runStart,
            remaining: runRemaining, finished: finished)
    }
}

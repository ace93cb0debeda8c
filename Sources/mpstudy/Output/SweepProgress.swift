import Foundation

/// The progress of one `verify` sweep (a random check, an exhaustive sweep, a kernel sweep):
/// cases done of a known total, told by the worker threads as their chunks end, shown on a
/// ``ProgressDisplay`` as
/// `[3/29] binary16 add every pair: 1,207,959,552/4,294,967,296 cases (28%), elapsed 51s, ETA 2m10s`.
///
/// The first line in ``ProgressDisplay/Mode/lines`` comes one interval after the sweep starts,
/// so a sweep shorter than that prints only its result.
final class SweepProgress: @unchecked Sendable {
    /// What the line calls the sweep, its position among the command's sweeps included.
    let name: String
    /// The cases the sweep checks in all.
    let total: Int
    /// What a case is called in the line: `cases`, `inputs`.
    let unit: String
    let display: ProgressDisplay
    /// When the sweep started, on the display's clock.
    let start: Double
    /// Also held while the display is updated, so the counts shown only grow.
    private let lock = NSLock()
    private var done = 0

    /// Starts the sweep's clock and interval now.
    init(name: String, total: Int, unit: String = "cases", display: ProgressDisplay) {
        self.name = name
        self.total = total
        self.unit = unit
        self.display = display
        start = display.clock()
        display.restartInterval()
    }

    /// Counts `cases` more as done (from any thread) and shows the line when it is due.
    func advance(by cases: Int) {
        lock.lock()
        defer { lock.unlock() }
        done += cases
        let done = done
        display.update { now in self.line(done: done, now: now) }
    }

    /// The progress line after `done` cases at time `now`.
    func line(done: Int, now: Double) -> String {
        let elapsed = max(0, now - start)
        return "\(name): \(ProgressEstimate.fraction(done: done, total: total, unit: unit)), "
            + "elapsed \(ProgressEstimate.duration(elapsed)), "
            + ProgressEstimate.eta(ProgressEstimate.remainingSeconds(done: done, total: total, elapsed: elapsed))
    }

    /// Removes the live line: the sweep's result lines come next.
    func finish() { display.clear() }
}

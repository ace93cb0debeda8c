import NeuralNet
import _MPStudySupport

/// The arithmetic and wording of progress lines: how long is left, and how far along.
/// Plain functions of their arguments (no clock), so tests check them with made-up numbers.
enum ProgressEstimate {
    /// Seconds left when `done` of `total` units took `elapsed` seconds and the rest goes at
    /// the same pace: `elapsed · (total − done) / done`. Nil before the first unit is done
    /// (there is no pace to go by yet).
    static func remainingSeconds(done: Int, total: Int, elapsed: Double) -> Double? {
        guard done > 0, elapsed.isFinite, elapsed >= 0 else { return nil }
        return elapsed * Double(max(0, total - done)) / Double(done)
    }

    /// Seconds left in a command that trains `runs` models one after another (`analyze
    /// --compare`), during run `index` (from 0), which has run `elapsed` seconds and needs
    /// `remaining` more by its own estimate (the trainer's: steps left at the mean step time,
    /// the validation and test passes).
    ///
    /// Each run after the current one is counted as a typical run: the mean duration of the
    /// runs that finished (`finished`) and of the current run's projected total (`elapsed +
    /// remaining`). The runs share the data, sizes and seed and differ in the policy, whose
    /// cost per step is not known before it runs; the mean of what was seen is the best guess,
    /// and it is corrected as each run ends.
    static func remainingSeconds(runs: Int, index: Int, elapsed: Double, remaining: Double, finished: [Double])
        -> Double
    {
        let current = max(0, elapsed) + max(0, remaining)
        let typical = (finished.reduce(0, +) + current) / Double(finished.count + 1)
        return max(0, remaining) + Double(max(0, runs - index - 1)) * typical
    }

    /// `ETA 1m02s`, or `ETA ?` when there is no estimate yet.
    static func eta(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "ETA ?" }
        return "ETA " + duration(seconds)
    }

    /// A duration as Keras-style progress shows it: `1h02m`, `3m07s`, `42s`.
    static func duration(_ seconds: Double) -> String { KerasFormat.duration(seconds) }

    /// `1,234/5,678 cases (21%)`: the counts grouped in threes, the percentage rounded down (so
    /// 100% means done).
    static func fraction(done: Int, total: Int, unit: String) -> String {
        let percent = total > 0 ? min(100, max(0, done) * 100 / total) : 100
        return
            "\(DecimalText.grouped(UInt64(max(0, done))))/\(DecimalText.grouped(UInt64(max(0, total)))) \(unit) (\(percent)%)"
    }
}

import Dispatch
import SoftFloat
import _MPStudySupport

extension DifferentialReport {
    /// Runs `parts` independent pieces of a check, `threads` at a time (default: every core),
    /// and merges their reports in part order (so the kept mismatches do not depend on
    /// scheduling or the thread count), timing the whole.
    ///
    /// `progress`, if given, is told the cases of every part as soon as the part ends, from the
    /// thread that ran it (so it must be safe to call concurrently): the sweep's progress line.
    ///
    /// The runtime format bound around the call (``RuntimeFormat/bound``) is bound again in
    /// every worker, which would not see it otherwise, so checks of `RuntimeFormatSlot` run
    /// in parallel like the others.
    public static func gathered(
        parts: Int, threads: Int = ParallelChunks.availableCores,
        progress: (@Sendable (_ cases: Int) -> Void)? = nil,
        _ part: (Int) -> DifferentialReport
    ) -> DifferentialReport {
        let start = DispatchTime.now()
        let runtimeFormat = RuntimeFormat.bound
        let reports = ParallelChunks(threads: threads).mapChunks(count: parts, chunkSize: 1) { range in
            let report = RuntimeFormat.withBinding(runtimeFormat) { part(range.lowerBound) }
            progress?(report.cases)
            return report
        }
        var total = DifferentialReport()
        for r in reports { total.merge(r) }
        total.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return total
    }
}

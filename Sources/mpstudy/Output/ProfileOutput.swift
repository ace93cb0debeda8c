import NeuralNet

/// The `--profile` table of `train` and `analyze`: the steps' time split (``ProfileReport``)
/// with the machine's FMA peak, measured here, after training, on as many threads as the
/// steps used (measured after, not before, so that it does not delay the run's first output;
/// a fraction of a second).
enum ProfileOutput {
    /// Measures the peak of `threads` threads and prints the report's lines.
    static func print(_ report: ProfileReport, threads: Int) {
        var report = report
        report.peak = FMAPeak.measure(threads: threads)
        report.lines.forEach { Swift.print($0) }
        flushStandardOutput()
    }
}

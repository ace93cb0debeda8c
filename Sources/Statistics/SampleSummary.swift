//===--- SampleSummary.swift ----------------------------------------------===//
//
// Mean, standard deviation and the t confidence interval of one sample.
//
//===----------------------------------------------------------------------===//

/// What a study says about one number measured over several runs: how many, the mean, the
/// sample standard deviation and a two-sided confidence interval for the mean.
///
/// The interval is Student's t: `mean ± t(1 - α/2, n - 1) · s / √n`. It assumes the runs are
/// independent draws of a roughly normal quantity (seeds give independent runs; test
/// accuracy over seeds is close to normal unless some runs fail, and failed runs are listed
/// apart, never averaged in). It is nil for fewer than two values: one run says nothing about
/// the spread.
public struct SampleSummary: Sendable, Equatable, Codable {
    public let count: Int
    public let mean: Double
    /// Sample standard deviation (divisor n - 1); nil for fewer than two values.
    public let standardDeviation: Double?
    /// The confidence level of ``interval`` (0.95).
    public let level: Double
    /// The t interval for the mean; nil for fewer than two values.
    public let interval: ClosedRange<Double>?

    /// The summary of `values` (at least one, all finite) at confidence `level` in (0, 1).
    public init(_ values: [Double], level: Double = 0.95) {
        precondition(!values.isEmpty, "SampleSummary: no values")
        precondition(level > 0 && level < 1, "SampleSummary: level must be in (0, 1)")
        count = values.count
        self.level = level
        // Two-pass mean and sum of squares about it: no cancellation for values close together
        // (test accuracies agree in their first two digits).
        let mean = values.reduce(0, +) / Double(values.count)
        self.mean = mean
        guard values.count > 1 else {
            standardDeviation = nil
            interval = nil
            return
        }
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let sd = (squares / Double(values.count - 1)).squareRoot()
        standardDeviation = sd
        let t = StudentT(degreesOfFreedom: Double(values.count - 1)).quantile(1 - (1 - level) / 2)
        let half = t * sd / Double(values.count).squareRoot()
        interval = (mean - half)...(mean + half)
    }
}

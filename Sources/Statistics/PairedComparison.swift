//===--- PairedComparison.swift -------------------------------------------===//
//
// Paired differences between two configurations at equal seeds, and what they support.
//
//===----------------------------------------------------------------------===//

/// The difference `a - b` of one number between two configurations run at the same seeds:
/// the t interval of the mean difference and the signed-rank test, and the plain-words
/// verdict the two allow.
public struct PairedComparison: Sendable, Equatable, Codable {
    /// The differences a - b, one per seed present (and not failed) in both.
    public let differences: [Double]
    /// Mean difference with its t interval (nil interval for fewer than two pairs).
    public let summary: SampleSummary
    public let signedRank: WilcoxonSignedRank

    public init(differences: [Double], level: Double = 0.95) {
        precondition(!differences.isEmpty, "PairedComparison: no pairs")
        self.differences = differences
        summary = SampleSummary(differences, level: level)
        signedRank = WilcoxonSignedRank(differences: differences)
    }

    /// What the data support about the sign of the difference.
    public enum Verdict: String, Sendable, Codable {
        /// The interval lies above 0.
        case higher
        /// The interval lies below 0.
        case lower
        /// The interval contains 0 (or there are too few pairs for one).
        case undetermined
    }

    /// From the confidence interval alone (the signed-rank p-value is reported beside it; the
    /// verdict does not shop between the two).
    public var verdict: Verdict {
        guard let interval = summary.interval else { return .undetermined }
        if interval.lowerBound > 0 { return .higher }
        if interval.upperBound < 0 { return .lower }
        return .undetermined
    }
}

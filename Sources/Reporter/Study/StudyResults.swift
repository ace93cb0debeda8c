//===--- StudyResults.swift -----------------------------------------------===//
//
// A study's statistics: per configuration, and paired between policies at equal seeds.
//
//===----------------------------------------------------------------------===//

import Analyzer
import Statistics
import _MPStudySupport

/// Everything `mpstudy study` concludes from the runs of a study.
///
/// Statistics are over the complete runs only; diverged and failed runs are counted per
/// configuration and listed in ``runs``, never dropped silently. Intervals are Student's t at
/// 95% (``SampleSummary``); paired differences use the seeds complete in both configurations,
/// with the signed-rank test beside the interval (``PairedComparison``).
public struct StudyResults: Sendable, Equatable, Codable {
    /// Every run of the grid, in grid order.
    public var runs: [StudyRunResult]
    public var configurations: [ConfigurationResult]
    public var differences: [PolicyDifference]

    /// One configuration (a grid point without the seed).
    public struct ConfigurationResult: Sendable, Equatable, Codable {
        public var configuration: String
        public var policy: String
        public var runs: Int
        public var complete: Int
        public var diverged: Int
        public var failed: Int
        public var testAccuracy: SampleSummary?
        public var testLoss: SampleSummary?
        public var finalLoss: SampleSummary?
        /// Mean time per training step of the complete runs, analysis included.
        public var millisecondsPerStep: SampleSummary?
        /// Per layer, over the runs that recorded it (complete and diverged: a diverged run's
        /// fractions up to its divergence are part of what the policy did).
        public var layers: [LayerSummary]
    }

    /// The flushed, overflowed and subnormal fractions of one layer across runs.
    public struct LayerSummary: Sendable, Equatable, Codable {
        public var layer: String
        public var flushed: SampleSummary
        public var overflowed: SampleSummary
        public var subnormal: SampleSummary
    }

    /// `configuration` minus `baseline`, in test accuracy, at equal seeds.
    public struct PolicyDifference: Sendable, Equatable, Codable {
        public var configuration: String
        public var baseline: String
        public var seeds: [UInt64]
        public var comparison: PairedComparison
        /// The sentence the numbers support.
        public var conclusion: String
    }

    /// The statistics of `results` (one per run of `grid`, in grid order).
    public init(grid: StudyGrid, results: [StudyRunResult]) { self.init(grids: [grid], results: results) }

    /// The statistics of `results` (one per run of the grids, in ``StudyFile/runs(of:)`` order).
    public init(grids: [StudyGrid], results: [StudyRunResult]) {
        runs = results
        let runsOfGrid = StudyFile.runs(of: grids)
        var order: [String] = []
        for run in runsOfGrid where !order.contains(run.configuration) { order.append(run.configuration) }
        configurations = order.map { name in
            let members = results.filter { $0.configuration == name }
            let complete = members.filter { $0.status == .complete }
            func summary(_ values: [Double]) -> SampleSummary? { values.isEmpty ? nil : SampleSummary(values) }
            var layerNames: [String] = []
            for run in members {
                for layer in run.layers where !layerNames.contains(layer.layer) { layerNames.append(layer.layer) }
            }
            let layers: [LayerSummary] = layerNames.compactMap { layer in
                let fractions = members.filter { $0.status != .failed }.compactMap { run in
                    run.layers.first { $0.layer == layer }
                }
                guard !fractions.isEmpty else { return nil }
                return LayerSummary(
                    layer: layer, flushed: SampleSummary(fractions.map(\.flushed)),
                    overflowed: SampleSummary(fractions.map(\.overflowed)),
                    subnormal: SampleSummary(fractions.map(\.subnormal)))
            }
            return ConfigurationResult(
                configuration: name, policy: members.first?.policy ?? "", runs: members.count,
                complete: complete.count, diverged: members.filter { $0.status == .diverged }.count,
                failed: members.filter { $0.status == .failed }.count,
                testAccuracy: summary(complete.compactMap(\.testAccuracy)),
                testLoss: summary(complete.compactMap(\.testLoss)),
                finalLoss: summary(complete.compactMap(\.finalLoss)),
                millisecondsPerStep: summary(complete.compactMap(\.millisecondsPerStep)),
                layers: layers)
        }
        var policies: [String] = []
        for run in runsOfGrid where !policies.contains(run.policy) { policies.append(run.policy) }
        differences = Self.differences(policies: policies, runs: runsOfGrid, results: results)
    }

    /// Each policy against the baseline policy (float32 when the grid has it, else its first
    /// policy), at every other grid point, paired by seed.
    static func differences(policies: [String], runs: [StudyRun], results: [StudyRunResult]) -> [PolicyDifference] {
        guard policies.count > 1 else { return [] }
        let baseline = policies.contains("float32") ? "float32" : policies[0]
        var byID: [String: StudyRunResult] = [:]
        for result in results { byID[result.id] = result }
        // A run's partner: the same options with the baseline policy.
        var partnerID: [String: String] = [:]
        var index: [String: String] = [:]
        for run in runs where run.policy == baseline { index[Self.key(run)] = run.id }
        for run in runs where run.policy != baseline {
            var key = run
            key.policy = baseline
            partnerID[run.id] = index[Self.key(key)]
        }
        var differences: [PolicyDifference] = []
        var seen: [String] = []
        for run in runs where run.policy != baseline && !seen.contains(run.configuration) {
            seen.append(run.configuration)
            let members = runs.filter { $0.configuration == run.configuration }
            var seeds: [UInt64] = []
            var values: [Double] = []
            var baselineConfiguration = ""
            for member in members {
                guard let partner = partnerID[member.id], let other = byID[partner], let mine = byID[member.id] else {
                    continue
                }
                baselineConfiguration = other.configuration
                guard let a = mine.testAccuracy, let b = other.testAccuracy else { continue }
                seeds.append(member.seed)
                values.append(a - b)
            }
            guard !values.isEmpty else { continue }
            let comparison = PairedComparison(differences: values)
            differences.append(
                PolicyDifference(
                    configuration: run.configuration, baseline: baselineConfiguration, seeds: seeds,
                    comparison: comparison,
                    conclusion: Self.conclusion(run.configuration, baselineConfiguration, comparison)))
        }
        return differences
    }

    /// The run's options without its policy's name: pairs runs across policies.
    private static func key(_ run: StudyRun) -> String {
        "\(run.policy)|\(run.seed)|\(run.lossScale ?? "-")|\(run.units)|\(run.epochs)|\(run.batchSize)|\(run.learningRate)"
    }

    /// "mixed_float16 minus float32: +0.40 points, 95% CI [-1.20, +2.00], n = 10 paired seeds,
    /// signed-rank p = 0.43: no detectable difference".
    static func conclusion(_ name: String, _ baseline: String, _ comparison: PairedComparison) -> String {
        let summary = comparison.summary
        let n = summary.count
        var text = "\(name) minus \(baseline) in test accuracy: \(points(summary.mean, signed: true)) points"
        if let interval = summary.interval {
            text +=
                ", 95% CI [\(points(interval.lowerBound, signed: true)), \(points(interval.upperBound, signed: true))]"
        }
        text += ", n = \(n) paired seed\(n == 1 ? "" : "s")"
        text += ", signed-rank p = \(pValue(comparison.signedRank.pValue))"
        switch comparison.verdict {
        case .higher:
            text +=
                ": \(name) scores higher, by \(points(summary.interval!.lowerBound)) to \(points(summary.interval!.upperBound)) points"
        case .lower:
            text +=
                ": \(name) scores lower, by \(points(-summary.interval!.upperBound)) to \(points(-summary.interval!.lowerBound)) points"
        case .undetermined:
            text += n < 2 ? ": too few paired seeds to say anything" : ": no detectable difference"
        }
        return text
    }

    /// A fraction as percentage points with two decimals (`+0.40`, `-1.25`).
    static func points(_ fraction: Double, signed: Bool = false) -> String {
        let value = fraction * 100
        let text = DecimalText.fixed(abs(value), decimals: 2)
        if text == "0.00" { return signed ? "±0.00" : "0.00" }
        if value < 0 { return "-" + text }
        return signed ? "+" + text : text
    }

    /// Two significant digits (`0.43`, `0.0078`), `< 0.0001` below that.
    static func pValue(_ p: Double) -> String {
        if p < 0.0001 { return "< 0.0001" }
        return ReportNumber.significant(p, digits: 2)
    }
}

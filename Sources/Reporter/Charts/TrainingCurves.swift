//===--- TrainingCurves.swift ---------------------------------------------===//
//
// Loss, accuracy and loss scale over the training steps, one line per compared policy.
//
//===----------------------------------------------------------------------===//

import Analyzer

/// The per-step curves of a run: with `--compare` one per policy (from the comparison rows,
/// which carry every step's metrics), otherwise the run's own steps.
struct TrainingCurves: Sendable {
    /// One policy's steps.
    struct Curve: Sendable {
        var label: String
        var lossScaling: String
        /// (1-based step, metrics).
        var steps: [(step: Int, metrics: StepMetrics)]
        var epochs: [EpochRecord]
        var divergence: Divergence?

        /// (the step that ends each epoch, its validation metrics).
        var validation: [(step: Int, metrics: MetricsRecord)] {
            var end = 0
            return epochs.compactMap { e in
                end += e.steps
                return e.validation.map { (end, $0) }
            }
        }
    }

    var curves: [Curve]

    init(_ run: RunRecord) {
        if run.comparison.isEmpty {
            curves = [
                Curve(
                    label: run.settings.policy, lossScaling: run.settings.lossScaling.shortName,
                    steps: run.steps.compactMap { s in s.metrics.map { (s.step, $0) } },
                    epochs: run.epochs, divergence: run.divergence)
            ]
        } else {
            let names = run.comparison.map(\.policy)
            curves = run.comparison.map { row in
                let repeated = names.filter { $0 == row.policy }.count > 1
                return Curve(
                    label: repeated ? "\(row.policy) (\(row.lossScaling))" : row.policy, lossScaling: row.lossScaling,
                    steps: row.stepMetrics.enumerated().map { ($0.offset + 1, $0.element) },
                    epochs: row.epochs, divergence: row.divergence)
            }
        }
    }

    /// Whether any curve has a step to draw.
    var hasSteps: Bool { curves.contains { !$0.steps.isEmpty } }

    private var isComparison: Bool { curves.count > 1 }

    // MARK: Loss and accuracy

    /// Policies often train almost alike: earlier lines are drawn wider, so that each later,
    /// narrower line on top leaves the ones below visible at its edges.
    private func lineWidth(_ index: Int) -> Double { 2 + 1.6 * Double(curves.count - 1 - index) }

    /// Batch loss per step, validation loss as dots; a log axis when the loss spans more than
    /// two decades (a run blowing up before it diverged).
    func lossChart() -> String {
        let finite = curves.flatMap { $0.steps.map(\.metrics.loss) + $0.validation.map(\.metrics.loss) }.filter {
            $0.isFinite && $0 > 0
        }
        let logAxis = (finite.max() ?? 1) > 100 * (finite.min() ?? 1)
        return metricChart(
            title: "Loss per training step", quantity: "batch loss", yTitle: "loss (cross-entropy, nats)",
            yAxis: logAxis ? .log10 : .linear(includeZero: true, upperLimit: nil, percent: false),
            value: \.loss, validation: \.loss)
    }

    /// Batch accuracy per step, validation accuracy as dots.
    func accuracyChart() -> String {
        metricChart(
            title: "Accuracy per training step", quantity: "batch accuracy", yTitle: "accuracy (% of the batch)",
            yAxis: .linear(includeZero: false, upperLimit: 1, percent: true),
            value: \.accuracy, validation: \.accuracy)
    }

    private func metricChart(
        title: String, quantity: String, yTitle: String, yAxis: LineChart.YAxis,
        value: KeyPath<StepMetrics, Double>, validation: KeyPath<MetricsRecord, Double>
    ) -> String {
        var legend: [LegendItem] = []
        var series: [LineChart.Series] = []
        var marks: [LineChart.Marks] = []
        var notes: [String] = []
        for (i, c) in curves.enumerated() {
            let color = ChartPalette.series(i)
            let width = lineWidth(i)
            series.append(
                LineChart.Series(
                    color: color, width: width,
                    points: c.steps.map { (Double($0.step), $0.metrics[keyPath: value]) }))
            marks.append(
                LineChart.Marks(
                    shape: .dot, color: color, radius: 3 + width,
                    points: c.validation.map { (Double($0.step), $0.metrics[keyPath: validation]) }))
            if isComparison {
                legend.append(LegendItem(symbol: .line(color: color, width: width, dash: nil), label: c.label))
            }
            let nonFinite = c.steps.filter { !$0.metrics[keyPath: value].isFinite }.map(\.step)
            if let first = nonFinite.first {
                notes.append(
                    "\(c.label): \(quantity) not finite at \(nonFinite.count == 1 ? "step \(first)" : "\(nonFinite.count) steps from step \(first)") (not drawn)."
                )
            }
            if c.steps.isEmpty { notes.append("\(c.label): no step recorded.") }
            if let d = c.divergence { notes.append("\(c.label) diverged at step \(d.step): \(d.reason).") }
        }
        let hasValidation = marks.contains { !$0.points.isEmpty }
        if hasValidation {
            legend.append(
                LegendItem(
                    symbol: .dot(color: isComparison ? ChartPalette.neutral : ChartPalette.series(0)),
                    label: "validation, end of epoch"))
        }
        if !isComparison && !legend.isEmpty {
            legend.insert(
                LegendItem(
                    symbol: .line(color: ChartPalette.series(0), width: 2, dash: nil),
                    label: "\(quantity), \(curves[0].label)"), at: 0)
        }
        let subtitle =
            isComparison
            ? "\(quantity) of every step, one line per policy (same seed, data and settings)"
            : "\(quantity) of every step under \(curves.first?.label ?? "the policy")"
        let frame = ChartFrame(title: title, subtitle: subtitle, legend: legend, notes: notes)
        let chart = LineChart(
            frame: frame, xTitle: "training step", yTitle: yTitle, yAxis: yAxis, series: series,
            marks: marks, events: divergenceEvents)
        return chart.svg()
    }

    /// A dashed line at each divergence step.
    private var divergenceEvents: [LineChart.EventLine] {
        curves.enumerated().compactMap { i, c in
            c.divergence.map { d in
                LineChart.EventLine(
                    x: Double(d.step), label: (isComparison ? "\(c.label) " : "") + "diverged at step \(d.step)",
                    color: isComparison ? ChartPalette.series(i) : ChartPalette.alert)
            }
        }
    }

    // MARK: Loss scale

    /// The loss scale of every step on a log2 axis, skipped steps as crosses. Policies whose
    /// scales are identical on every step share one line (float32 and bfloat16 both stay at 1).
    func lossScaleChart() -> String {
        var groups: [(labels: [String], scaling: [String], scales: [(step: Int, scale: Float)], color: Int)] = []
        for (i, c) in curves.enumerated() {
            let scales = c.steps.map { ($0.step, $0.metrics.lossScale) }
            if let g = groups.firstIndex(where: { $0.scales.elementsEqual(scales, by: { $0 == $1 }) }) {
                groups[g].labels.append(c.label)
                groups[g].scaling.append(c.lossScaling)
            } else {
                groups.append(([c.label], [c.lossScaling], scales, i))
            }
        }
        var legend: [LegendItem] = []
        var series: [LineChart.Series] = []
        for g in groups {
            let color = ChartPalette.series(g.color)
            let scaling = Array(Set(g.scaling)).sorted().joined(separator: ", ")
            series.append(
                LineChart.Series(
                    color: color, width: lineWidth(g.color),
                    points: g.scales.map { (Double($0.step), Double($0.scale)) }, stepped: true))
            if isComparison {
                legend.append(
                    LegendItem(
                        symbol: .line(color: color, width: lineWidth(g.color), dash: nil),
                        label: g.labels.joined(separator: ", ") + " (\(scaling))"))
            }
        }
        let skipped = curves.flatMap { c in
            c.steps.filter(\.metrics.skipped).map { (Double($0.step), Double($0.metrics.lossScale)) }
        }
        if !skipped.isEmpty {
            if !isComparison {
                legend.append(
                    LegendItem(symbol: .line(color: ChartPalette.series(0), width: 2, dash: nil), label: "loss scale"))
            }
            legend.append(
                LegendItem(
                    symbol: .cross(color: ChartPalette.alert),
                    label: "skipped step (gradients not finite; scale halved)"))
        }
        var notes: [String] = []
        let all = curves.flatMap { $0.steps.map(\.metrics.lossScale) }
        if !all.isEmpty && all.allSatisfy({ $0 == 1 }) {
            notes.append(
                "The loss scale is 1 on every step: "
                    + (isComparison ? "no policy scaled its loss." : "loss scaling \(curves[0].lossScaling)."))
        } else if !isComparison, let c = curves.first {
            notes.append(
                "Loss scaling \(c.lossScaling); \(skipped.count) skipped step\(skipped.count == 1 ? "" : "s").")
        }
        let frame = ChartFrame(
            title: "Loss scale per training step",
            subtitle: isComparison
                ? "the factor each policy multiplied its loss by before the backward pass"
                : "the factor \(curves.first?.label ?? "the run") multiplied its loss by before the backward pass",
            legend: legend, notes: notes)
        let chart = LineChart(
            frame: frame, xTitle: "training step", yTitle: "loss scale (log₂ axis)", yAxis: .log2, series: series,
            marks: [LineChart.Marks(shape: .cross, color: ChartPalette.alert, points: skipped)],
            events: divergenceEvents)
        return chart.svg()
    }
}

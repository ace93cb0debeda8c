//===--- StudyStripChart.swift --------------------------------------------===//
//
// Test accuracy of every run of a study, one column per configuration, with its interval.
//
//===----------------------------------------------------------------------===//

/// A strip plot: for each configuration a column of dots (one per complete run, spread
/// sideways by seed order so equal values stay visible), the mean as a bar and the 95% t
/// interval as a vertical line with caps. Diverged and failed runs are counted under the
/// column, not drawn.
struct StudyStripChart: Sendable {
    let results: StudyResults
    let name: String

    var svg: String {
        let configurations = results.configurations
        let width = max(640.0, 140.0 + 120.0 * Double(configurations.count))
        let frame = ChartFrame(
            width: width, height: 460, title: "Test accuracy per configuration: \(name)",
            subtitle: "Dots: runs (seeds). Bar: mean. Line: 95% confidence interval of the mean (t).",
            legend: [], notes: [])
        var svg = frame.document()
        var plot = frame.plot
        plot.bottom -= 16  // room for the run counts under the labels
        let values =
            results.runs.compactMap(\.testAccuracy)
            + configurations.compactMap { $0.testAccuracy?.interval }.flatMap { [$0.lowerBound, $0.upperBound] }
        let low = values.min() ?? 0
        let high = values.max() ?? 1
        var domain = ChartScale.niceDomain(
            low == high ? low - 0.01 : low, low == high ? high + 0.01 : high, maxCount: 6)
        if domain.upperBound > 1 && domain.lowerBound < 1 { domain = domain.lowerBound...1 }
        let y = ChartScale(
            .linear, lower: domain.lowerBound, upper: domain.upperBound, start: plot.bottom, end: plot.top)
        ChartAxis.left(
            &svg, plot: plot, scale: y, ticks: ChartAxis.linearTicks(y.ticks(maxCount: 6), percent: true),
            title: "test accuracy")
        svg.line(
            x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom, .stroked(ChartAxis.axisColor),
            class: "axis")
        let column = plot.width / Double(max(1, configurations.count))
        for (index, configuration) in configurations.enumerated() {
            let center = plot.left + column * (Double(index) + 0.5)
            let color = ChartPalette.series(index)
            let runs = results.runs.filter { $0.configuration == configuration.configuration }
            let complete = runs.filter { $0.testAccuracy != nil }
            for (k, run) in complete.enumerated() {
                guard let accuracy = run.testAccuracy, y.contains(accuracy) else { continue }
                let spread =
                    complete.count > 1 ? (Double(k) / Double(complete.count - 1) - 0.5) * min(40, column * 0.4) : 0
                svg.circle(
                    x: center + spread, y: y.position(accuracy), radius: 4,
                    SVGPaint(fill: color, stroke: "#ffffff", strokeWidth: 1, opacity: 0.75), class: "run")
            }
            if let summary = configuration.testAccuracy {
                if let interval = summary.interval {
                    let top = y.clampedPosition(interval.upperBound)
                    let bottom = y.clampedPosition(interval.lowerBound)
                    let x = center + min(40, column * 0.4) / 2 + 12
                    svg.line(x1: x, y1: top, x2: x, y2: bottom, .stroked("#222222", width: 1.6), class: "interval")
                    svg.line(x1: x - 5, y1: top, x2: x + 5, y2: top, .stroked("#222222", width: 1.6), class: "interval")
                    svg.line(
                        x1: x - 5, y1: bottom, x2: x + 5, y2: bottom, .stroked("#222222", width: 1.6), class: "interval"
                    )
                }
                let mean = y.clampedPosition(summary.mean)
                svg.line(
                    x1: center - min(40, column * 0.4) / 2 - 6, y1: mean, x2: center + min(40, column * 0.4) / 2 + 18,
                    y2: mean, .stroked("#222222", width: 2.4), class: "mean")
            }
            svg.text(configuration.configuration, x: center, y: plot.bottom + 18, .sized(12, .middle), class: "tick")
            var counts = "n = \(configuration.complete)"
            if configuration.diverged > 0 { counts += ", \(configuration.diverged) diverged" }
            if configuration.failed > 0 { counts += ", \(configuration.failed) failed" }
            svg.text(counts, x: center, y: plot.bottom + 34, .sized(11, .middle, color: "#555555"), class: "count")
        }
        return svg.text
    }
}

//===--- ErrorBudgetChart.swift -------------------------------------------===//
//
// The GEMM error budget as stacked bars: the operands' part and the accumulation's.
//
//===----------------------------------------------------------------------===//

/// One stacked bar per layer and GEMM: the median relative error due to the operands
/// (quantised, or cast to the compute format) below, the median due to float32 accumulation
/// above, averaged over the checked steps, on a linear axis in a power of ten chosen from the
/// tallest bar (× 10⁻³ ...). The bars stack the two medians (each part's typical size), not
/// the median of their sum.
struct ErrorBudgetChart: Sendable {
    let budgets: [ErrorBudgetTotals]

    static let operandColor = ChartPalette.series(1)
    static let accumulationColor = ChartPalette.series(0)

    func svg() -> String {
        let raw = budgets.map { b -> (layer: String, gemm: String, operands: Double, accumulation: Double) in
            let n = Double(max(b.checks, 1))
            return (b.layer, b.gemm.rawValue, b.quantizationMedianSum / n, b.accumulationMedianSum / n)
        }
        // The axis counts in 10^exponent so that its labels stay short at any size.
        let tallest = raw.map { $0.operands + $0.accumulation }.filter(\.isFinite).max() ?? 0
        let exponent = tallest > 0 ? Int(ChartScale.logarithm(tallest, base: 10).rounded(.down)) : 0
        let factor = ChartScale.power(10, -exponent)
        let bars = raw.map { b in
            (
                layer: b.layer, gemm: b.gemm, operands: Self.finite(b.operands * factor),
                accumulation: Self.finite(b.accumulation * factor)
            )
        }
        let frame = ChartFrame(
            title: "GEMM error budget",
            subtitle: "median relative error of sampled output entries against the exact product (MPFR)",
            legend: [
                LegendItem(
                    symbol: .swatch(fill: Self.operandColor, stroke: nil), label: "operands (quantisation or cast)"),
                LegendItem(symbol: .swatch(fill: Self.accumulationColor, stroke: nil), label: "float32 accumulation"),
            ],
            notes: [
                "Each bar stacks the two parts' medians over the checked steps; the accumulation part is "
                    + (bars.allSatisfy { $0.accumulation < 0.01 * max($0.operands, 1e-300) }
                        ? "under 1% of the operands' part in every GEMM, so it barely shows."
                        : "drawn above the operands' part.")
            ])
        var svg = frame.document()
        let plot = frame.plot
        let high = bars.map { $0.operands + $0.accumulation }.max() ?? 1
        let domain = ChartScale.niceDomain(0, high > 0 ? high : 1, maxCount: 6)
        let y = ChartScale(.linear, lower: 0, upper: domain.upperBound, start: plot.bottom, end: plot.top)
        ChartAxis.left(
            &svg, plot: plot, scale: y, ticks: ChartAxis.linearTicks(y.ticks(maxCount: 6)),
            title: "median relative error" + (exponent == 0 ? "" : " (× \(SVGNumber.power(10, exponent)))"))
        svg.line(
            x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom, .stroked(ChartAxis.axisColor),
            class: "axis")
        guard !bars.isEmpty else { return svg.text }
        let slot = plot.width / Double(bars.count)
        let width = min(60, slot * 0.6)
        for (i, bar) in bars.enumerated() {
            let x = plot.left + slot * (Double(i) + 0.5)
            let top = y.position(bar.operands)
            svg.rect(
                x: x - width / 2, y: top, width: width, height: plot.bottom - top,
                SVGPaint(fill: Self.operandColor), class: "bar")
            let upper = y.position(bar.operands + bar.accumulation)
            svg.rect(
                x: x - width / 2, y: upper, width: width, height: top - upper,
                SVGPaint(fill: Self.accumulationColor), class: "bar")
            svg.text(bar.gemm, x: x, y: plot.bottom + 18, .sized(ChartAxis.tickSize, .middle), class: "tick")
            svg.text(
                bar.layer, x: x, y: plot.bottom + 34, .sized(11, .middle, color: ChartPalette.neutral), class: "tick")
        }
        return svg.text
    }

    /// A NaN median (no finite sample) draws as no bar.
    static func finite(_ x: Double) -> Double { x.isFinite ? x : 0 }
}

//===--- ChartAxis.swift --------------------------------------------------===//
//
// The plot rectangle, and the axes drawn along it: ticks, tick labels, grid, titles.
//
//===----------------------------------------------------------------------===//

/// The rectangle the data is drawn in, in pixels.
struct PlotArea: Sendable, Equatable {
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double

    var width: Double { right - left }
    var height: Double { bottom - top }
}

/// A tick: where (a data value) and what it says.
struct ChartTick: Sendable, Equatable {
    var value: Double
    var label: String
}

/// Draws axes, grid lines and axis titles around a ``PlotArea``.
enum ChartAxis {
    static let tickSize = 12.0
    static let titleSize = 13.0
    static let axisColor = "#444444"
    static let gridColor = "#dddddd"

    /// Linear tick labels with as many decimals as the step needs (`0.25`, `10`, `1.5`).
    static func linearTicks(_ values: [Double], percent: Bool = false) -> [ChartTick] {
        let step = values.count > 1 ? values[1] - values[0] : 1
        var decimals = 0
        var s = step
        while decimals < 6 && abs(s - s.rounded()) > 1e-9 {
            s *= 10
            decimals += 1
        }
        return values.map {
            ChartTick(
                value: $0,
                label: SVGNumber.text($0 * (percent ? 100 : 1), decimals: max(0, decimals - (percent ? 2 : 0)))
                    + (percent ? "%" : ""))
        }
    }

    /// Powers of `base` labelled `2¹⁵`, `10⁻³`.
    static func powerTicks(_ values: [Double], base: Int) -> [ChartTick] {
        values.map { v in
            let exponent = Int(ChartScale.logarithm(v, base: Double(base)).rounded())
            return ChartTick(value: v, label: SVGNumber.power(base, exponent))
        }
    }

    /// The x axis along the bottom of `plot`: baseline, ticks, labels (thinned until they do
    /// not overlap), optional vertical grid lines, and the title centred below.
    static func bottom(
        _ svg: inout SVGDocument, plot: PlotArea, scale: ChartScale, ticks: [ChartTick], title: String,
        grid: Bool = true
    ) {
        let visible = thinned(ticks.filter { scale.contains($0.value) }, scale: scale)
        for tick in visible {
            let x = scale.position(tick.value)
            if grid {
                svg.line(x1: x, y1: plot.top, x2: x, y2: plot.bottom, .stroked(gridColor, width: 0.8), class: "grid")
            }
            svg.line(x1: x, y1: plot.bottom, x2: x, y2: plot.bottom + 5, .stroked(axisColor))
            svg.text(tick.label, x: x, y: plot.bottom + 19, .sized(tickSize, .middle), class: "tick")
        }
        svg.line(x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom, .stroked(axisColor), class: "axis")
        svg.text(
            title, x: (plot.left + plot.right) / 2, y: plot.bottom + 40, .sized(titleSize, .middle), class: "axis-title"
        )
    }

    /// The y axis along the left of `plot`: ticks, right-aligned labels, optional horizontal
    /// grid lines, and the title rotated to read bottom to top at `titleX`.
    static func left(
        _ svg: inout SVGDocument, plot: PlotArea, scale: ChartScale, ticks: [ChartTick], title: String,
        titleX: Double = 18, grid: Bool = true
    ) {
        for tick in ticks where scale.contains(tick.value) {
            let y = scale.position(tick.value)
            if grid {
                svg.line(x1: plot.left, y1: y, x2: plot.right, y2: y, .stroked(gridColor, width: 0.8), class: "grid")
            }
            svg.line(x1: plot.left - 5, y1: y, x2: plot.left, y2: y, .stroked(axisColor))
            svg.text(tick.label, x: plot.left - 8, y: y + 4, .sized(tickSize, .end), class: "tick")
        }
        svg.line(x1: plot.left, y1: plot.top, x2: plot.left, y2: plot.bottom, .stroked(axisColor), class: "axis")
        var style = SVGTextStyle.sized(titleSize, .middle)
        style.rotation = -90
        svg.text(title, x: titleX, y: (plot.top + plot.bottom) / 2, style, class: "axis-title")
    }

    /// Every k-th tick (k = 1, 2, 3, …) so that neighbouring labels keep 8 px apart.
    static func thinned(_ ticks: [ChartTick], scale: ChartScale) -> [ChartTick] {
        guard ticks.count > 2 else { return ticks }
        for every in 1...ticks.count {
            let kept = ticks.enumerated().filter { $0.offset % every == 0 }.map(\.element)
            let fits = zip(kept, kept.dropFirst()).allSatisfy { a, b in
                let gap = abs(scale.position(b.value) - scale.position(a.value))
                return gap >= (TextMetrics.width(a.label, size: tickSize) + TextMetrics.width(b.label, size: tickSize))
                    / 2 + 8
            }
            if fits { return kept }
        }
        return [ticks[0]]
    }
}

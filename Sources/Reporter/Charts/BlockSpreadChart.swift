//===--- BlockSpreadChart.swift -------------------------------------------===//
//
// Blocks by the exponent spread of their elements, per element format, against its range.
//
//===----------------------------------------------------------------------===//

import Precision

/// The share of a run's blocks (MX, NVFP4) by the spread of their nonzero elements in binades
/// (largest minus smallest exponent), one line per element format, summed over the layers,
/// operands and steps; a dashed line marks each format's reach below its largest value (from
/// its largest binade down to its smallest subnormal): elements further than that below their
/// block's maximum flush to zero.
struct BlockSpreadChart: Sendable {
    let operands: [QuantizationTotals]

    /// The binades an element format spans, largest normal to smallest subnormal.
    static func reach(_ element: ElementFormat) -> Int {
        element.maxExponent - element.minExponent + element.precision - 1
    }

    func svg() -> String {
        var elements: [ElementFormat] = []
        for o in operands where o.statistics.blocks > 0 && !elements.contains(o.element) { elements.append(o.element) }
        var series: [LineChart.Series] = []
        var legend: [LegendItem] = []
        var events: [LineChart.EventLine] = []
        for (i, element) in elements.enumerated() {
            var spread = [UInt64](repeating: 0, count: 64)
            for o in operands where o.element == element {
                for (k, n) in o.statistics.spread.enumerated() { spread[k] += n }
            }
            let total = Double(spread.reduce(0, +))
            guard total > 0 else { continue }
            let last = spread.lastIndex { $0 != 0 } ?? 0
            let color = ChartPalette.series(i)
            series.append(
                LineChart.Series(
                    color: color,
                    points: (0...max(last, Self.reach(element))).map { (Double($0), Double(spread[$0]) / total) },
                    stepped: true))
            legend.append(LegendItem(symbol: .line(color: color, width: 2, dash: nil), label: element.rawValue))
            events.append(
                LineChart.EventLine(
                    x: Double(Self.reach(element)), label: "\(element.rawValue) reach", color: color))
        }
        let frame = ChartFrame(
            title: "Blocks by exponent spread",
            subtitle: "largest minus smallest binade of each block's nonzero elements, over every step and operand",
            legend: legend,
            notes: [
                "Elements more binades below their block's largest than the element format's reach (dashed) flush to zero; the last bin counts 63 and more."
            ])
        var chart = LineChart(
            frame: frame, xTitle: "exponent spread in the block (binades)", yTitle: "share of blocks",
            yAxis: .linear(includeZero: true, upperLimit: 1, percent: true), series: series)
        chart.events = events
        chart.emptyMessage = "no block-scaled operand recorded"
        return chart.svg()
    }
}

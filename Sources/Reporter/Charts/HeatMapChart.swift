//===--- HeatMapChart.swift -----------------------------------------------===//
//
// Flush and overflow fractions per layer tensor (rows) and training step (columns).
//
//===----------------------------------------------------------------------===//

import Analyzer
import NeuralNet
import Precision

/// A heat map of one rounding fraction: rows are the rounded tensors grouped by layer (model
/// order, then ``TensorKind`` order), columns the training steps, colour the fraction on a
/// log scale (viridis), with exact 0 in its own grey and steps without a record in white.
struct HeatMapChart: Sendable {
    /// Which fraction of the elements seen.
    enum Quantity: String, Sendable, CaseIterable {
        /// Finite nonzero values rounded to zero.
        case flush
        /// Finite values rounded to infinity.
        case overflow

        func fraction(_ r: RoundingStatistics) -> Double? {
            guard r.count > 0 else { return nil }
            return Double(self == .flush ? r.underflow : r.overflow) / Double(r.count)
        }

        var words: String { self == .flush ? "flushed to zero" : "overflowed to infinity" }
    }

    struct Row: Sendable, Equatable {
        var layer: String
        var tensor: String
        /// One per column; nil where the step has no rounding record of the tensor.
        var values: [Double?]
    }

    var quantity: Quantity
    var policy: String
    var steps: [Int]
    var skipped: [Bool]
    var rows: [Row]

    /// The rows of `run`: every layer tensor with a rounding record on some step.
    init(_ run: RunRecord, quantity: Quantity) {
        self.init(RunDigest(run), quantity: quantity)
    }

    /// The rows of the digested run.
    init(_ digest: RunDigest, quantity: Quantity) {
        self.quantity = quantity
        policy = digest.outline.settings.policy
        steps = digest.outline.steps.map(\.step)
        skipped = digest.outline.steps.map { $0.metrics?.skipped ?? false }
        rows = digest.roundedTensors.map { layer, tensor in
            Row(layer: layer, tensor: tensor, values: digest.cells(layer: layer, tensor: tensor, quantity: quantity))
        }
    }

    /// (layer, tensor) pairs with rounding records: layers in model order (then any others in
    /// record order), tensors in ``TensorKind`` order.
    static func roundedTensors(_ run: RunRecord) -> [(layer: String, tensor: String)] {
        RunDigest(run).roundedTensors
    }

    static let rowLabelSize = 11.0

    /// Height of a row: 20 px for a few rows, down to 12 for many.
    var rowHeight: Double { min(20, max(12, 360 / Double(max(rows.count, 1)))) }

    /// Decades of the colour scale: from the smallest nonzero fraction's decade to the largest's
    /// (at least one decade, at most up to 10⁰ = 1; -6...0 when every cell is 0).
    var decades: ClosedRange<Int> { Self.decades(rows) }

    /// The decades of `rows`' cells.
    static func decades(_ rows: [Row]) -> ClosedRange<Int> {
        var low = Double.infinity
        var high = 0.0
        for row in rows {
            for case let value? in row.values where value > 0 {
                low = min(low, value)
                high = max(high, value)
            }
        }
        guard high > 0 else { return -6...0 }
        // A fraction is at most 1: the top decade is 10⁰ at the most.
        let b = min(0, Int((ChartScale.logarithm(high, base: 10) - 1e-9).rounded(.up)))
        let a = min(Int((ChartScale.logarithm(low, base: 10) + 1e-9).rounded(.down)), b - 1)
        return a...b
    }

    /// The fill of a cell.
    func color(_ value: Double?) -> String { color(value, decades: decades) }

    /// The fill of a cell on the colour scale spanning `d`.
    func color(_ value: Double?, decades d: ClosedRange<Int>) -> String {
        guard let value else { return ChartPalette.missingCell }
        guard value > 0 else { return ChartPalette.zeroCell }
        return ChartPalette.sequential(
            (ChartScale.logarithm(value, base: 10) - Double(d.lowerBound)) / Double(d.upperBound - d.lowerBound))
    }

    /// Cells are at least this wide: a run with more steps than fit draws each column for
    /// ``stepsPerColumn(plotWidth:)`` consecutive steps.
    static let minimumCellWidth = 2.0

    /// Steps drawn in one column: 1 while every step gets ``minimumCellWidth`` pixels, else
    /// the fewest that make the columns fit (so the chart's size does not grow with the run).
    func stepsPerColumn(plotWidth: Double) -> Int {
        let fit = max(1, Int(plotWidth / Self.minimumCellWidth))
        return steps.count <= fit ? 1 : (steps.count + fit - 1) / fit
    }

    /// `values` in columns of `k` steps: each column shows the largest fraction among its
    /// steps (a rare flush or overflow stays visible), nil where none of them has a record.
    static func pooled(_ values: [Double?], by k: Int) -> [Double?] {
        guard k > 1 else { return values }
        return stride(from: 0, to: values.count, by: k).map { start in
            values[start..<min(start + k, values.count)].reduce(nil as Double?) { best, v in
                guard let v else { return best }
                guard let b = best else { return v }
                return max(b, v)
            }
        }
    }

    /// Steps per column of this chart (see ``stepsPerColumn(plotWidth:)``).
    var stepsPerColumn: Int { stepsPerColumn(plotWidth: frame(stepsPerColumn: 1).plot.width) }

    var frame: ChartFrame { frame(stepsPerColumn: stepsPerColumn) }

    /// The frame with columns of `k` steps.
    func frame(stepsPerColumn k: Int) -> ChartFrame {
        var legend = [
            LegendItem(symbol: .swatch(fill: ChartPalette.zeroCell, stroke: nil), label: "0: none \(quantity.words)")
        ]
        if rows.contains(where: { Self.pooled($0.values, by: k).contains { $0 == nil } }) {
            legend.append(
                LegendItem(
                    symbol: .swatch(fill: ChartPalette.missingCell, stroke: "#999999"), label: "not recorded that step")
            )
        }
        if skipped.contains(true) {
            legend.append(LegendItem(symbol: .cross(color: ChartPalette.alert), label: "skipped step"))
        }
        let layerWidth = (rows.map { TextMetrics.width($0.layer, size: Self.rowLabelSize, bold: true) }.max() ?? 0) + 14
        let tensorWidth = (rows.map { TextMetrics.width($0.tensor, size: Self.rowLabelSize) }.max() ?? 0) + 10
        var notes: [String] = []
        if !rows.contains(where: { $0.values.contains { ($0 ?? 0) > 0 } }) {
            notes.append("No element \(quantity.words) in any recorded step: every cell is 0.")
        }
        notes.append(
            "Fractions are of the elements rounded in the step. Rows: each layer's rounded tensors, forward to backward."
        )
        if k > 1 {
            notes.append("\(steps.count) steps, \(k) to a column: a column shows the largest fraction among its steps.")
        }
        var frame = ChartFrame(
            title: "Fraction \(quantity.words) per tensor and step",
            subtitle: "\(policy): rounding of each layer's tensors at every training step (log colour scale)",
            legend: legend, notes: notes, leftMargin: 16 + layerWidth + tensorWidth, rightMargin: 118)
        frame.plotTopPadding = skipped.contains(true) ? 12 : 0
        // Rows need their height: grow the chart instead of squeezing them.
        let probe = frame.plot
        let body = max(Double(rows.count) * rowHeight, 180)
        frame.height += probe.top + body - probe.bottom
        return frame
    }

    /// The SVG text.
    func svg() -> String {
        let k = stepsPerColumn
        let frame = frame(stepsPerColumn: k)
        var svg = frame.document()
        let full = frame.plot
        let plot = PlotArea(
            left: full.left, top: full.top, right: full.right, bottom: full.top + Double(rows.count) * rowHeight)
        let columns = max((steps.count + k - 1) / k, 1)
        let cellWidth = plot.width / Double(columns)
        let shown = rows.map { Row(layer: $0.layer, tensor: $0.tensor, values: Self.pooled($0.values, by: k)) }
        let decades = Self.decades(shown)
        for (r, row) in shown.enumerated() {
            let y = plot.top + Double(r) * rowHeight
            for (c, value) in row.values.enumerated() {
                // A quarter pixel of overlap hides the anti-aliased seams between cells.
                svg.rect(
                    x: plot.left + Double(c) * cellWidth, y: y, width: cellWidth + 0.25, height: rowHeight + 0.25,
                    .filled(color(value, decades: decades)), class: "cell")
            }
            svg.text(
                row.tensor, x: plot.left - 6, y: y + rowHeight / 2 + 4, .sized(Self.rowLabelSize, .end),
                class: "row-label")
        }
        drawLayerGroups(&svg, plot)
        let skippedColumns = stride(from: 0, to: skipped.count, by: k).map {
            skipped[$0..<min($0 + k, skipped.count)].contains(true)
        }
        for (c, skipped) in skippedColumns.enumerated() where skipped {
            svg.cross(
                x: plot.left + (Double(c) + 0.5) * cellWidth, y: plot.top - 7, size: 7,
                .stroked(ChartPalette.alert, width: 1.8), class: "skipped")
        }
        svg.rect(
            x: plot.left, y: plot.top, width: plot.width, height: plot.height, .stroked(ChartAxis.axisColor),
            class: "plot-frame")
        // Step c + 1 sits at the centre of column c (of k steps: column c spans steps
        // c·k + 1 ... c·k + k): a scale over 0.5 ... columns·k + 0.5.
        let x = ChartScale(.linear, lower: 0.5, upper: Double(columns * k) + 0.5, start: plot.left, end: plot.right)
        let ticks = x.ticks(maxCount: 15, steps: .integer).map { v in
            ChartTick(value: v, label: String(steps.indices.contains(Int(v) - 1) ? steps[Int(v) - 1] : Int(v)))
        }
        ChartAxis.bottom(&svg, plot: plot, scale: x, ticks: ticks, title: "training step", grid: false)
        drawColorBar(&svg, top: full.top, bottom: full.bottom, left: full.right + 20, decades: decades)
        return svg.text
    }

    /// Layer names centred on their rows, with lines between the groups.
    private func drawLayerGroups(_ svg: inout SVGDocument, _ plot: PlotArea) {
        var start = 0
        while start < rows.count {
            var end = start
            while end + 1 < rows.count && rows[end + 1].layer == rows[start].layer { end += 1 }
            let top = plot.top + Double(start) * rowHeight
            let bottom = plot.top + Double(end + 1) * rowHeight
            svg.text(
                rows[start].layer, x: 16, y: (top + bottom) / 2 + 4, .sized(Self.rowLabelSize, bold: true),
                class: "group-label")
            if start > 0 {
                svg.line(x1: 16, y1: top, x2: plot.right, y2: top, .stroked("#333333", width: 1.5), class: "group-rule")
            }
            start = end + 1
        }
    }

    /// A vertical colour bar (48 slices, bottom = lowest decade) with decade labels.
    private func drawColorBar(
        _ svg: inout SVGDocument, top: Double, bottom: Double, left: Double, decades d: ClosedRange<Int>
    ) {
        let width = 16.0
        let barTop = top + 18
        let barBottom = bottom
        svg.text("fraction", x: left, y: top + 6, .sized(11.5), class: "colorbar-title")
        let slices = 48
        let sliceHeight = (barBottom - barTop) / Double(slices)
        for i in 0..<slices {
            let t = (Double(i) + 0.5) / Double(slices)
            svg.rect(
                x: left, y: barBottom - Double(i + 1) * sliceHeight, width: width, height: sliceHeight + 0.3,
                .filled(ChartPalette.sequential(t)))
        }
        svg.rect(x: left, y: barTop, width: width, height: barBottom - barTop, .stroked(ChartAxis.axisColor))
        let scale = ChartScale(
            .linear, lower: Double(d.lowerBound), upper: Double(d.upperBound), start: barBottom, end: barTop)
        for e in ChartScale.powerTicks(lowExponent: d.lowerBound, highExponent: d.upperBound, maxCount: 8) {
            let y = scale.position(Double(e))
            svg.line(x1: left + width, y1: y, x2: left + width + 4, y2: y, .stroked(ChartAxis.axisColor))
            svg.text(
                e == 0 ? "1" : SVGNumber.power(10, e), x: left + width + 7, y: y + 4, .sized(11.5),
                class: "colorbar-tick")
        }
    }
}

//===--- TensorRangeChart.swift -------------------------------------------===//
//
// One inspected tensor's exponent histogram against the range of every format it was fit to.
//
//===----------------------------------------------------------------------===//

import Analyzer
import Precision
import _MPStudySupport

/// The exponents floor(log2 |x|) of one tensor of `mpstudy inspect`, one row per target: each
/// row shades the target's regions (flushed to zero, subnormal, normal, overflow or
/// saturation, as ``ExponentHistogramChart`` does for a run) and draws over them the share of
/// the tensor's finite nonzero values per binade (log scale, the same in every row), so the
/// part of the tensor that falls outside each format shows at a glance. A block scheme's row
/// counts x over its block scale, what its element format receives (``TensorFit/histogram``).
///
/// Axis mapping (what the tests derive pixels from): binade e spans x(e)...x(e+1) with
/// x(v) = plot.left + (v - lo) / (hi - lo) · plot.width, where lo...hi is
/// ``ExponentHistogramChart/exponentDomain(lowest:highest:)`` of the lowest and highest binade
/// over every row's nonzero bins and the emin_sub and emax of every target whose range spans
/// fewer than ``wideRange`` binades (half, FP8, FP6, FP4; the regions of bfloat16 and float32
/// are clipped to the axis, unless there is nothing else to show). The chart is 800 px
/// wide with a right margin of 24 and a left margin (the row labels) of
/// max(112, widest label + 16), at most 240. Row i spans plot.top + i·(rowHeight + rowGap)
/// downwards for rowHeight.
struct TensorRangeChart: Sendable {
    /// One target's row.
    struct Row: Sendable, Equatable {
        var target: String
        var fit: TensorFit
    }

    /// The tensor as named in the report (`file:tensor` when several files were read).
    var name: String
    var tensor: InspectedTensor

    static let rowHeight = 54.0
    static let rowGap = 12.0
    static let width = 800.0
    static let barColor = ChartPalette.series(0)
    static let labelSize = 12.0
    static let detailSize = 10.5

    var rows: [Row] { tensor.fits.map { Row(target: $0.target, fit: $0.fit) } }

    /// floor(log2 |x|) -> count of the row's finite nonzero values (float32 subnormals at -127).
    static func counts(_ fit: TensorFit) -> [Int: UInt64] {
        var counts: [Int: UInt64] = [:]
        for bin in 0..<ExponentHistogram.nonFiniteBin where fit.histogram.bins[bin] != 0 {
            counts[ExponentHistogram.exponent(ofBin: bin)!] = fit.histogram.bins[bin]
        }
        return counts
    }

    /// The x domain lo...hi in binade exponents (see the type's documentation).
    var exponentDomain: ClosedRange<Int> {
        var span: ClosedRange<Int>?
        func include(_ low: Int, _ high: Int) {
            span = span.map { min($0.lowerBound, low)...max($0.upperBound, high) } ?? low...high
        }
        for row in rows {
            let keys = Self.counts(row.fit).keys
            if let low = keys.min(), let high = keys.max() { include(low, high) }
        }
        let ranges = rows.map(\.fit.range)
        for r in ranges where r.maxExponent - r.minSubnormalExponent < Self.wideRange {
            include(r.minSubnormalExponent, r.maxExponent)
        }
        if span == nil { for r in ranges { include(r.minSubnormalExponent, r.maxExponent) } }
        let s = span ?? -24...15
        return ExponentHistogramChart.exponentDomain(lowest: s.lowerBound, highest: s.upperBound)
    }

    /// Ranges spanning this many binades or more (bfloat16, float32) do not widen the x axis:
    /// they would squeeze the data into a sliver; their rows are clipped to the axis instead.
    static let wideRange = 64

    /// The left margin: room for the widest row label.
    var leftMargin: Double {
        let widest =
            rows.flatMap { row in
                [TextMetrics.width(Self.shownLabel(row.target), size: Self.labelSize, bold: true)]
                    + Self.details(row).map { TextMetrics.width($0, size: Self.detailSize) }
            }.max() ?? 0
        return min(240, max(112, (widest + 16).rounded(.up)))
    }

    /// The widest row label: a longer target name (a runtime `custom:` format) is cut to fit.
    static let maximumLabelWidth = 224.0

    /// `name`, cut with "…" to ``maximumLabelWidth`` so that it never runs into the plot.
    static func shownLabel(_ name: String) -> String {
        guard TextMetrics.width(name, size: labelSize, bold: true) > maximumLabelWidth else { return name }
        var kept = Substring(name)
        while !kept.isEmpty && TextMetrics.width(String(kept) + "…", size: labelSize, bold: true) > maximumLabelWidth {
            kept = kept.dropLast()
        }
        return String(kept) + "…"
    }

    /// The lines under a row's name: the range, and the largest value or the block scale.
    static func details(_ row: Row) -> [String] {
        let r = row.fit.range
        let range = SVGNumber.power(2, r.minSubnormalExponent) + " … " + SVGNumber.power(2, r.maxExponent)
        return [range, row.fit.blockScaled ? "x ÷ block scale" : "max " + maxText(r.maxFinite)]
    }

    /// A largest finite value: `448`, `65504`, `3.39e38`.
    static func maxText(_ value: Double) -> String {
        guard value.isFinite, value >= 1e6 else { return ReportNumber.significant(value, digits: 6) }
        let exponent = Int(ChartScale.logarithm(value, base: 10).rounded(.down))
        return ReportNumber.significant(value / ChartScale.power(10, exponent), digits: 3) + "e" + String(exponent)
    }

    var frame: ChartFrame {
        let t = tensor
        let legend = [
            LegendItem(symbol: .swatch(fill: Self.barColor, stroke: nil), label: "values per binade"),
            LegendItem(symbol: .swatch(fill: ChartPalette.flushZone, stroke: nil), label: "flushed to 0"),
            LegendItem(symbol: .swatch(fill: ChartPalette.subnormalZone, stroke: nil), label: "subnormal"),
            LegendItem(symbol: .swatch(fill: ChartPalette.normalZone, stroke: nil), label: "normal"),
            LegendItem(
                symbol: .swatch(fill: ChartPalette.overflowZone, stroke: nil), label: overflowLegend),
        ]
        let shape = t.shape.isEmpty ? "scalar" : "[" + t.shape.map(String.init).joined(separator: ", ") + "]"
        var frame = ChartFrame(
            width: Self.width, height: 0, title: "\(name): exponents against each format's range",
            subtitle:
                "\(t.file): \(t.elementType) \(shape), \(DecimalText.grouped(t.fits.first?.fit.count ?? 0)) elements",
            legend: legend, notes: notes, leftMargin: leftMargin)
        let top = frame.plot.top
        let rowsHeight = Double(max(rows.count, 1)) * (Self.rowHeight + Self.rowGap) - Self.rowGap
        frame.height =
            top + rowsHeight + frame.axisHeight + Double(frame.noteLines.count) * ChartFrame.noteLineHeight + 6
        return frame
    }

    /// What the overflow region means for the rows drawn: ±∞ and/or saturation at ±max.
    var overflowLegend: String {
        let saturating = rows.filter(\.fit.saturates).map(\.target)
        let infinite = rows.filter { !$0.fit.saturates }.map(\.target)
        switch (saturating.isEmpty, infinite.isEmpty) {
        case (true, _): return "overflow to ±∞"
        case (false, true): return "saturated to ±max"
        case (false, false): return "overflow to ±∞ (\(infinite.joined(separator: ", "))) or saturated to ±max"
        }
    }

    var notes: [String] {
        let fit = tensor.fits.first?.fit
        let decades = shareScale(start: 1, end: 0)
        var notes = [
            "Bars: share of the tensor's finite nonzero values per binade, log scale from "
                + "\(ExponentHistogramChart.percentLabel(decades.lower))% at a row's foot to "
                + "\(ExponentHistogramChart.percentLabel(decades.upper))% at its top. Not drawn: "
                + "\(DecimalText.grouped(fit?.zeros ?? 0)) zeros, \(DecimalText.grouped((fit?.nan ?? 0) + (fit?.infinite ?? 0))) NaN or infinite."
        ]
        if rows.contains(where: \.fit.blockScaled) {
            notes.append(
                "Rows marked x ÷ block scale count each value over its block's scale, the numbers the element format receives; the other rows count x itself."
            )
        }
        notes.append(
            "A format's top binade also overflows (or saturates) above its largest finite value, e.g. above 448 in e4m3's 2⁸ binade."
        )
        if rows.contains(where: { $0.fit.histogram.bins[0] != 0 }) {
            notes.append(
                "The bar at \(SVGNumber.power(2, -127)) holds every float32 subnormal (below \(SVGNumber.power(2, -126)))."
            )
        }
        return notes
    }

    /// The share axis of every row (the same decades in each), from `start` (foot) to `end`.
    func shareScale(start: Double, end: Double) -> ChartScale {
        var shares: [Double] = []
        for row in rows where row.fit.finiteNonzero > 0 {
            let whole = Double(row.fit.finiteNonzero)
            shares += Self.counts(row.fit).values.map { Double($0) / whole * 100 }
        }
        return ExponentHistogramChart.shareScale(
            lowest: shares.min() ?? 1, highest: shares.max() ?? 100, start: start, end: end)
    }

    /// The SVG text.
    func svg() -> String {
        let frame = self.frame
        var svg = frame.document()
        let plot = frame.plot
        let domain = exponentDomain
        let x = ChartScale(
            .linear, lower: Double(domain.lowerBound), upper: Double(domain.upperBound), start: plot.left,
            end: plot.right)
        for (i, row) in rows.enumerated() {
            let top = plot.top + Double(i) * (Self.rowHeight + Self.rowGap)
            drawRow(&svg, row, top: top, bottom: top + Self.rowHeight, x: x, domain: domain)
        }
        let xTicks = x.ticks(maxCount: 14, steps: .binary).map {
            ChartTick(value: $0, label: SVGNumber.power(2, Int($0)))
        }
        ChartAxis.bottom(
            &svg, plot: plot, scale: x, ticks: xTicks, title: "|x| by binade: the bar at 2ᵉ counts 2ᵉ ≤ |x| < 2ᵉ⁺¹",
            grid: false)
        return svg.text
    }

    /// One row: the target's regions, its bars as one filled outline, its frame and label.
    private func drawRow(
        _ svg: inout SVGDocument, _ row: Row, top: Double, bottom: Double, x: ChartScale, domain: ClosedRange<Int>
    ) {
        let r = row.fit.range
        ExponentHistogramChart.drawZones(
            &svg, top: top, bottom: bottom, x: x, domain: domain,
            range: (r.minSubnormalExponent, r.minExponent, r.maxExponent), labels: false)
        let counts = Self.counts(row.fit)
        if let low = counts.keys.min(), let high = counts.keys.max(), row.fit.finiteNonzero > 0 {
            let y = shareScale(start: bottom, end: top)
            let whole = Double(row.fit.finiteNonzero)
            var points: [(x: Double, y: Double)] = [(x.position(Double(low)), bottom)]
            for e in low...high {
                let level = counts[e].map { y.position(Double($0) / whole * 100) } ?? bottom
                points.append((x.position(Double(e)), level))
                points.append((x.position(Double(e + 1)), level))
            }
            points.append((x.position(Double(high + 1)), bottom))
            svg.polyline(points, .filled(Self.barColor, opacity: 0.85), class: "bars")
        } else {
            svg.text(
                "no finite nonzero values", x: (x.start + x.end) / 2, y: (top + bottom) / 2 + 4,
                .sized(12, .middle, color: ChartPalette.neutral))
        }
        svg.rect(
            x: x.start, y: top, width: x.end - x.start, height: bottom - top, .stroked(ChartAxis.axisColor),
            class: "row-frame")
        svg.text(
            Self.shownLabel(row.target), x: 12, y: top + 15, .sized(Self.labelSize, bold: true), class: "row-label")
        for (i, line) in Self.details(row).enumerated() {
            svg.text(
                line, x: 12, y: top + 31 + Double(i) * 14, .sized(Self.detailSize, color: ChartPalette.neutral),
                class: "row-detail")
        }
    }
}

//===--- ExponentHistogramChart.swift -------------------------------------===//
//
// floor(log2 |x|) of one layer's tensor against its format's range (Micikevicius et al.
// 2018, "Mixed Precision Training", Figure 3), with and without the loss scale.
//
//===----------------------------------------------------------------------===//

import Analyzer
import NeuralNet
import Precision
import _MPStudySupport

/// The exponent histogram of one layer's tensor summed over a run's steps, drawn as the share
/// of all values per binade (log scale) over the format's regions: flushed to zero, subnormal,
/// normal, overflow. Tensors that carried a loss scale get a second series, "without loss
/// scaling": each step's bins shifted down by log2 of that step's scale.
///
/// Axis mapping (what the tests derive pixels from): binade e (values 2^e <= |x| < 2^(e+1))
/// spans x(e)...x(e+1) with x(v) = plot.left + (v - lo) / (hi - lo) · plot.width, where
/// lo = 4·floor((min(e_lowest, emin_sub) - 2) / 4) and hi = 4·ceil((max(e_highest + 1, emax + 1) + 2) / 4),
/// over the nonzero bins of both series. The plot is ``ChartFrame``'s, 800 px wide with
/// margins 76 (left) and 24 (right): plot.left = 76, plot.width = 700. Zone labels sit in a
/// strip above the plot, where bars cannot cover them.
struct ExponentHistogramChart: Sendable {
    /// The counts behind the chart.
    struct Counts: Sendable, Equatable {
        var layer: String
        var tensor: String
        var range: FormatRange
        /// Steps that rounded this tensor.
        var steps: Int
        /// floor(log2 |x|) -> count of the values as rounded (float32 subnormals at -127).
        var scaled: [Int: UInt64]
        /// The same values divided by their step's loss scale; nil when every step's scale was 1.
        var unscaled: [Int: UInt64]?
        var zeros: UInt64
        var nonFinite: UInt64
        /// The distinct loss scales carried, ascending.
        var scales: [Float]

        /// Every value counted, zeros and non-finite ones included (the 100% of the y axis).
        var total: UInt64 { scaled.values.reduce(0, +) + zeros + nonFinite }

        /// Whether some scale is not a power of two (the shift is then floor(log2 scale)).
        var hasInexactShift: Bool {
            scales.contains { $0 != Float(sign: .plus, exponent: Self.shift($0), significand: 1) }
        }

        init(
            layer: String, tensor: String, range: FormatRange, steps: Int, scaled: [Int: UInt64],
            unscaled: [Int: UInt64]?,
            zeros: UInt64, nonFinite: UInt64, scales: [Float]
        ) {
            self.layer = layer
            self.tensor = tensor
            self.range = range
            self.steps = steps
            self.scaled = scaled
            self.unscaled = unscaled
            self.zeros = zeros
            self.nonFinite = nonFinite
            self.scales = scales
        }

        /// Sums the histograms of `layer`'s `tensor` over the steps of `run`; nil when no
        /// step rounded it.
        init?(run: RunRecord, layer: String, tensor: String) {
            var sum = Sum()
            for step in run.steps {
                if let record = step.tensor(layer, tensor) { sum.add(record) }
            }
            guard let counts = sum.counts(layer: layer, tensor: tensor, computeFormat: run.settings.computeFormat)
            else { return nil }
            self = counts
        }

        /// The counts of one layer's tensor, summed as the steps go by (a long run's report
        /// streams its steps; ``RunDigest`` keeps one of these per layer tensor).
        struct Sum: Sendable {
            /// floor(log2 |x|) + 127 -> count (bin 0, the float32 subnormals, at -127).
            private var scaled = [UInt64](repeating: 0, count: 255)
            /// floor(log2 |x|) - shift + ``offset`` -> count: shifts of finite Float scales are
            /// -149...127, so -254...276 covers every unscaled exponent.
            private var unscaled = [UInt64](repeating: 0, count: 600)
            private static let offset = 300
            private var zeros: UInt64 = 0, nonFinite: UInt64 = 0, steps = 0
            private var scales: Set<Float> = [], format: ComputeFormat?

            init() {}

            /// Adds a step's record of the tensor (nothing if it has no rounding statistics).
            mutating func add(_ record: TensorRecord) {
                guard let r = record.rounding else { return }
                steps += 1
                format = record.format ?? format
                let scale = record.lossScale ?? 1
                scales.insert(scale)
                let shift = Counts.shift(scale)
                r.histogram.bins.withUnsafeBufferPointer { bins in
                    for bin in 0..<ExponentHistogram.nonFiniteBin where bins[bin] != 0 {
                        let e = bin == 0 ? -127 : bin - 127
                        scaled[e + 127] += bins[bin]
                        unscaled[e - shift + Self.offset] += bins[bin]
                    }
                }
                zeros += r.histogram.zeros
                nonFinite += r.histogram.bins[ExponentHistogram.nonFiniteBin]
            }

            /// The counts so far; nil when no step rounded the tensor.
            func counts(layer: String, tensor: String, computeFormat: ComputeFormat) -> Counts? {
                guard steps > 0 else { return nil }
                var scaledCounts: [Int: UInt64] = [:]
                var unscaledCounts: [Int: UInt64] = [:]
                for (i, n) in scaled.enumerated() where n != 0 { scaledCounts[i - 127] = n }
                for (i, n) in unscaled.enumerated() where n != 0 { unscaledCounts[i - Self.offset] = n }
                return Counts(
                    layer: layer, tensor: tensor, range: FormatRange(format ?? computeFormat), steps: steps,
                    scaled: scaledCounts, unscaled: scales.contains { $0 != 1 } ? unscaledCounts : nil,
                    zeros: zeros, nonFinite: nonFinite, scales: scales.sorted())
            }
        }

        /// log2 of a loss scale, rounded down (exact for the powers of two of dynamic scaling);
        /// 0 for a scale that is not a positive finite number.
        static func shift(_ scale: Float) -> Int {
            scale.isFinite && scale > 0 ? Int(scale.exponent) : 0
        }

        /// The lowest and highest exponent with a nonzero count in either series.
        var exponentSpan: ClosedRange<Int>? {
            let keys = Array(scaled.keys) + Array(unscaled?.keys ?? [:].keys)
            guard let low = keys.min(), let high = keys.max() else { return nil }
            return low...high
        }
    }

    var counts: Counts

    /// The x domain lo...hi in binade exponents (see the type's documentation).
    var exponentDomain: ClosedRange<Int> {
        let r = counts.range
        let span = counts.exponentSpan ?? r.minSubnormalExponent...r.maxExponent
        return Self.exponentDomain(
            lowest: min(span.lowerBound, r.minSubnormalExponent), highest: max(span.upperBound, r.maxExponent))
    }

    /// The x domain for binades `lowest...highest` (data and format ranges together): two
    /// binades of room either side, ends on multiples of 4, the top binade's right edge included.
    static func exponentDomain(lowest: Int, highest: Int) -> ClosedRange<Int> {
        let low = lowest - 2
        let high = highest + 1 + 2
        return (4 * Int((Double(low) / 4).rounded(.down)))...(4 * Int((Double(high) / 4).rounded(.up)))
    }

    var kindPhrase: String { TensorKind(reportName: counts.tensor)?.phrase ?? counts.tensor }

    var frame: ChartFrame {
        let c = counts
        let f = c.range.format.rawValue
        var legend: [LegendItem] = []
        if c.unscaled != nil {
            legend.append(
                LegendItem(
                    symbol: .swatch(fill: Self.barColor, stroke: nil), label: "with loss scaling (values as rounded)"))
            legend.append(
                LegendItem(
                    symbol: .line(color: Self.unscaledColor, width: 2, dash: nil),
                    label: "without loss scaling (÷ each step's scale)"))
        } else {
            legend.append(
                LegendItem(symbol: .swatch(fill: Self.barColor, stroke: nil), label: "values rounded to \(f)"))
        }
        let r = c.range
        let (smallest, normal, above) = (
            SVGNumber.power(2, r.minSubnormalExponent), SVGNumber.power(2, r.minExponent),
            SVGNumber.power(2, r.maxExponent + 1)
        )
        legend += [
            LegendItem(
                symbol: .swatch(fill: ChartPalette.flushZone, stroke: nil), label: "flush to 0: |x| < \(smallest)"),
            LegendItem(
                symbol: .swatch(fill: ChartPalette.subnormalZone, stroke: nil),
                label: "subnormal: [\(smallest), \(normal))"),
            LegendItem(
                symbol: .swatch(fill: ChartPalette.normalZone, stroke: nil), label: "normal: [\(normal), \(above))"),
            LegendItem(
                symbol: .swatch(fill: ChartPalette.overflowZone, stroke: nil), label: "overflow: |x| ≥ \(above)"),
        ]
        var frame = ChartFrame(
            height: 480, title: "\(c.layer) \(kindPhrase) rounded to \(f): exponents",
            subtitle:
                "\(c.layer)/\(c.tensor): share of all values per binade, summed over \(c.steps) training step\(c.steps == 1 ? "" : "s")",
            legend: legend, notes: notes)
        frame.plotTopPadding = 14
        return frame
    }

    var notes: [String] {
        let c = counts
        let r = c.range
        var notes = [
            "\(r.format.rawValue): p = \(r.precision), normal exponents \(r.minExponent) … \(r.maxExponent), smallest subnormal \(SVGNumber.power(2, r.minSubnormalExponent)).",
            "\(DecimalText.grouped(c.total)) values. Without an exponent, not drawn: \(DecimalText.grouped(c.zeros)) zeros (\(ReportNumber.percent(c.zeros, of: c.total))), "
                + "\(DecimalText.grouped(c.nonFinite)) NaN or infinite (\(ReportNumber.percent(c.nonFinite, of: c.total))).",
        ]
        if c.unscaled != nil {
            let powers = c.scales.map(Self.scaleText)
            let scales =
                powers.count == 1
                ? "Loss scale \(powers[0]) on every step"
                : "Loss scales \(powers.first!) … \(powers.last!) over the steps"
            if c.hasInexactShift {
                notes.append(
                    "\(scales); a scale that is not a power of two shifts the bins by floor(log₂ scale), so the unscaled series may sit one binade high."
                )
            } else {
                notes.append("\(scales); without scaling, each step's bins move down by log₂ of its scale.")
            }
        }
        if (c.scaled[-127] ?? 0) > 0 || (c.unscaled?.keys.contains { $0 <= -127 } ?? false) {
            notes.append(
                "The bar at \(SVGNumber.power(2, -127)) holds every float32 subnormal (below \(SVGNumber.power(2, -126)))."
            )
        }
        return notes
    }

    static let barColor = ChartPalette.series(0)
    static let unscaledColor = ChartPalette.series(1)

    /// The SVG text.
    func svg() -> String {
        let frame = self.frame
        var svg = frame.document()
        let plot = frame.plot
        let domain = exponentDomain
        let x = ChartScale(
            .linear, lower: Double(domain.lowerBound), upper: Double(domain.upperBound), start: plot.left,
            end: plot.right)
        let total = Double(max(counts.total, 1))
        let shares = (counts.scaled.values.map { $0 } + (counts.unscaled?.values.map { $0 } ?? []))
            .filter { $0 > 0 }.map { Double($0) / total * 100 }
        let y = Self.shareScale(
            lowest: shares.min() ?? 1, highest: shares.max() ?? 100, start: plot.bottom, end: plot.top)
        drawZones(&svg, plot, x)
        let yTicks = y.ticks(maxCount: 9).map { ChartTick(value: $0, label: Self.percentLabel($0)) }
        ChartAxis.left(&svg, plot: plot, scale: y, ticks: yTicks, title: "share of values (%, log scale)")
        let xTicks = x.ticks(maxCount: 14, steps: .binary).map {
            ChartTick(value: $0, label: SVGNumber.power(2, Int($0)))
        }
        ChartAxis.bottom(
            &svg, plot: plot, scale: x, ticks: xTicks, title: "|x| by binade: the bar at 2ᵉ counts 2ᵉ ≤ |x| < 2ᵉ⁺¹",
            grid: false)
        for e in counts.scaled.keys.sorted() {
            let share = Double(counts.scaled[e]!) / total * 100
            let left = x.position(Double(e))
            let right = x.position(Double(e + 1))
            let gap = right - left > 4 ? 0.6 : 0
            let top = y.position(share)
            svg.rect(
                x: left + gap, y: top, width: right - left - 2 * gap, height: plot.bottom - top,
                .filled(Self.barColor, opacity: 0.85), class: "bar")
        }
        if let unscaled = counts.unscaled, let low = unscaled.keys.min(), let high = unscaled.keys.max() {
            var points: [(x: Double, y: Double)] = [(x.position(Double(low)), plot.bottom)]
            for e in low...high {
                let share = Double(unscaled[e] ?? 0) / total * 100
                let level = share > 0 ? y.position(share) : plot.bottom
                points.append((x.position(Double(e)), level))
                points.append((x.position(Double(e + 1)), level))
            }
            points.append((x.position(Double(high + 1)), plot.bottom))
            svg.polyline(points, .stroked(Self.unscaledColor, width: 2), class: "unscaled")
        }
        if counts.scaled.isEmpty {
            svg.text(
                "no nonzero finite values", x: (plot.left + plot.right) / 2, y: (plot.top + plot.bottom) / 2,
                .sized(14, .middle, color: ChartPalette.neutral))
        }
        svg.rect(
            x: plot.left, y: plot.top, width: plot.width, height: plot.height, .stroked(ChartAxis.axisColor),
            class: "plot-frame")
        return svg.text
    }

    /// A log10 percent axis over whole decades from `lowest` (less a fifth of a decade, so the
    /// smallest bar stays visible) to `highest` (percent shares), at least one decade.
    static func shareScale(lowest: Double, highest: Double, start: Double, end: Double) -> ChartScale {
        let bottomExponent = Int((ChartScale.logarithm(lowest, base: 10) - 0.2).rounded(.down))
        let topExponent = max(Int((ChartScale.logarithm(highest, base: 10) - 1e-9).rounded(.up)), bottomExponent + 1)
        return ChartScale(
            .log(base: 10), lower: ChartScale.power(10, bottomExponent), upper: ChartScale.power(10, topExponent),
            start: start, end: end)
    }

    /// The four regions as background rectangles (clipped to the domain), each labelled at
    /// the top when its label fits.
    private func drawZones(_ svg: inout SVGDocument, _ plot: PlotArea, _ x: ChartScale) {
        let r = counts.range
        Self.drawZones(
            &svg, top: plot.top, bottom: plot.bottom, x: x, domain: exponentDomain,
            range: (r.minSubnormalExponent, r.minExponent, r.maxExponent), labels: true)
    }

    /// A format's regions between `top` and `bottom` as background rectangles of class
    /// `zone-flush`, `zone-subnormal`, `zone-normal`, `zone-overflow` (binades below
    /// emin_sub, emin_sub..<emin, emin...emax, above emax), clipped to `domain`; with `labels`,
    /// each named just above `top` when its name fits.
    static func drawZones(
        _ svg: inout SVGDocument, top: Double, bottom: Double, x: ChartScale, domain d: ClosedRange<Int>,
        range r: (minSubnormalExponent: Int, minExponent: Int, maxExponent: Int), labels: Bool
    ) {
        let zones: [(String, String, Int, Int, String)] = [
            ("zone-flush", ChartPalette.flushZone, d.lowerBound, r.minSubnormalExponent, "flush to 0"),
            ("zone-subnormal", ChartPalette.subnormalZone, r.minSubnormalExponent, r.minExponent, "subnormal"),
            ("zone-normal", ChartPalette.normalZone, r.minExponent, r.maxExponent + 1, "normal range"),
            ("zone-overflow", ChartPalette.overflowZone, r.maxExponent + 1, d.upperBound, "overflow"),
        ]
        for (name, color, from, to, label) in zones {
            let low = max(from, d.lowerBound)
            let high = min(to, d.upperBound)
            guard low < high else { continue }
            let left = x.position(Double(low))
            let right = x.position(Double(high))
            svg.rect(x: left, y: top, width: right - left, height: bottom - top, .filled(color), class: name)
            if labels && TextMetrics.width(label, size: 11) + 8 < right - left {
                svg.text(
                    label, x: (left + right) / 2, y: top - 4, .sized(11, .middle, color: "#555555"),
                    class: "zone-label")
            }
        }
    }

    /// A loss scale: `2¹⁵` for a power of two, else its decimal digits (`1000`, `1e+30`).
    static func scaleText(_ scale: Float) -> String {
        let shift = Counts.shift(scale)
        if scale == Float(sign: .plus, exponent: shift, significand: 1) { return SVGNumber.power(2, shift) }
        return scale < 1e9 ? ReportNumber.significant(Double(scale), digits: 7) : String(describing: scale)
    }

    /// A decade of percent: `100`, `1`, `0.01`, `0.001`, then `10⁻⁴`.
    static func percentLabel(_ value: Double) -> String {
        let exponent = Int(ChartScale.logarithm(value, base: 10).rounded())
        return exponent >= -3 ? SVGNumber.text(value, decimals: max(0, -exponent)) : SVGNumber.power(10, exponent)
    }
}

//===--- LineChart.swift --------------------------------------------------===//
//
// Series over training steps: lines with gaps at non-finite values, marks, event lines.
//
//===----------------------------------------------------------------------===//

/// A line chart over a numeric x axis (training steps). Non-finite y values break their line
/// (a diverged run's NaN loss is never drawn or written); a value with no finite neighbour is
/// drawn as a dot so that it stays visible.
struct LineChart: Sendable {
    /// One line (the caller names it in the frame's legend).
    struct Series: Sendable {
        var color: String
        var width = 2.0
        var dash: String? = nil
        var points: [(x: Double, y: Double)]
        /// Horizontal then vertical segments (a value that holds until the next step changes it).
        var stepped = false
    }

    /// Points drawn as dots or crosses on top of the lines.
    struct Marks: Sendable {
        enum Shape: Sendable { case dot, cross }
        var shape: Shape
        var color: String
        /// Dot radius (crosses are 9 px wide).
        var radius = 4.5
        var points: [(x: Double, y: Double)]
    }

    /// A vertical dashed line with a label at the top of the plot (a divergence).
    struct EventLine: Sendable {
        var x: Double
        var label: String
        var color: String
    }

    /// How the y axis maps values.
    enum YAxis: Sendable {
        /// Nice linear domain around the data; `includeZero` pins 0, `upperLimit` caps the top
        /// (accuracy at 1); `percent` labels 0.5 as `50%`.
        case linear(includeZero: Bool, upperLimit: Double?, percent: Bool)
        /// Powers of two, labelled `2¹⁵`.
        case log2
        /// Powers of ten, labelled `10⁻¹`.
        case log10
    }

    var frame: ChartFrame
    var xTitle: String
    var yTitle: String
    var yAxis: YAxis
    var series: [Series]
    var marks: [Marks] = []
    var events: [EventLine] = []
    /// Shown in the middle of the plot when no series has a finite point.
    var emptyMessage = "no finite values to draw"

    /// The SVG text.
    func svg() -> String {
        var svg = frame.document()
        let plot = frame.plot
        let finite =
            series.flatMap(\.points).filter { $0.y.isFinite && (isLog ? $0.y > 0 : true) }
            + marks.flatMap(\.points).filter { $0.y.isFinite && (isLog ? $0.y > 0 : true) }
        let xs = series.flatMap(\.points).map(\.x) + marks.flatMap(\.points).map(\.x) + events.map(\.x)
        let xDomain = ChartScale.niceDomain(0, xs.max() ?? 1, maxCount: 10, steps: .integer)
        let xScale = ChartScale(
            .linear, lower: xDomain.lowerBound, upper: xDomain.upperBound, start: plot.left, end: plot.right)
        let (yScale, yTicks) = yScaleAndTicks(finite.map(\.y), plot: plot)
        ChartAxis.left(&svg, plot: plot, scale: yScale, ticks: yTicks, title: yTitle)
        ChartAxis.bottom(
            &svg, plot: plot, scale: xScale,
            ticks: ChartAxis.linearTicks(xScale.ticks(maxCount: 10, steps: .integer)), title: xTitle)
        for s in series { draw(s, &svg, xScale, yScale) }
        for m in marks {
            let shown = m.points.filter { $0.y.isFinite && yScale.contains($0.y) }.map {
                (x: xScale.position($0.x), y: yScale.position($0.y))
            }
            for (x, y) in Self.thinned(shown, plotWidth: plot.width, cell: max(2, m.radius)) {
                switch m.shape {
                case .dot:
                    svg.circle(
                        x: x, y: y, radius: m.radius, SVGPaint(fill: m.color, stroke: "#ffffff", strokeWidth: 1.2),
                        class: "mark")
                case .cross: svg.cross(x: x, y: y, size: 9, .stroked(m.color, width: 2.2), class: "mark")
                }
            }
        }
        drawEvents(&svg, plot, xScale)
        if finite.isEmpty {
            svg.text(
                emptyMessage, x: (plot.left + plot.right) / 2, y: (plot.top + plot.bottom) / 2,
                .sized(14, .middle, color: ChartPalette.neutral))
        }
        return svg.text
    }

    private var isLog: Bool {
        if case .linear = yAxis { return false }
        return true
    }

    /// The y scale over the finite values, with its ticks.
    func yScaleAndTicks(_ values: [Double], plot: PlotArea) -> (ChartScale, [ChartTick]) {
        let low = values.min() ?? 1
        let high = values.max() ?? 1
        switch yAxis {
        case .linear(let includeZero, let upperLimit, let percent):
            var domain = ChartScale.niceDomain(includeZero ? min(0, low) : low, high, maxCount: 6)
            if let upperLimit, domain.upperBound > upperLimit, domain.lowerBound < upperLimit {
                domain = domain.lowerBound...upperLimit
            }
            let scale = ChartScale(
                .linear, lower: domain.lowerBound, upper: domain.upperBound, start: plot.bottom, end: plot.top)
            return (scale, ChartAxis.linearTicks(scale.ticks(maxCount: 6), percent: percent))
        case .log2, .log10:
            let base = { if case .log2 = yAxis { 2 } else { 10 } }()
            let lowExponent = Int((ChartScale.logarithm(low, base: Double(base)) - 0.25).rounded(.down))
            let highExponent = Int((ChartScale.logarithm(high, base: Double(base)) + 0.25).rounded(.up))
            let scale = ChartScale(
                .log(base: Double(base)), lower: ChartScale.power(Double(base), lowExponent),
                upper: ChartScale.power(Double(base), max(highExponent, lowExponent + 1)),
                start: plot.bottom, end: plot.top)
            return (scale, ChartAxis.powerTicks(scale.ticks(maxCount: 8), base: base))
        }
    }

    /// The runs of consecutive finite points of `s` as polylines; lone points as dots.
    private func draw(_ s: Series, _ svg: inout SVGDocument, _ xScale: ChartScale, _ yScale: ChartScale) {
        var runs: [[(x: Double, y: Double)]] = [[]]
        for p in s.points {
            if p.y.isFinite && yScale.contains(p.y) {
                runs[runs.count - 1].append((xScale.position(p.x), yScale.position(p.y)))
            } else if !runs[runs.count - 1].isEmpty {
                runs.append([])
            }
        }
        for run in runs where !run.isEmpty {
            if run.count == 1 {
                svg.circle(x: run[0].x, y: run[0].y, radius: 3, .filled(s.color), class: "series")
                continue
            }
            var points = run
            if s.stepped {
                points = []
                for (i, p) in run.enumerated() {
                    if i > 0 { points.append((p.x, run[i - 1].y)) }
                    points.append(p)
                }
            }
            svg.polyline(
                Self.reduced(points, plotWidth: frame.plot.width), .stroked(s.color, width: s.width, dash: s.dash),
                class: "series")
        }
    }

    /// A polyline of more points than twice the plot's width in pixels, reduced to what can
    /// show: per pixel column (x rounded down), its first, lowest, highest and last point, in
    /// order (the M4 aggregation of Jugel et al., 2014; the line drawn is the same to the
    /// pixel). Shorter polylines are kept as they are, so a long run's chart stays a few
    /// thousand points.
    static func reduced(_ points: [(x: Double, y: Double)], plotWidth: Double) -> [(x: Double, y: Double)] {
        guard Double(points.count) > 2 * plotWidth else { return points }
        var kept: [(x: Double, y: Double)] = []
        var start = 0
        while start < points.count {
            let column = points[start].x.rounded(.down)
            var end = start + 1
            while end < points.count && points[end].x.rounded(.down) == column { end += 1 }
            var low = start
            var high = start
            for i in start..<end {
                if points[i].y < points[low].y { low = i }
                if points[i].y > points[high].y { high = i }
            }
            for i in Set([start, low, high, end - 1]).sorted() { kept.append(points[i]) }
            start = end
        }
        return kept
    }

    /// Marks (pixel positions) to draw: all of them while there are at most a quarter of the
    /// plot's width in pixels; beyond, the first mark in each `cell`-pixel square (the others
    /// would be drawn on top of it).
    static func thinned(_ points: [(x: Double, y: Double)], plotWidth: Double, cell: Double) -> [(x: Double, y: Double)]
    {
        guard Double(points.count) > plotWidth / 4 else { return points }
        var seen = Set<[Int]>()
        return points.filter {
            seen.insert([Int(($0.x / cell).rounded(.down)), Int(($0.y / cell).rounded(.down))]).inserted
        }
    }

    /// Dashed vertical lines with labels stacked down from the top of the plot.
    private func drawEvents(_ svg: inout SVGDocument, _ plot: PlotArea, _ xScale: ChartScale) {
        for (i, e) in events.enumerated() {
            let x = xScale.clampedPosition(e.x)
            svg.line(
                x1: x, y1: plot.top, x2: x, y2: plot.bottom, .stroked(e.color, width: 1.5, dash: "5 4"), class: "event")
            let y = plot.top + 14 + Double(i) * 15
            let width = TextMetrics.width(e.label, size: 11.5)
            let leftward = x + 5 + width > plot.right
            let tx = leftward ? x - 5 : x + 5
            svg.rect(
                x: leftward ? tx - width - 2 : tx - 2, y: y - 11, width: width + 4, height: 14,
                .filled("#ffffff", opacity: 0.85))
            svg.text(e.label, x: tx, y: y, .sized(11.5, leftward ? .end : .start, color: e.color), class: "event-label")
        }
    }
}

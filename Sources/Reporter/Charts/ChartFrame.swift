//===--- ChartFrame.swift -------------------------------------------------===//
//
// What every chart has around its plot: title, subtitle, legend rows, notes.
//
//===----------------------------------------------------------------------===//

/// One legend entry: a symbol drawn like the data it stands for, and its words.
struct LegendItem: Sendable, Equatable {
    enum Symbol: Sendable, Equatable {
        /// A line segment (a series).
        case line(color: String, width: Double, dash: String?)
        /// A filled square (bars, shading, a colour).
        case swatch(fill: String, stroke: String?)
        /// A dot (points).
        case dot(color: String)
        /// An × (events such as skipped steps).
        case cross(color: String)
    }

    var symbol: Symbol
    var label: String

    static let symbolWidth = 22.0
    static let textSize = 12.0

    /// Width of the entry with its trailing gap.
    var width: Double { Self.symbolWidth + 6 + TextMetrics.width(label, size: Self.textSize) + 18 }

    /// Draws the entry with its symbol's left edge at `x` and its text baseline at `y`.
    func draw(_ svg: inout SVGDocument, x: Double, y: Double) {
        let mid = y - 4
        switch symbol {
        case .line(let color, let width, let dash):
            svg.line(x1: x, y1: mid, x2: x + Self.symbolWidth, y2: mid, .stroked(color, width: width, dash: dash))
        case .swatch(let fill, let stroke):
            var paint = SVGPaint.filled(fill)
            if let stroke { paint.stroke = stroke }
            svg.rect(x: x + 3, y: mid - 6, width: Self.symbolWidth - 6, height: 12, paint)
        case .dot(let color):
            svg.circle(
                x: x + Self.symbolWidth / 2, y: mid, radius: 4, SVGPaint(fill: color, stroke: "#ffffff", strokeWidth: 1)
            )
        case .cross(let color):
            svg.cross(x: x + Self.symbolWidth / 2, y: mid, size: 8, .stroked(color, width: 2))
        }
        svg.text(label, x: x + Self.symbolWidth + 6, y: y, .sized(Self.textSize), class: "legend")
    }
}

/// The layout of a chart: title and subtitle at the top, then the legend in rows (wrapped to
/// the width, so it never covers data), the plot, the x axis, and notes at the bottom.
struct ChartFrame: Sendable {
    let width: Double
    var height: Double
    var title: String
    var subtitle: String?
    var legend: [LegendItem]
    var notes: [String]
    /// Room left of the plot (tick labels and the rotated y title) and right of it.
    var leftMargin: Double
    var rightMargin: Double
    /// Room below the plot for tick labels and the x title.
    var axisHeight: Double = 50
    /// Extra room above the plot (labels placed over it).
    var plotTopPadding: Double = 0

    static let titleSize = 16.0
    static let subtitleSize = 12.5
    static let noteSize = 11.5
    static let noteLineHeight = 15.0
    static let legendRowHeight = 19.0

    init(
        width: Double = 800, height: Double = 450, title: String, subtitle: String? = nil, legend: [LegendItem] = [],
        notes: [String] = [], leftMargin: Double = 76, rightMargin: Double = 24
    ) {
        self.width = width
        self.height = height
        self.title = title
        self.subtitle = subtitle
        self.legend = legend
        self.notes = notes
        self.leftMargin = leftMargin
        self.rightMargin = rightMargin
    }

    /// The legend entries grouped in rows that fit between the margins.
    var legendRows: [[LegendItem]] {
        var rows: [[LegendItem]] = []
        var current: [LegendItem] = []
        var used = 0.0
        let available = width - 2 * 16
        for item in legend {
            if !current.isEmpty && used + item.width > available {
                rows.append(current)
                current = []
                used = 0
            }
            current.append(item)
            used += item.width
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }

    /// The notes broken into lines that fit the width.
    var noteLines: [String] { notes.flatMap { Self.wrapped($0, width: width - 32, size: Self.noteSize) } }

    /// Baseline of the first legend row.
    var legendTop: Double { (subtitle == nil ? 30 : 48) + 20 }

    /// The plot rectangle left after title, legend, axis and notes.
    var plot: PlotArea {
        let top =
            legendTop + Double(legendRows.count) * Self.legendRowHeight + (legend.isEmpty ? -6 : 4) + plotTopPadding
        let bottom = height - axisHeight - Double(noteLines.count) * Self.noteLineHeight - 6
        return PlotArea(left: leftMargin, top: top, right: width - rightMargin, bottom: bottom)
    }

    /// A new document with the title, subtitle, legend and notes drawn.
    func document() -> SVGDocument {
        var svg = SVGDocument(width: width, height: height, title: title)
        svg.text(title, x: 16, y: 24, .sized(Self.titleSize, bold: true), class: "title")
        if let subtitle {
            svg.text(subtitle, x: 16, y: 42, .sized(Self.subtitleSize, color: "#555555"), class: "subtitle")
        }
        for (row, items) in legendRows.enumerated() {
            var x = 16.0
            let y = legendTop + Double(row) * Self.legendRowHeight
            for item in items {
                item.draw(&svg, x: x, y: y)
                x += item.width
            }
        }
        let lines = noteLines
        for (i, line) in lines.enumerated() {
            let y = height - 10 - Double(lines.count - 1 - i) * Self.noteLineHeight
            svg.text(line, x: 16, y: y, .sized(Self.noteSize, color: "#555555"), class: "note")
        }
        return svg
    }

    /// `text` broken at spaces into lines at most `width` pixels wide (estimated).
    static func wrapped(_ text: String, width: Double, size: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if !current.isEmpty && TextMetrics.width(candidate, size: size) > width {
                lines.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

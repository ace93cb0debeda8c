//===--- ChartPalette.swift -----------------------------------------------===//
//
// The colours of the charts: series, format regions, and the heat maps' colour scale.
//
//===----------------------------------------------------------------------===//

/// Colours chosen to stay apart for colour-blind readers (Okabe and Ito's palette for series,
/// viridis for sequential values) and on paper.
enum ChartPalette {
    /// Series colours in order: blue, vermillion, bluish green, reddish purple, orange, sky blue.
    static let series = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9"]

    /// The colour of the `index`-th series (cycling).
    static func series(_ index: Int) -> String { series[index % series.count] }

    /// Marks for events: divergence lines, skipped steps.
    static let alert = "#c0392b"
    static let neutral = "#555555"

    /// Shading of a format's exponent regions (exponent histograms).
    static let flushZone = "#d9d9d9"
    static let subnormalZone = "#fbe3a6"
    static let normalZone = "#dcefdc"
    static let overflowZone = "#f6c4c4"

    /// Heat map cells that are exactly 0 (no element flushed or overflowed): a light grey that
    /// the colour scale never produces.
    static let zeroCell = "#ececec"
    /// Heat map cells of steps without a record of that tensor.
    static let missingCell = "#ffffff"

    /// Viridis at nine evenly spaced stops, dark purple (low) to yellow (high).
    static let viridis: [(Double, Double, Double)] = [
        (68, 1, 84), (71, 44, 122), (59, 81, 139), (44, 113, 142), (33, 144, 141),
        (39, 173, 129), (92, 200, 99), (170, 220, 50), (253, 231, 37),
    ]

    /// The colour at `t` in 0...1 along ``viridis`` (linear between stops, clamped).
    static func sequential(_ t: Double) -> String {
        let clamped = t.isFinite ? min(max(t, 0), 1) : 0
        let position = clamped * Double(viridis.count - 1)
        let index = min(Int(position), viridis.count - 2)
        let f = position - Double(index)
        let (a, b) = (viridis[index], viridis[index + 1])
        return hex(a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f, a.2 + (b.2 - a.2) * f)
    }

    /// `#rrggbb` of channel values 0...255 (rounded half away from zero).
    static func hex(_ r: Double, _ g: Double, _ b: Double) -> String {
        let digits = Array("0123456789abcdef")
        return "#"
            + [r, g, b].map { channel in
                let v = Int(min(max(channel, 0), 255).rounded())
                return String([digits[v / 16], digits[v % 16]])
            }.joined()
    }
}

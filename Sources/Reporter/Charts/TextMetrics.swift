//===--- TextMetrics.swift ------------------------------------------------===//
//
// How wide a label will be, estimated without a font engine (for layout and overlap checks).
//
//===----------------------------------------------------------------------===//

/// Estimated advance widths of DejaVu Sans (the first font of ``SVGDocument/fontFamily``),
/// in ems, rounded up a little: layout leaves room for the widest likely rendering, so labels
/// do not collide when another sans-serif font is substituted.
enum TextMetrics {
    /// Estimated width in pixels of `text` at font size `size` (bold adds 8%).
    static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        var ems = 0.0
        for c in text { ems += advance(c) }
        return ems * size * (bold ? 1.08 : 1)
    }

    static func advance(_ c: Character) -> Double {
        switch c {
        case "i", "j", "l", "'", "|", ".", ",", ":", ";", "!": 0.30
        case "f", "t", "r", "I", " ", "(", ")", "[", "]", "/": 0.40
        case "m", "w", "M", "W": 0.92
        case "0"..."9": 0.64
        case "A"..."Z": 0.72
        case "a"..."z": 0.60
        case "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹", "⁻": 0.42
        case "·", "…": 0.50
        default: 0.70
        }
    }
}

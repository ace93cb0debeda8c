//===--- SVGNumber.swift --------------------------------------------------===//
//
// Numbers in SVG text: the same digits on every machine and every run.
//
//===----------------------------------------------------------------------===//

import NeuralNet

/// Formats numbers for SVG attributes and labels without locale or `String(format:)`: a fixed
/// number of decimals, rounded half away from zero, trailing zeros dropped (`12.5`, `3`,
/// `-0.25`), never `-0`, never exponent notation. Non-finite values print as `0` so that a
/// NaN that slipped through cannot make the document invalid (charts skip them earlier).
enum SVGNumber {
    /// Coordinates and lengths: two decimals (a hundredth of a pixel).
    static func text(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return "0" }
        // Coordinates stay far below 1e9; clamping keeps the Int64 inside KerasFormat safe.
        let clamped = min(max(value, -1e9), 1e9)
        return trimmed(KerasFormat.fixed(clamped, decimals: decimals))
    }

    /// Drops trailing zeros after a decimal point, and the point itself if nothing follows.
    static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var result = Substring(text)
        while result.last == "0" { result = result.dropLast() }
        if result.last == "." { result = result.dropLast() }
        return result == "-0" ? "0" : String(result)
    }

    /// `base` to the power `exponent` with superscript digits: `2⁻²⁴`, `10³`.
    static func power(_ base: Int, _ exponent: Int) -> String {
        String(base) + superscript(exponent)
    }

    /// `-24` as `⁻²⁴`.
    static func superscript(_ value: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let magnitude = String(value.magnitude).map { digits[Int($0.asciiValue! - 48)] }
        return (value < 0 ? "⁻" : "") + String(magnitude)
    }

    /// A count with thousands separators: `1,234,567`.
    static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }
}

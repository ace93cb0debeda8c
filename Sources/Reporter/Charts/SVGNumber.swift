//===--- SVGNumber.swift --------------------------------------------------===//
//
// Numbers in SVG text: the same digits on every machine and every run.
//
//===----------------------------------------------------------------------===//

import _MPStudySupport

/// Formats numbers for SVG attributes and labels without locale or `String(format:)`: a fixed
/// number of decimals, the shortest decimal rounded once with ties away from zero
/// (`DecimalText`), trailing zeros dropped (`12.5`, `3`, `-0.25`), never `-0`, never exponent
/// notation. Non-finite values print as `0` so that a NaN that slipped through cannot make
/// the document invalid (charts skip them earlier).
enum SVGNumber {
    /// Coordinates and lengths: two decimals (a hundredth of a pixel).
    static func text(_ value: Double, decimals: Int = 2) -> String {
        value.isFinite ? DecimalText.fixed(value, decimals: decimals, trimmingZeros: true) : "0"
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
}

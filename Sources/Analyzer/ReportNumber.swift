//===--- ReportNumber.swift -----------------------------------------------===//
//
// Numbers for prose and tables: short, exact enough, never in exponent notation.
//
//===----------------------------------------------------------------------===//

import NeuralNet

/// Formats numbers for findings and tables. Machine-readable files (CSV, JSON) keep the full
/// round-trip values; these strings are for people.
public enum ReportNumber {
    /// `value` to `digits` significant digits in positional notation, trailing zeros dropped:
    /// `significant(0.0071234) == "0.0071"`, `significant(32768) == "32768"`,
    /// `significant(0.099996) == "0.1"`. Integers at least 10^digits are kept whole.
    public static func significant(_ value: Double, digits: Int = 2) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        if value == 0 { return "0" }
        if abs(value) >= 1e15 { return String(describing: value) }
        var exponent = 0
        var magnitude = abs(value)
        while magnitude >= 10 { magnitude /= 10; exponent += 1 }
        while magnitude < 1 { magnitude *= 10; exponent -= 1 }
        let decimals = min(15, max(0, digits - 1 - exponent))
        return trimmed(KerasFormat.fixed(value, decimals: decimals))
    }

    /// A fraction as a percentage with two significant digits: `percent(0.007) == "0.7%"`,
    /// `percent(1e-7) == "0.00001%"`, `percent(0) == "0%"`.
    public static func percent(_ fraction: Double) -> String { significant(fraction * 100) + "%" }

    /// `part / whole` as ``percent(_:)``; "0%" when `whole` is 0.
    public static func percent(_ part: UInt64, of whole: UInt64) -> String {
        whole == 0 ? "0%" : percent(Double(part) / Double(whole))
    }

    /// A loss scale: `32768`, `0.5`; huge ones in the Float's own shortest form (`1e+30`,
    /// not the digits of its binary64 widening).
    public static func scale(_ value: Float) -> String {
        abs(value) >= 1e15 ? String(describing: value) : significant(Double(value), digits: 8)
    }

    /// Drops trailing zeros after a decimal point, and the point itself if nothing follows.
    static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var result = Substring(text)
        while result.last == "0" { result = result.dropLast() }
        if result.last == "." { result = result.dropLast() }
        return String(result)
    }
}

//===--- ReportNumber.swift -----------------------------------------------===//
//
// Numbers for prose and tables: short, exact enough, never in exponent notation.
//
//===----------------------------------------------------------------------===//

import _MPStudySupport

/// Formats numbers for findings and tables. Machine-readable files (CSV, JSON) keep the full
/// round-trip values; these strings are for people.
public enum ReportNumber {
    /// `value` to `digits` significant digits in positional notation, trailing zeros dropped:
    /// `significant(0.0071234) == "0.0071"`, `significant(32768) == "32768"`,
    /// `significant(0.099996) == "0.1"`. Integers at least 10^digits are kept whole; from 10^15
    /// on, Swift's `description` (`1e+16`). The value's shortest decimal is rounded once, ties
    /// away from zero: `significant(-1.25) == "-1.3"` (`DecimalText` in `_MPStudySupport`).
    public static func significant(_ value: Double, digits: Int = 2) -> String {
        if abs(value) >= 1e15 { return String(describing: value) }
        return DecimalText.significant(value, digits: digits, trimmingZeros: true)
    }

    /// A loss or an accuracy with four decimals, as Keras prints metrics (`0.9247`):
    /// the digits of `KerasFormat.metric`, so a report matches the training log.
    public static func metric(_ value: Double) -> String { DecimalText.fixed(value, decimals: 4) }

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
}

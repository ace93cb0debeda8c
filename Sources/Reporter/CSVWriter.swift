//===--- CSVWriter.swift --------------------------------------------------===//
//
// steps.csv, layers.csv and histograms.csv: tidy tables for pandas.
//
//===----------------------------------------------------------------------===//

import Analyzer
import Precision

/// The tidy CSV files of a run.
///
/// - `steps.csv`: one row per training step; `seconds` (wall time) is its only timing column.
/// - `layers.csv`: one row per step x layer x tensor, one column per statistic, no timing
///   columns: two runs with the same seed, data and configuration give the same
///   bytes. Cells of statistic groups that do not apply to a tensor are empty.
/// - `histograms.csv`: one row per step x layer x tensor x nonzero exponent bin, with the
///   format region the exponent falls in (the shading of a histogram chart).
///
/// Every file starts with a `policy` column, so that the files of compared runs concatenate.
public enum CSVWriter {
    // MARK: steps.csv

    public static let stepsHeader = [
        "policy", "step", "epoch", "batch", "samples", "loss", "accuracy", "loss_scale", "skipped",
        "nonfinite_gradients", "seconds",
    ]

    public static func steps(_ run: RunRecord) -> String {
        var out = TextSink()
        out.writeRow(stepsHeader.map(CSVField.text))
        for step in run.steps { writeStep(step, policy: run.settings.policy, to: &out) }
        return out.text
    }

    /// The row of `step`.
    static func writeStep(_ step: StepRecord, policy: String, to out: inout TextSink) {
        let m = step.metrics
        out.writeRow([
            .text(policy), .int(step.step), .int(step.epoch), .int(step.batch),
            .optional(m?.samples), .optional(m?.loss), .optional(m?.accuracy),
            m.map { .float($0.lossScale) } ?? .empty, m.map { .bool($0.skipped) } ?? .empty,
            .optional(m?.nonFiniteGradients), .optional(m?.seconds),
        ])
    }

    // MARK: layers.csv

    public static let layersHeader =
        [
            "policy", "step", "epoch", "batch", "layer", "tensor", "format", "shape", "loss_scale",
            "count", "overflow", "underflow", "subnormal", "nan_input", "inf_input", "zeros",
            "overflow_fraction", "underflow_fraction", "subnormal_fraction",
            "error_count", "error_mean", "error_rms", "error_max", "error_mean_u", "error_rms_u", "error_max_u",
            "exponent_min", "exponent_max",
            "unscaled_overflow", "unscaled_underflow", "unscaled_subnormal",
            "unscaled_overflow_fraction", "unscaled_underflow_fraction", "unscaled_subnormal_fraction",
            "update_count", "update_nonzero", "lost_float32", "lost_compute",
            "lost_float32_fraction", "lost_compute_fraction",
            "drift_squared_difference", "drift_squared_reference", "drift",
        ] + recipeColumns

    public static func layers(_ run: RunRecord) -> String {
        var out = TextSink()
        out.writeRow(layersHeader.map(CSVField.text))
        for step in run.steps { writeLayers(step, policy: run.settings.policy, to: &out) }
        return out.text
    }

    /// The rows of `step`'s records.
    static func writeLayers(_ step: StepRecord, policy: String, to out: inout TextSink) {
        for record in step.tensors {
            out.writeRow(layerRow(policy, step, record) + Array(repeating: .empty, count: recipeColumns.count))
        }
        for record in step.quantizations ?? [] { out.writeRow(quantizationRow(policy, step, record)) }
        for record in step.errorBudgets ?? [] { out.writeRow(errorBudgetRow(policy, step, record)) }
    }

    /// Fractions are of `count` (all elements seen); lost-update fractions are of the nonzero
    /// updates; `_u` errors are relative errors divided by u = 2^-p of the record's format.
    static func layerRow(_ policy: String, _ step: StepRecord, _ t: TensorRecord) -> [CSVField] {
        var row: [CSVField] = [
            .text(policy), .int(step.step), .int(step.epoch), .int(step.batch), .text(t.layer), .text(t.tensor),
            t.format.map { .text($0.rawValue) } ?? .empty,
            t.shape.isEmpty ? .empty : .text(t.shape.map(String.init).joined(separator: "x")),
            t.lossScale.map(CSVField.float) ?? .empty,
        ]
        if let r = t.rounding {
            let n = Double(r.count)
            let fraction = { (k: UInt64) -> CSVField in r.count == 0 ? .empty : .double(Double(k) / n) }
            let u = t.format.map(Findings.unit) ?? 1
            // The lowest and highest nonzero exponent bins (bin 0, the float32 subnormals, is the lowest).
            let bins = r.histogram.bins
            let subnormals = bins[0] != 0 ? 0 : nil
            let low = (subnormals ?? (1...254).first { bins[$0] != 0 }).flatMap(ExponentHistogram.exponent(ofBin:))
            let high = ((1...254).last { bins[$0] != 0 } ?? subnormals).flatMap(ExponentHistogram.exponent(ofBin:))
            row += [
                .count(r.count), .count(r.overflow), .count(r.underflow), .count(r.subnormal),
                .count(r.nan), .count(r.infinite), .count(r.histogram.zeros),
                fraction(r.overflow), fraction(r.underflow), fraction(r.subnormal),
                .count(r.errorCount), .double(r.meanRelativeError), .double(r.rmsRelativeError), .double(r.errorMax),
                .double(r.meanRelativeError / u), .double(r.rmsRelativeError / u), .double(r.errorMax / u),
                .optional(low), .optional(high),
            ]
        } else {
            row += Array(repeating: .empty, count: 19)
        }
        if let c = t.unscaled {
            let n = t.rounding.map { Double($0.count) } ?? 0
            let fraction = { (k: UInt64) -> CSVField in n == 0 ? .empty : .double(Double(k) / n) }
            row += [
                .count(c.overflow), .count(c.underflow), .count(c.subnormal),
                fraction(c.overflow), fraction(c.underflow), fraction(c.subnormal),
            ]
        } else {
            row += Array(repeating: .empty, count: 6)
        }
        if let u = t.updates {
            let fraction = { (k: UInt64) -> CSVField in
                u.nonzero == 0 ? .double(0) : .double(Double(k) / Double(u.nonzero))
            }
            row += [
                .count(u.count), .count(u.nonzero), .count(u.lostInFloat32), .count(u.lostInCompute),
                fraction(u.lostInFloat32), fraction(u.lostInCompute),
            ]
        } else {
            row += Array(repeating: .empty, count: 6)
        }
        if let d = t.drift {
            row += [.double(d.squaredDifference), .double(d.squaredReference), .double(d.relativeErrorNorm)]
        } else {
            row += Array(repeating: .empty, count: 3)
        }
        return row
    }

    // MARK: histograms.csv

    public static let histogramsHeader = ["policy", "step", "layer", "tensor", "format", "exponent", "region", "count"]

    /// Nonzero bins only. `exponent` is floor(log2 |x|) (-127 stands for the float32
    /// subnormals, below 2^-126); zeros and non-finite values have an empty exponent and the
    /// regions `zero` and `nonfinite`. Other regions: `normal`, `subnormal`, `above_range`,
    /// `below_range` of the record's format (``FormatRange/region(ofExponent:)``).
    public static func histograms(_ run: RunRecord) -> String {
        var out = TextSink()
        out.writeRow(histogramsHeader.map(CSVField.text))
        for step in run.steps {
            writeHistograms(step, policy: run.settings.policy, computeFormat: run.settings.computeFormat, to: &out)
        }
        return out.text
    }

    /// The rows of `step`'s histograms: the cells up to the format are the same for every bin
    /// of a record and written from one string, those from the exponent to the region come
    /// from ``binCells``.
    static func writeHistograms(
        _ step: StepRecord, policy: String, computeFormat: ComputeFormat, to out: inout TextSink
    ) {
        let stepCells = CSVField.text(policy).text + "," + String(step.step) + ","
        for t in step.tensors {
            guard let r = t.rounding else { continue }
            let format = t.format ?? computeFormat
            let prefix =
                stepCells + CSVField.text(t.layer).text + "," + CSVField.text(t.tensor).text + ","
                + CSVField.text(format.rawValue).text + ","
            let cells = binCells[format]!
            r.histogram.bins.withUnsafeBufferPointer { bins in
                for bin in 0..<ExponentHistogram.binCount where bins[bin] != 0 {
                    out.write(prefix)
                    out.write(cells[bin])
                    out.write(String(bins[bin]))
                    out.write(UInt8(ascii: "\n"))
                }
            }
        }
    }

    /// Per format, the `exponent,region,` cells of each histogram bin (see ``histograms(_:)``).
    static let binCells: [ComputeFormat: [String]] = Dictionary(
        uniqueKeysWithValues: ComputeFormat.allCases.map { format in
            let range = FormatRange(format)
            return (
                format,
                (0..<ExponentHistogram.binCount).map { bin in
                    let exponent = ExponentHistogram.exponent(ofBin: bin)
                    let region =
                        exponent.map(range.region(ofExponent:))
                        ?? (bin == ExponentHistogram.zeroBin ? "zero" : "nonfinite")
                    return CSVField.optional(exponent).text + "," + CSVField.text(region).text + ","
                }
            )
        })
}

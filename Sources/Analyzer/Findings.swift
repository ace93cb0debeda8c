//===--- Findings.swift ---------------------------------------------------===//
//
// Plain-word findings computed from a run record: what the narrow format did, and where.
//
//===----------------------------------------------------------------------===//

import NeuralNet
import Precision

/// One sentence about a run, e.g. "dense_2 activation gradients: 0.7% would flush to zero
/// without loss scaling; with scale 32768, 0.00001%."
public struct Finding: Sendable, Equatable {
    /// What the finding is about.
    public enum Topic: String, Sendable {
        case divergence, skippedSteps, lossScaling, overflow, underflow, roundingError, lostUpdates, drift
    }

    public let topic: Topic
    /// The layer concerned (nil for run-wide findings).
    public let layer: String?
    public let text: String
}

/// Computes ``Finding``s from a ``RunRecord``, for the layers and tensors its settings
/// select. Percentages are of the elements seen over all training steps.
public enum Findings {
    public static func compute(_ run: RunRecord) -> [Finding] {
        var findings = runWide(run)
        let selection = run.settings.tensors
        for layer in run.settings.layers.layers {
            let tensors = run.recordedTensors(layer: layer).filter { name in
                TensorKind(reportName: name).map(selection.contains) ?? false
            }
            let totals = tensors.map { run.totals(layer: layer, tensor: $0) }
            for t in totals { findings += perTensor(t, layer: layer, run: run) }
            if let error = largestError(totals, layer: layer) { findings.append(error) }
            if selection.contains(.activation), let drift = drift(run.totals(layer: layer, tensor: TensorKind.activation.reportName), layer: layer, run: run) {
                findings.append(drift)
            }
        }
        return findings
    }

    // MARK: Run-wide

    static func runWide(_ run: RunRecord) -> [Finding] {
        var findings: [Finding] = []
        if let d = run.divergence {
            findings.append(Finding(topic: .divergence, layer: nil, text:
                "Training diverged at step \(d.step): \(d.reason). The report covers the \(run.steps.count) step\(run.steps.count == 1 ? "" : "s") recorded up to then; no test evaluation was run."))
        }
        let metrics = run.steps.compactMap { step in step.metrics.map { (step.step, $0) } }
        let skipped = metrics.filter { $0.1.skipped }.map(\.0)
        if !skipped.isEmpty {
            findings.append(Finding(topic: .skippedSteps, layer: nil, text:
                "\(skipped.count) of \(metrics.count) steps were skipped because their gradients were not finite (\(stepList(skipped))); each halved the loss scale."))
        }
        if let first = metrics.first?.1.lossScale, let last = metrics.last?.1.lossScale, first != last {
            findings.append(Finding(topic: .lossScaling, layer: nil, text:
                "The loss scale went from \(ReportNumber.scale(first)) at step \(metrics.first!.0) to \(ReportNumber.scale(last)) at step \(metrics.last!.0)."))
        }
        return findings
    }

    // MARK: Per tensor

    static func perTensor(_ t: TensorTotals, layer: String, run: RunRecord) -> [Finding] {
        let name = "\(layer) \(TensorKind(reportName: t.tensor)?.phrase ?? t.tensor)"
        var findings: [Finding] = []
        if let r = t.rounding, r.count > 0 {
            if r.nan + r.infinite > 0 {
                findings.append(Finding(topic: .overflow, layer: layer, text:
                    "\(name): \(ReportNumber.percent(r.nan + r.infinite, of: r.count)) of the values were already NaN or infinite before rounding (\(r.nan) NaN, \(r.infinite) infinite)."))
            }
            if r.overflow > 0 {
                findings.append(Finding(topic: .overflow, layer: layer, text:
                    "\(name): \(r.overflow) value\(r.overflow == 1 ? "" : "s") (\(ReportNumber.percent(r.overflow, of: r.count))) overflowed to infinity in \(formatName(t.format))."))
            }
            if let u = t.unscaled, let scales = t.lossScaleRange, scales != 1...1 {
                if u.underflow > 0 || r.underflow > 0 {
                    findings.append(Finding(topic: .underflow, layer: layer, text:
                        "\(name): \(ReportNumber.percent(u.underflow, of: r.count)) would flush to zero without loss scaling; with \(scaleWords(scales)), \(ReportNumber.percent(r.underflow, of: r.count))."))
                }
                if u.overflow > 0 && r.overflow == 0 {
                    findings.append(Finding(topic: .overflow, layer: layer, text:
                        "\(name): \(ReportNumber.percent(u.overflow, of: r.count)) would overflow without loss scaling; with \(scaleWords(scales)), none did."))
                }
            } else if r.underflow > 0 || r.subnormal > 0 {
                let flushed = r.underflow > 0 ? "\(ReportNumber.percent(r.underflow, of: r.count)) flushed to zero" : "none flushed to zero"
                let note = t.unscaled != nil ? ", without loss scaling" : ""
                findings.append(Finding(topic: .underflow, layer: layer, text:
                    "\(name): \(ReportNumber.percent(r.subnormal, of: r.count)) became subnormal (precision lost), \(flushed)\(note)."))
            }
        }
        if let u = t.updates, u.nonzero > 0 {
            findings.append(Finding(topic: .lostUpdates, layer: layer, text: lostUpdatesText(name, u, run: run)))
        }
        return findings
    }

    static func lostUpdatesText(_ name: String, _ u: UpdateStatistics, run: RunRecord) -> String {
        let compute = run.settings.computeFormat, variable = run.settings.variableFormat
        let lostCompute = ReportNumber.percent(u.lostInCompute, of: u.nonzero)
        let lostFloat32 = ReportNumber.percent(u.lostInFloat32, of: u.nonzero)
        if variable == .float32 && compute != .float32 {
            return "\(name): \(lostCompute) of the nonzero updates would be lost if the weights were kept in \(compute.rawValue); \(lostFloat32) are lost in the float32 master weights."
        }
        if variable != .float32 {
            return "\(name): \(lostCompute) of the nonzero updates were lost: the weights are kept in \(variable.rawValue) (\(lostFloat32) would be lost in float32)."
        }
        return "\(name): \(lostFloat32) of the nonzero updates were lost in float32."
    }

    /// The selected tensor of `layer` with the largest mean relative rounding error.
    static func largestError(_ totals: [TensorTotals], layer: String) -> Finding? {
        let rounded = totals.compactMap { t -> (TensorTotals, RoundingStatistics, ComputeFormat)? in
            guard let r = t.rounding, r.errorCount > 0, let f = t.format, f != .float32 else { return nil }
            return (t, r, f)
        }
        guard let (t, r, f) = rounded.max(by: { $0.1.meanRelativeError < $1.1.meanRelativeError }) else { return nil }
        let u = unit(f)
        let kind = TensorKind(reportName: t.tensor)?.phrase ?? t.tensor
        return Finding(topic: .roundingError, layer: layer, text:
            "\(layer): the largest mean rounding error is in the \(kind): \(ReportNumber.significant(r.meanRelativeError / u)) u (u = 2^-\(f.precision)), RMS \(ReportNumber.significant(r.rmsRelativeError / u)) u, max \(ReportNumber.significant(r.errorMax / u)) u.")
    }

    static func drift(_ t: TensorTotals, layer: String, run: RunRecord) -> Finding? {
        guard let mean = t.meanDrift, let max = t.maxDrift else { return nil }
        return Finding(topic: .drift, layer: layer, text:
            "\(layer) output drifts from the float32 shadow pass by \(ReportNumber.percent(mean)) (relative error norm, mean of \(t.drifts.count) check\(t.drifts.count == 1 ? "" : "s"); max \(ReportNumber.percent(max)))."
        )
    }

    // MARK: Words

    /// u = 2^-p of `format`.
    public static func unit(_ format: ComputeFormat) -> Double {
        var u = 1.0
        for _ in 0..<format.precision { u /= 2 }
        return u
    }

    static func scaleWords(_ scales: ClosedRange<Float>) -> String {
        scales.lowerBound == scales.upperBound ? "scale \(ReportNumber.scale(scales.lowerBound))"
            : "scales \(ReportNumber.scale(scales.lowerBound)) to \(ReportNumber.scale(scales.upperBound))"
    }

    static func formatName(_ format: ComputeFormat?) -> String { format?.rawValue ?? "the compute format" }

    /// `steps 1, 2, 3` (at most 10 listed).
    static func stepList(_ steps: [Int]) -> String {
        let shown = steps.prefix(10).map(String.init).joined(separator: ", ")
        return (steps.count == 1 ? "step " : "steps ") + shown + (steps.count > 10 ? ", ..." : "")
    }
}

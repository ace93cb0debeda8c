//===--- Findings.swift ---------------------------------------------------===//
//
// The findings of a run record: what the narrow format did, and where, as values.
//
//===----------------------------------------------------------------------===//

import NeuralNet
import Precision

/// Computes ``Finding``s from a ``RunRecord``, for the layers and tensors its settings
/// select, in report order: run-wide findings first, then per layer its tensors' findings
/// (forward to backward), its largest rounding error and its drift. Shares are of the
/// elements seen over all training steps. The words are the Reporter's (`FindingText`).
public enum Findings {
    public static func compute(_ run: RunRecord) -> [Finding] {
        compute(run, totals: RunTotals(steps: run.steps))
    }

    /// The findings of `run` with its tensors' `totals` gathered beforehand (a report streams
    /// the steps once; `run`'s steps need only their metrics).
    public static func compute(_ run: RunRecord, totals all: RunTotals) -> [Finding] {
        var findings = runWide(run)
        let selection = run.settings.tensors
        for layer in run.settings.layers.layers {
            let tensors = all.recordedTensors(layer: layer).filter { name in
                TensorKind(reportName: name).map(selection.contains) ?? false
            }
            let totals = tensors.map { all.totals(layer: layer, tensor: $0) }
            for t in totals { findings += perTensor(t, run: run) }
            if let error = largestError(totals) { findings.append(error) }
            findings += quantized(all.operands.filter { $0.layer == layer })
            if selection.contains(.activation),
                let drift = drift(all.totals(layer: layer, tensor: TensorKind.activation.reportName))
            {
                findings.append(drift)
            }
        }
        return findings
    }

    /// The smallest share of a layer's operand elements saturated or flushed that is worth a
    /// finding (0.1%).
    static let quantizationThreshold = 0.001

    /// A layer's operands under a recipe: the one with the largest flushed share and the one
    /// with the largest saturated share, when at least ``quantizationThreshold`` (one finding
    /// when they are the same operand), in the layer's operand order.
    static func quantized(_ operands: [OperandTotals]) -> [Finding] {
        func share(_ k: UInt64, _ o: OperandTotals) -> Double {
            o.outcome.count == 0 ? 0 : Double(k) / Double(o.outcome.count)
        }
        let flushed = operands.max { share($0.outcome.flushed, $0) < share($1.outcome.flushed, $1) }
        let saturated = operands.max { share($0.outcome.saturated, $0) < share($1.outcome.saturated, $1) }
        var chosen: [GEMMOperand] = []
        if let f = flushed, share(f.outcome.flushed, f) >= quantizationThreshold { chosen.append(f.operand) }
        if let s = saturated, share(s.outcome.saturated, s) >= quantizationThreshold, !chosen.contains(s.operand) {
            chosen.append(s.operand)
        }
        return operands.filter { chosen.contains($0.operand) }.map { o in
            let other = o.counterfactualKind.map { kind in
                Finding.OtherScaling(
                    kind: kind, saturated: Proportion(o.counterfactual.saturated, of: o.counterfactual.count),
                    flushed: Proportion(o.counterfactual.flushed, of: o.counterfactual.count),
                    ownSaturated: Proportion(o.counterfactualActual.saturated, of: o.counterfactualActual.count),
                    ownFlushed: Proportion(o.counterfactualActual.flushed, of: o.counterfactualActual.count),
                    steps: o.counterfactualSteps)
            }
            return .quantized(
                layer: o.layer, operand: o.operand.rawValue, element: o.element, scheme: o.scheme,
                saturated: Proportion(o.outcome.saturated, of: o.outcome.count),
                flushed: Proportion(o.outcome.flushed, of: o.outcome.count), other: other)
        }
    }

    // MARK: Run-wide

    static func runWide(_ run: RunRecord) -> [Finding] {
        var findings: [Finding] = []
        if let d = run.divergence {
            findings.append(.diverged(step: d.step, reason: d.reason, recordedSteps: run.steps.count))
        }
        let metrics = run.steps.compactMap { step in step.metrics.map { (step.step, $0) } }
        let skipped = metrics.filter { $0.1.skipped }.map(\.0)
        if !skipped.isEmpty {
            findings.append(.skippedSteps(skipped: skipped, steps: metrics.count))
        }
        if let first = metrics.first, let last = metrics.last, first.1.lossScale != last.1.lossScale {
            findings.append(
                .lossScaleChanged(
                    from: first.1.lossScale, firstStep: first.0,
                    to: last.1.lossScale, lastStep: last.0))
        }
        return findings
    }

    // MARK: Per tensor

    static func perTensor(_ t: TensorTotals, run: RunRecord) -> [Finding] {
        let layer = t.layer
        let tensor = t.tensor
        var findings: [Finding] = []
        if let r = t.rounding, r.count > 0 {
            if r.nan + r.infinite > 0 {
                findings.append(
                    .nonFiniteInputs(layer: layer, tensor: tensor, nan: r.nan, infinite: r.infinite, count: r.count))
            }
            if r.overflow > 0 {
                findings.append(
                    .overflowed(
                        layer: layer, tensor: tensor, overflowed: Proportion(r.overflow, of: r.count),
                        format: t.format))
            }
            if let u = t.unscaled, let scales = t.lossScaleRange, scales != 1...1 {
                if u.underflow > 0 || r.underflow > 0 {
                    findings.append(
                        .underflowWithoutScaling(
                            layer: layer, tensor: tensor, unscaled: Proportion(u.underflow, of: r.count),
                            scaled: Proportion(r.underflow, of: r.count), scales: scales))
                }
                if u.overflow > 0 && r.overflow == 0 {
                    findings.append(
                        .overflowWithoutScaling(
                            layer: layer, tensor: tensor, unscaled: Proportion(u.overflow, of: r.count), scales: scales)
                    )
                }
            } else if r.underflow > 0 || r.subnormal > 0 {
                findings.append(
                    .subnormal(
                        layer: layer, tensor: tensor, subnormal: Proportion(r.subnormal, of: r.count),
                        flushed: Proportion(r.underflow, of: r.count), withoutLossScaling: t.unscaled != nil))
            }
        }
        if let u = t.updates, u.nonzero > 0 {
            findings.append(
                .lostUpdates(
                    layer: layer, tensor: tensor, inCompute: Proportion(u.lostInCompute, of: u.nonzero),
                    inFloat32: Proportion(u.lostInFloat32, of: u.nonzero),
                    compute: run.settings.computeFormat, variables: run.settings.variableFormat))
        }
        return findings
    }

    /// The tensor among `totals` (one layer's, rounded below float32) with the largest mean
    /// relative rounding error.
    static func largestError(_ totals: [TensorTotals]) -> Finding? {
        let rounded = totals.compactMap { t -> (TensorTotals, RoundingStatistics, ComputeFormat)? in
            guard let r = t.rounding, r.errorCount > 0, let f = t.format, f != .float32 else { return nil }
            return (t, r, f)
        }
        guard let (t, r, f) = rounded.max(by: { $0.1.meanRelativeError < $1.1.meanRelativeError }) else { return nil }
        let u = unit(f)
        return .largestRoundingError(
            layer: t.layer, tensor: t.tensor, format: f, mean: r.meanRelativeError / u,
            rms: r.rmsRelativeError / u, max: r.errorMax / u)
    }

    /// The drift of a layer's activations against the float32 shadow pass, if it was checked.
    static func drift(_ t: TensorTotals) -> Finding? {
        guard let mean = t.meanDrift, let max = t.maxDrift else { return nil }
        return .drift(layer: t.layer, mean: mean, max: max, checks: t.drifts.count)
    }

    /// u = 2^-p of `format`.
    public static func unit(_ format: ComputeFormat) -> Double {
        var u = 1.0
        for _ in 0..<format.precision { u /= 2 }
        return u
    }
}

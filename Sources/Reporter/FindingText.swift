//===--- FindingText.swift ------------------------------------------------===//
//
// The sentence of each finding: the words are the Reporter's, the numbers the Analyzer's.
//
//===----------------------------------------------------------------------===//

import Analyzer
import NeuralNet
import Precision

/// Writes a ``Finding`` as one plain-English sentence, for summary.md, the reports index and
/// the terminal. Percentages and multiples of u have two significant digits
/// (``ReportNumber``); loss scales print whole (`32768`).
public enum FindingText {
    /// The sentence for `finding`, e.g. "dense_2 activation gradients: 0.7% would flush to
    /// zero without loss scaling; with scale 32768, 0.00001%."
    public static func sentence(_ finding: Finding) -> String {
        switch finding {
        case let .diverged(step, reason, recorded):
            "Training diverged at step \(step): \(reason). The report covers the \(recorded) step\(plural(recorded)) "
                + "recorded up to then; no test evaluation was run."
        case let .skippedSteps(skipped, steps):
            "\(skipped.count) of \(steps) steps were skipped because their gradients were not finite "
                + "(\(stepList(skipped))); each halved the loss scale."
        case let .lossScaleChanged(from, firstStep, to, lastStep):
            "The loss scale went from \(ReportNumber.scale(from)) at step \(firstStep) "
                + "to \(ReportNumber.scale(to)) at step \(lastStep)."
        case let .nonFiniteInputs(layer, tensor, nan, infinite, count):
            "\(name(layer, tensor)): \(ReportNumber.percent(nan + infinite, of: count)) of the values were already NaN "
                + "or infinite before rounding (\(nan) NaN, \(infinite) infinite)."
        case let .overflowed(layer, tensor, overflowed, format):
            "\(name(layer, tensor)): \(overflowed.part) value\(plural(overflowed.part)) (\(percent(overflowed))) "
                + "overflowed to infinity in \(format?.rawValue ?? "the compute format")."
        case let .underflowWithoutScaling(layer, tensor, unscaled, scaled, scales):
            "\(name(layer, tensor)): \(percent(unscaled)) would flush to zero without loss scaling; "
                + "with \(scaleWords(scales)), \(percent(scaled))."
        case let .overflowWithoutScaling(layer, tensor, unscaled, scales):
            "\(name(layer, tensor)): \(percent(unscaled)) would overflow without loss scaling; "
                + "with \(scaleWords(scales)), none did."
        case let .subnormal(layer, tensor, subnormal, flushed, withoutLossScaling):
            "\(name(layer, tensor)): \(percent(subnormal)) became subnormal (precision lost), "
                + (flushed.part > 0 ? "\(percent(flushed)) flushed to zero" : "none flushed to zero")
                + (withoutLossScaling ? ", without loss scaling" : "") + "."
        case let .lostUpdates(layer, tensor, inCompute, inFloat32, compute, variables):
            lostUpdates(
                name(layer, tensor), inCompute: percent(inCompute), inFloat32: percent(inFloat32),
                compute: compute, variables: variables)
        case let .largestRoundingError(layer, tensor, format, mean, rms, max):
            "\(layer): the largest mean rounding error is in the \(TensorKind.phrase(reportName: tensor)): "
                + "\(ReportNumber.significant(mean)) u (u = 2^-\(format.precision)), "
                + "RMS \(ReportNumber.significant(rms)) u, "
                + "max \(ReportNumber.significant(max)) u."
        case let .drift(layer, mean, max, checks):
            "\(layer) output drifts from the float32 shadow pass by \(ReportNumber.percent(mean)) "
                + "(relative error norm, "
                + "mean of \(checks) check\(plural(checks)); max \(ReportNumber.percent(max)))."
        case let .quantized(layer, operand, element, scheme, saturated, flushed, other):
            "\(layer) \(operand) (\(element.rawValue), \(schemeWords(scheme))): \(percent(flushed)) flushed to zero, "
                + "\(percent(saturated)) saturated"
                + (other.map { o in
                    "; with \(o.kind.phrase) instead, \(percent(o.flushed)) would flush and \(percent(o.saturated)) "
                        + "saturate (against \(percent(o.ownFlushed)) and \(percent(o.ownSaturated)) on the same "
                        + "\(o.steps) step\(plural(o.steps)))"
                } ?? "") + "."
        }
    }

    /// `tensor` as words: "one per-tensor scale", "MX blocks of 32", "NVFP4 blocks of 16".
    static func schemeWords(_ scheme: String) -> String {
        switch scheme {
        case "tensor": "one per-tensor scale"
        case "nvfp4": "NVFP4 blocks of 16"
        default: scheme.hasPrefix("mx") ? "MX blocks of \(scheme.dropFirst(2))" : scheme
        }
    }

    /// Where the weights are kept decides which loss is real and which hypothetical.
    static func lostUpdates(
        _ name: String, inCompute: String, inFloat32: String, compute: ComputeFormat,
        variables: ComputeFormat
    ) -> String {
        if variables == .float32 && compute != .float32 {
            return "\(name): \(inCompute) of the nonzero updates would be lost if the weights were kept in "
                + "\(compute.rawValue); \(inFloat32) are lost in the float32 master weights."
        }
        if variables != .float32 {
            return "\(name): \(inCompute) of the nonzero updates were lost: the weights are kept in "
                + "\(variables.rawValue) (\(inFloat32) would be lost in float32)."
        }
        return "\(name): \(inFloat32) of the nonzero updates were lost in float32."
    }

    // MARK: Words

    /// `dense_2 activation gradients`.
    static func name(_ layer: String, _ tensor: String) -> String {
        "\(layer) \(TensorKind.phrase(reportName: tensor))"
    }

    static func percent(_ share: Proportion) -> String { ReportNumber.percent(share.part, of: share.whole) }

    static func plural<Count: BinaryInteger>(_ count: Count) -> String { count == 1 ? "" : "s" }

    /// `scale 32768` or `scales 16384 to 32768`.
    static func scaleWords(_ scales: ClosedRange<Float>) -> String {
        scales.lowerBound == scales.upperBound
            ? "scale \(ReportNumber.scale(scales.lowerBound))"
            : "scales \(ReportNumber.scale(scales.lowerBound)) to \(ReportNumber.scale(scales.upperBound))"
    }

    /// `step 3` or `steps 1, 2, 3` (at most 10 listed, then `...`).
    static func stepList(_ steps: [Int]) -> String {
        let shown = steps.prefix(10).map(String.init).joined(separator: ", ")
        return (steps.count == 1 ? "step " : "steps ") + shown + (steps.count > 10 ? ", ..." : "")
    }
}

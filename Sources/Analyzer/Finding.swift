//===--- Finding.swift ----------------------------------------------------===//
//
// One thing a run's record shows, as values; the Reporter puts it into words.
//
//===----------------------------------------------------------------------===//

import Precision

/// One finding about a run: what the narrow format did, where, and how much, as the numbers
/// that show it. ``Findings/compute(_:)`` finds them; the Reporter's `FindingText` writes the
/// sentence (e.g. "dense_2 activation gradients: 0.7% would flush to zero without loss
/// scaling; with scale 32768, 0.00001%."). Layers are layer names, tensors report names
/// (``TensorKind/reportName``); shares are of the elements seen over all training steps.
public enum Finding: Sendable, Equatable {
    /// What a finding is about.
    public enum Topic: String, Sendable {
        case divergence, skippedSteps, lossScaling, overflow, underflow, roundingError, lostUpdates, drift
        case quantization
    }

    /// A recipe's other scaling on the same elements: which one, and what it would have
    /// saturated and flushed (on the steps that recorded it, as `steps` counts).
    public struct OtherScaling: Sendable, Equatable {
        public var kind: ScalingCounterfactual
        public var saturated: Proportion
        public var flushed: Proportion
        public var ownSaturated: Proportion
        public var ownFlushed: Proportion
        public var steps: Int
    }

    /// Training stopped at `step` for `reason`; `recordedSteps` steps are in the record.
    case diverged(step: Int, reason: String, recordedSteps: Int)
    /// These steps (in order) were skipped for non-finite gradients, out of `steps` with metrics.
    case skippedSteps(skipped: [Int], steps: Int)
    /// The loss scale was `from` at the first step with metrics, `firstStep`, and `to` at the
    /// last, `lastStep` (only when the two differ).
    case lossScaleChanged(from: Float, firstStep: Int, to: Float, lastStep: Int)
    /// Values that were already NaN (`nan`) or infinite (`infinite`) before rounding, among `count`.
    case nonFiniteInputs(layer: String, tensor: String, nan: UInt64, infinite: UInt64, count: UInt64)
    /// Finite values that rounded to infinity in `format` (nil: the format is not recorded).
    case overflowed(layer: String, tensor: String, overflowed: Proportion, format: ComputeFormat?)
    /// A loss-scaled tensor: the share that would flush to zero at scale 1 (`unscaled`) and the
    /// share that did (`scaled`) with the scales it carried.
    case underflowWithoutScaling(
        layer: String, tensor: String, unscaled: Proportion, scaled: Proportion,
        scales: ClosedRange<Float>)
    /// A loss-scaled tensor in which nothing overflowed: the share that would overflow at scale 1.
    case overflowWithoutScaling(layer: String, tensor: String, unscaled: Proportion, scales: ClosedRange<Float>)
    /// Values that became subnormal and that flushed to zero; `withoutLossScaling` for a
    /// gradient recorded without a loss scale (scale 1).
    case subnormal(
        layer: String, tensor: String, subnormal: Proportion, flushed: Proportion,
        withoutLossScaling: Bool)
    /// Nonzero weight updates lost in the `compute` format and in float32, with the run's
    /// `variables` format (where the weights are kept).
    case lostUpdates(
        layer: String, tensor: String, inCompute: Proportion, inFloat32: Proportion,
        compute: ComputeFormat, variables: ComputeFormat)
    /// The selected tensor of the layer with the largest mean relative rounding error, its
    /// mean, RMS and maximum in units of u = 2^-p of `format` (``Findings/unit(_:)``).
    case largestRoundingError(
        layer: String, tensor: String, format: ComputeFormat, mean: Double, rms: Double,
        max: Double)
    /// The layer's output against the float32 shadow pass: mean and largest relative error
    /// norm over `checks` checks.
    case drift(layer: String, mean: Double, max: Double, checks: Int)
    /// A recipe's GEMM operand (`operand` its name, e.g. `wgrad_gradient`) cast to `element`
    /// under `scheme` (`tensor`, `mx32`, `nvfp4`): the shares saturated and flushed to zero over
    /// all training steps, and the other scaling's on the steps that recorded it.
    case quantized(
        layer: String, operand: String, element: ElementFormat, scheme: String, saturated: Proportion,
        flushed: Proportion, other: OtherScaling?)

    /// What the finding is about.
    public var topic: Topic {
        switch self {
        case .diverged: .divergence
        case .skippedSteps: .skippedSteps
        case .lossScaleChanged: .lossScaling
        case .nonFiniteInputs, .overflowed, .overflowWithoutScaling: .overflow
        case .underflowWithoutScaling, .subnormal: .underflow
        case .lostUpdates: .lostUpdates
        case .largestRoundingError: .roundingError
        case .drift: .drift
        case .quantized: .quantization
        }
    }

    /// The layer concerned (nil for run-wide findings).
    public var layer: String? {
        switch self {
        case .diverged, .skippedSteps, .lossScaleChanged: nil
        case .nonFiniteInputs(let layer, _, _, _, _), .overflowed(let layer, _, _, _),
            .underflowWithoutScaling(let layer, _, _, _, _), .overflowWithoutScaling(let layer, _, _, _),
            .subnormal(let layer, _, _, _, _), .lostUpdates(let layer, _, _, _, _, _),
            .largestRoundingError(let layer, _, _, _, _, _), .drift(let layer, _, _, _),
            .quantized(let layer, _, _, _, _, _, _):
            layer
        }
    }

    /// The tensor concerned, as a report name (nil for run-wide and whole-layer findings).
    public var tensor: String? {
        switch self {
        case .diverged, .skippedSteps, .lossScaleChanged, .drift: nil
        case .nonFiniteInputs(_, let tensor, _, _, _), .overflowed(_, let tensor, _, _),
            .underflowWithoutScaling(_, let tensor, _, _, _), .overflowWithoutScaling(_, let tensor, _, _),
            .subnormal(_, let tensor, _, _, _), .lostUpdates(_, let tensor, _, _, _, _),
            .largestRoundingError(_, let tensor, _, _, _, _), .quantized(_, let tensor, _, _, _, _, _):
            tensor
        }
    }
}

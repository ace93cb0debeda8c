//===--- PrecisionEvents.swift --------------------------------------------===//
//
// What a model trained under a precision policy tells its probe about rounding.
//
//===----------------------------------------------------------------------===//

import Precision

/// Where in training an event happened.
public struct ProbePosition: Sendable, Equatable {
    public let phase: ModelPhase
    /// See ``ProbedTensor/step``.
    public let step: Int
    /// 1-based epoch.
    public let epoch: Int
    /// Batch index inside the epoch or evaluation pass.
    public let batch: Int
}

/// One rounding of a float32 tensor x to the policy's compute format: r = round(x).
///
/// Rounding sites of a Dense layer under a narrow policy (DESIGN.md, Precision):
/// - ``TensorKind/input``: the input cast (first layer only; later layers receive values
///   already in the compute format);
/// - ``TensorKind/kernel``, ``TensorKind/bias``: the casts of the float32 variables;
/// - ``TensorKind/forwardOutput``: the float32 accumulator X·W rounded to the compute format
///   (the tensor-core output, before the bias add);
/// - ``TensorKind/activation``: act(X·W + b) rounded (bias add and ReLU are compute-format
///   operations; ReLU commutes with rounding, so one rounding after both is exact);
/// - ``TensorKind/gradient``: dL/dA entering the layer, rounded (for `dense_logits` the cast of
///   the scaled float32 loss gradient; for the others the float32 accumulator dL/dZ·Wᵀ of the
///   layer above) — scaled by the loss scale, so the event carries the counterfactual;
/// - ``TensorKind/kernelGradient``, ``TensorKind/biasGradient``: Xᵀ·dL/dZ and the column sums
///   of dL/dZ rounded, before the cast back to float32 — scaled too.
public struct RoundingEvent: Sendable {
    public let layer: String
    public let kind: TensorKind
    public let position: ProbePosition
    public let format: ComputeFormat
    /// Row-major shape of the tensor.
    public let shape: [Int]
    /// The loss scale the tensor carries (1 for forward tensors).
    public let lossScale: Float
    /// What the rounding did; for scaled tensors `record.counterfactual` counts what rounding
    /// x / lossScale would have done (the world without loss scaling).
    public let record: RoundingRecord
}

/// What one optimizer update did to one variable (``TensorKind/kernelUpdate`` or
/// ``TensorKind/biasUpdate``).
public struct UpdateEvent: Sendable {
    public let layer: String
    public let kind: TensorKind
    public let position: ProbePosition
    public let statistics: UpdateStatistics
}

/// A layer's output under the policy against a float32 shadow forward pass on the same
/// weights and batch: drift = ||a - a32|| / ||a32|| (Frobenius norms).
public struct DriftEvent: Sendable {
    public let layer: String
    public let position: ProbePosition
    public let squaredDifference: Double
    public let squaredReference: Double

    public var relativeErrorNorm: Double {
        squaredReference > 0
            ? (squaredDifference / squaredReference).squareRoot() : (squaredDifference > 0 ? .infinity : 0)
    }
}

/// The per-step facts of training under a policy.
public struct StepEvent: Sendable {
    public let position: ProbePosition
    /// This batch's mean loss and accuracy (not the running epoch means).
    public let metrics: BatchMetrics
    /// The loss scale the step used.
    public let lossScale: Float
    /// The step's gradients were not all finite and the optimizer skipped it (dynamic scaling).
    public let skipped: Bool
    /// Non-finite values in the unscaled float32 gradients.
    public let nonFiniteGradients: Int
    /// Wall time of the step.
    public let seconds: Double
}

/// Receives the precision events. Every method has a default that wants nothing and does
/// nothing, so plain ``LayerProbe``s need not care.
public protocol PrecisionProbe: LayerProbe {
    /// Whether rounding statistics of `kind` in `layer` are wanted (the kernels then count in
    /// the same pass as they round).
    func wantsRounding(_ kind: TensorKind, layer: String, phase: ModelPhase) -> Bool
    func observeRounding(_ event: RoundingEvent)
    /// Whether the values about to be rounded at `kind` of `layer` at `position` are wanted
    /// (asked only for rounding sites whose statistics are wanted; costs the probe a copy).
    func wantsRoundingInput(_ kind: TensorKind, layer: String, position: ProbePosition) -> Bool
    /// Receives them, before the rounding (and so before its ``RoundingEvent``).
    func observeRoundingInput(_ input: RoundingInput)
    /// Whether the update statistics of `layer` are wanted (costs one extra pass).
    func wantsUpdates(layer: String) -> Bool
    func observeUpdate(_ event: UpdateEvent)
    /// Every how many training steps to run the float32 shadow forward pass (0: never).
    var shadowEvery: Int { get }
    func observeDrift(_ event: DriftEvent)
    func observeStep(_ event: StepEvent)
    /// Whether the quantisation events of a recipe's GEMM operands in `layer` are wanted.
    func wantsQuantization(layer: String, phase: ModelPhase) -> Bool
    func observeQuantization(_ event: QuantizationEvent)
    /// Every how many training steps to measure the GEMMs' error budget (0: never), and how
    /// many output entries of each GEMM to sample.
    var errorBudgetEvery: Int { get }
    var errorBudgetSamples: Int { get }
    func observeErrorBudget(_ event: ErrorBudgetEvent)
}

extension PrecisionProbe {
    public func wantsRounding(_ kind: TensorKind, layer: String, phase: ModelPhase) -> Bool { false }
    public func observeRounding(_ event: RoundingEvent) {}
    public func wantsRoundingInput(_ kind: TensorKind, layer: String, position: ProbePosition) -> Bool { false }
    public func observeRoundingInput(_ input: RoundingInput) {}
    public func wantsUpdates(layer: String) -> Bool { false }
    public func observeUpdate(_ event: UpdateEvent) {}
    public var shadowEvery: Int { 0 }
    public func observeDrift(_ event: DriftEvent) {}
    public func observeStep(_ event: StepEvent) {}
    public func wantsQuantization(layer: String, phase: ModelPhase) -> Bool { false }
    public func observeQuantization(_ event: QuantizationEvent) {}
    public var errorBudgetEvery: Int { 0 }
    public var errorBudgetSamples: Int { 256 }
    public func observeErrorBudget(_ event: ErrorBudgetEvent) {}
}

//===--- StepRecord.swift -------------------------------------------------===//
//
// One training step: its facts (loss, scale, time) and every tensor record.
//
//===----------------------------------------------------------------------===//

/// The per-step facts of ``StepEvent``.
public struct StepMetrics: Sendable, Equatable, Codable {
    /// Samples in the batch.
    public var samples: Int
    /// The batch's mean loss (not the running epoch mean).
    public var loss: Double
    /// The batch's accuracy.
    public var accuracy: Double
    /// The loss scale the step used.
    public var lossScale: Float
    /// The optimizer skipped the step (gradients not all finite, dynamic scaling).
    public var skipped: Bool
    /// Non-finite values in the unscaled float32 gradients.
    public var nonFiniteGradients: Int
    /// Wall time of the step, in seconds (the only non-reproducible number of a step).
    public var seconds: Double

    public init(
        samples: Int, loss: Double, accuracy: Double, lossScale: Float, skipped: Bool,
        nonFiniteGradients: Int, seconds: Double
    ) {
        self.samples = samples
        self.loss = loss
        self.accuracy = accuracy
        self.lossScale = lossScale
        self.skipped = skipped
        self.nonFiniteGradients = nonFiniteGradients
        self.seconds = seconds
    }
}

/// One training step.
public struct StepRecord: Sendable, Equatable, Codable {
    /// 1-based step over the whole run.
    public var step: Int
    /// 1-based epoch.
    public var epoch: Int
    /// 0-based batch inside the epoch.
    public var batch: Int
    /// Nil when the step sent no ``StepEvent`` (a step cut short).
    public var metrics: StepMetrics?
    /// One record per layer and tensor kind seen, in model order then ``TensorKind`` order.
    public var tensors: [TensorRecord]
    /// Under a low-precision recipe: one record per layer and GEMM operand, in model order then
    /// ``GEMMOperand`` order; nil for the other policies (absent from their run.json).
    public var quantizations: [QuantizationRecord]?
    /// On the steps that measured it: each layer's GEMMs' error budget, in model order then
    /// ``GEMMKind`` order; nil on the other steps and in records written before it existed.
    public var errorBudgets: [ErrorBudgetRecord]?

    public init(
        step: Int, epoch: Int, batch: Int, metrics: StepMetrics?, tensors: [TensorRecord],
        quantizations: [QuantizationRecord]? = nil, errorBudgets: [ErrorBudgetRecord]? = nil
    ) {
        self.errorBudgets = errorBudgets
        self.step = step
        self.epoch = epoch
        self.batch = batch
        self.metrics = metrics
        self.tensors = tensors
        self.quantizations = quantizations
    }

    /// The record of `layer` and `tensor` (a report name), if any.
    public func tensor(_ layer: String, _ tensor: String) -> TensorRecord? {
        tensors.first { $0.layer == layer && $0.tensor == tensor }
    }
}

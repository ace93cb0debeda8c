//===--- PrecisionEvents+Init.swift ---------------------------------------===//
//
// Public factories of the precision events, so that probes living in other targets
// (Analyzer) can be unit-tested with synthetic events instead of whole training runs.
// (Static functions, not initializers: an extension initializer with the memberwise
// signature is an invalid redeclaration of the synthesized one.)
//
//===----------------------------------------------------------------------===//

import Precision

extension ProbePosition {
    /// A position in training, e.g. `ProbePosition(phase: .training, step: 3, epoch: 1, batch: 2)`.
    public static func synthetic(phase: ModelPhase, step: Int, epoch: Int, batch: Int) -> ProbePosition {
        ProbePosition(phase: phase, step: step, epoch: epoch, batch: batch)
    }
}

extension RoundingEvent {
    /// An event as a model would send it after rounding a tensor of `shape` to `format`.
    public static func synthetic(
        layer: String, kind: TensorKind, position: ProbePosition, format: ComputeFormat,
        shape: [Int], lossScale: Float, record: RoundingRecord
    ) -> RoundingEvent {
        RoundingEvent(
            layer: layer, kind: kind, position: position, format: format, shape: shape,
            lossScale: lossScale, record: record)
    }
}

extension UpdateEvent {
    /// An event as a model would send it after an optimizer update of one variable.
    public static func synthetic(
        layer: String, kind: TensorKind, position: ProbePosition,
        statistics: UpdateStatistics
    ) -> UpdateEvent {
        UpdateEvent(layer: layer, kind: kind, position: position, statistics: statistics)
    }
}

extension DriftEvent {
    /// A shadow-pass comparison: the two squared Frobenius norms.
    public static func synthetic(
        layer: String, position: ProbePosition, squaredDifference: Double,
        squaredReference: Double
    ) -> DriftEvent {
        DriftEvent(
            layer: layer, position: position, squaredDifference: squaredDifference,
            squaredReference: squaredReference)
    }
}

extension StepEvent {
    /// The facts of one training step.
    public static func synthetic(
        position: ProbePosition, metrics: BatchMetrics, lossScale: Float, skipped: Bool,
        nonFiniteGradients: Int, seconds: Double
    ) -> StepEvent {
        StepEvent(
            position: position, metrics: metrics, lossScale: lossScale, skipped: skipped,
            nonFiniteGradients: nonFiniteGradients, seconds: seconds)
    }
}

//===--- TensorRecord.swift -----------------------------------------------===//
//
// What one tensor kind of one layer went through in one training step.
//
//===----------------------------------------------------------------------===//

import NeuralNet
import Precision

/// The float32 shadow comparison of a layer's output (see ``DriftEvent``).
public struct DriftRecord: Sendable, Equatable, Codable {
    /// ||a - a32||², a the output under the policy, a32 the float32 shadow output.
    public var squaredDifference: Double
    /// ||a32||².
    public var squaredReference: Double

    public init(squaredDifference: Double, squaredReference: Double) {
        self.squaredDifference = squaredDifference
        self.squaredReference = squaredReference
    }

    /// ||a - a32|| / ||a32|| (infinite when the reference is zero and the difference is not).
    public var relativeErrorNorm: Double {
        squaredReference > 0
            ? (squaredDifference / squaredReference).squareRoot()
            : (squaredDifference > 0 ? .infinity : 0)
    }
}

/// Everything recorded for one layer and one tensor kind in one training step; the groups
/// that do not apply to the kind are nil (a kernel update has no rounding statistics, a
/// forward output no update statistics).
///
/// Drift compares a layer's output, so it is attached to the layer's ``TensorKind/activation``
/// record (a record may then hold only the drift, e.g. for `predictions`).
public struct TensorRecord: Sendable, Equatable, Codable {
    public var layer: String
    /// ``TensorKind/reportName`` of the kind (`kernel_gradient`).
    public var tensor: String
    /// The format the tensor was rounded to (nil without a rounding event).
    public var format: ComputeFormat?
    /// Row-major shape of the rounded tensor (empty without a rounding event).
    public var shape: [Int]
    /// The loss scale the tensor carried (1 for forward tensors; nil without a rounding event).
    public var lossScale: Float?
    /// What rounding did (merged if the step rounded this tensor more than once).
    public var rounding: RoundingStatistics?
    /// For tensors that carry the loss scale: what rounding x / lossScale would have done,
    /// i.e. the same step without loss scaling. When the scale was 1 it is the rounding's own
    /// counts; nil for forward tensors.
    public var unscaled: ScaledCounts?
    /// For ``TensorKind/kernelUpdate`` and ``TensorKind/biasUpdate``: lost updates.
    public var updates: UpdateStatistics?
    /// For ``TensorKind/activation``, on steps with a float32 shadow pass.
    public var drift: DriftRecord?

    public init(
        layer: String, tensor: String, format: ComputeFormat? = nil, shape: [Int] = [],
        lossScale: Float? = nil, rounding: RoundingStatistics? = nil, unscaled: ScaledCounts? = nil,
        updates: UpdateStatistics? = nil, drift: DriftRecord? = nil
    ) {
        self.layer = layer
        self.tensor = tensor
        self.format = format
        self.shape = shape
        self.lossScale = lossScale
        self.rounding = rounding
        self.unscaled = unscaled
        self.updates = updates
        self.drift = drift
    }

    /// The kind, when ``tensor`` names one.
    public var kind: TensorKind? { TensorKind(reportName: tensor) }
}

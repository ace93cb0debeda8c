//===--- TensorTotals.swift -----------------------------------------------===//
//
// One layer's tensor kind summed over all the training steps of a run.
//
//===----------------------------------------------------------------------===//

import NeuralNet
import Precision

/// A ``TensorRecord`` accumulated over steps: counts and error sums add up, maxima take the
/// maximum, drift keeps every shadow check.
public struct TensorTotals: Sendable, Equatable {
    public let layer: String
    public let tensor: String
    /// Steps that recorded this tensor.
    public var steps = 0
    public var format: ComputeFormat?
    public var rounding: RoundingStatistics?
    public var unscaled: ScaledCounts?
    public var updates: UpdateStatistics?
    /// ||a - a32|| / ||a32|| of every shadow check, in step order.
    public var drifts: [Double] = []
    /// The loss scales the tensor carried (smallest and largest), nil for unscaled tensors.
    public var lossScaleRange: ClosedRange<Float>?

    public init(layer: String, tensor: String) {
        self.layer = layer
        self.tensor = tensor
    }

    /// Adds one step's record.
    public mutating func add(_ record: TensorRecord) {
        steps += 1
        format = record.format ?? format
        if let r = record.rounding {
            var merged = rounding ?? RoundingStatistics()
            merged.merge(r)
            rounding = merged
        }
        if let u = record.unscaled {
            var merged = unscaled ?? ScaledCounts()
            merged.merge(u)
            unscaled = merged
        }
        if let u = record.updates {
            var merged = updates ?? UpdateStatistics()
            merged.merge(u)
            updates = merged
        }
        if let d = record.drift { drifts.append(d.relativeErrorNorm) }
        if let scale = record.lossScale, record.unscaled != nil {
            lossScaleRange =
                lossScaleRange.map { min($0.lowerBound, scale)...max($0.upperBound, scale) } ?? scale...scale
        }
    }

    /// Mean of the drift checks (nil without any).
    public var meanDrift: Double? { drifts.isEmpty ? nil : drifts.reduce(0, +) / Double(drifts.count) }
    /// Largest drift (nil without any).
    public var maxDrift: Double? { drifts.max() }
}

extension RunRecord {
    /// `layer`'s `tensor` (a report name) summed over every recorded training step.
    public func totals(layer: String, tensor: String) -> TensorTotals {
        var totals = TensorTotals(layer: layer, tensor: tensor)
        for step in steps {
            if let record = step.tensor(layer, tensor) { totals.add(record) }
        }
        return totals
    }

    /// The tensor report names recorded for `layer`, in record order.
    public func recordedTensors(layer: String) -> [String] {
        var seen: [String] = []
        for step in steps {
            for record in step.tensors where record.layer == layer && !seen.contains(record.tensor) {
                seen.append(record.tensor)
            }
        }
        let order = { (name: String) in TensorKind(reportName: name)?.order ?? Int.max }
        return seen.sorted { (order($0), $0) < (order($1), $1) }
    }
}

//===--- RunTotals.swift --------------------------------------------------===//
//
// Every layer tensor of a run summed over its steps, gathered in one pass.
//
//===----------------------------------------------------------------------===//

import NeuralNet

/// The ``TensorTotals`` of every layer and tensor a run recorded, built by adding the steps
/// one at a time, so that a long run's totals cost one pass and no copy of its steps (a
/// report streams the steps of its run.json through ``add(_:)``).
///
/// The same numbers as ``RunRecord/totals(layer:tensor:)`` and
/// ``RunRecord/recordedTensors(layer:)``: a step contributes its first record of a layer and
/// tensor (a step holds one record per layer and tensor kind).
public struct RunTotals: Sendable, Equatable {
    /// The totals, in the order their layer and tensor were first recorded.
    public private(set) var all: [TensorTotals] = []
    /// Index into ``all`` of each layer and tensor.
    private var index: [LayerTensor: Int] = [:]
    /// For each entry, the last step (a count of added steps) that contributed to it.
    private var lastStep: [Int] = []
    /// Steps added.
    public private(set) var steps = 0
    /// Under a recipe: every layer's GEMM operands, in the order first recorded.
    public private(set) var operands: [OperandTotals] = []

    public init() {}

    /// The totals of `steps`.
    public init(steps: [StepRecord]) {
        for step in steps { add(step) }
    }

    /// Adds one step's records.
    public mutating func add(_ step: StepRecord) {
        steps += 1
        for record in step.tensors {
            let i = position(layer: record.layer, tensor: record.tensor)
            guard lastStep[i] != steps else { continue }
            lastStep[i] = steps
            all[i].add(record)
        }
        for record in step.quantizations ?? [] {
            if let i = operands.firstIndex(where: { $0.layer == record.layer && $0.operand == record.operand }) {
                operands[i].add(record)
            } else {
                var totals = OperandTotals(record)
                totals.add(record)
                operands.append(totals)
            }
        }
    }

    /// The index of (`layer`, `tensor`) in ``all``, appending an empty entry for a new pair.
    private mutating func position(layer: String, tensor: String) -> Int {
        let key = LayerTensor(layer: layer, tensor: tensor)
        if let i = index[key] { return i }
        index[key] = all.count
        all.append(TensorTotals(layer: layer, tensor: tensor))
        lastStep.append(0)
        return all.count - 1
    }

    /// `layer`'s `tensor` (a report name) summed over the steps added; empty totals if none
    /// recorded it.
    public func totals(layer: String, tensor: String) -> TensorTotals {
        index[LayerTensor(layer: layer, tensor: tensor)].map { all[$0] } ?? TensorTotals(layer: layer, tensor: tensor)
    }

    /// The tensor report names recorded for `layer`, in ``TensorKind`` order (names that are
    /// no kind last, by name), as ``RunRecord/recordedTensors(layer:)``.
    public func recordedTensors(layer: String) -> [String] {
        let seen = all.filter { $0.layer == layer }.map(\.tensor)
        let order = { (name: String) in TensorKind(reportName: name)?.order ?? Int.max }
        return seen.sorted { (order($0), $0) < (order($1), $1) }
    }

    /// The layers recorded, in the order they were first seen.
    public var layers: [String] {
        var names: [String] = []
        for t in all where !names.contains(t.layer) { names.append(t.layer) }
        return names
    }
}

/// A layer name and a tensor report name: what identifies a ``TensorRecord`` within a step.
public struct LayerTensor: Hashable, Sendable {
    public var layer: String
    public var tensor: String

    public init(layer: String, tensor: String) {
        self.layer = layer
        self.tensor = tensor
    }
}

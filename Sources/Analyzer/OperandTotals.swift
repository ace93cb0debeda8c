//===--- OperandTotals.swift ----------------------------------------------===//
//
// A recipe's GEMM operand of one layer, its quantisation outcomes summed over the steps.
//
//===----------------------------------------------------------------------===//

import Precision

/// One layer's GEMM operand under a recipe over a run's steps: the outcome counts of its casts,
/// and on the steps that recorded a counterfactual, the other scaling's outcome beside the
/// recipe's own on those same steps.
public struct OperandTotals: Sendable, Equatable {
    public let layer: String
    public let operand: GEMMOperand
    public let element: ElementFormat
    public let scheme: String
    public private(set) var steps = 0
    public private(set) var outcome = ScaledOutcome()
    public private(set) var counterfactualKind: ScalingCounterfactual?
    public private(set) var counterfactualSteps = 0
    public private(set) var counterfactual = ScaledOutcome()
    public private(set) var counterfactualActual = ScaledOutcome()

    public init(_ record: QuantizationRecord) {
        layer = record.layer
        operand = record.operand
        element = record.element
        scheme = record.scheme
    }

    /// Adds one step's record of this operand.
    public mutating func add(_ record: QuantizationRecord) {
        steps += 1
        let own = ScaledOutcome(record.statistics)
        outcome.merge(own)
        if let c = record.counterfactual {
            counterfactualKind = c.kind
            counterfactualSteps += 1
            counterfactual.merge(c.outcome)
            counterfactualActual.merge(own)
        }
    }
}

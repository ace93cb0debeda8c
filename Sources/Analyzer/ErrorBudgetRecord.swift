//===--- ErrorBudgetRecord.swift ------------------------------------------===//
//
// One GEMM's error budget on one checked step.
//
//===----------------------------------------------------------------------===//

import NeuralNet
import Precision

/// The error budget of one GEMM of one layer on a checked step: the median and 99th
/// percentile over the sampled entries of the relative error due to the operands
/// (quantisation or the cast to the compute format) and to float32 accumulation
/// (``GEMMErrorBudget``).
public struct ErrorBudgetRecord: Sendable, Equatable, Codable {
    public var layer: String
    public var gemm: GEMMKind
    public var summary: ErrorBudgetSummary

    public init(_ event: ErrorBudgetEvent) {
        layer = event.layer
        gemm = event.gemm
        summary = event.summary
    }
}

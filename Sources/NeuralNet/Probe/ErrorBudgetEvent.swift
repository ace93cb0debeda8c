//===--- ErrorBudgetEvent.swift -------------------------------------------===//
//
// A GEMM's sampled output error, split into operand quantisation and accumulation.
//
//===----------------------------------------------------------------------===//

import Precision

/// The three GEMMs of a Dense layer.
public enum GEMMKind: String, Sendable, CaseIterable, Codable {
    /// Z = X·W.
    case forward
    /// dW = Xᵀ·dZ.
    case weightGradient = "wgrad"
    /// dX = dZ·Wᵀ.
    case inputGradient = "dgrad"
}

/// The error budget of one GEMM of one layer on a checked step (``GEMMErrorBudget``).
public struct ErrorBudgetEvent: Sendable {
    public let layer: String
    public let gemm: GEMMKind
    public let position: ProbePosition
    public let summary: ErrorBudgetSummary
}

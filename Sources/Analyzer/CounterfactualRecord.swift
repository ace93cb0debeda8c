//===--- CounterfactualRecord.swift ---------------------------------------===//
//
// What the other scaling would have done to a recipe's GEMM operand.
//
//===----------------------------------------------------------------------===//

import Precision

/// A GEMM operand quantised under its recipe's ``ScalingCounterfactual`` (statistics only): the
/// scheme, its per-tensor scale if any, and the outcome's counts.
public struct CounterfactualRecord: Sendable, Equatable, Codable {
    public var kind: ScalingCounterfactual
    /// `tensor` or `mx32`, as ``QuantizationRecord/scheme``.
    public var scheme: String
    public var scale: Float?
    public var outcome: ScaledOutcome

    public init(kind: ScalingCounterfactual, scheme: String, scale: Float?, outcome: ScaledOutcome) {
        self.kind = kind
        self.scheme = scheme
        self.scale = scale
        self.outcome = outcome
    }
}

/// The counts of ``ScaledStatistics`` without its histograms: what a counterfactual keeps.
public struct ScaledOutcome: Sendable, Equatable, Codable {
    public var count: UInt64 = 0
    public var saturated: UInt64 = 0
    public var flushed: UInt64 = 0
    public var subnormal: UInt64 = 0
    public var flushedInBlock: UInt64 = 0
    public var blocks: UInt64 = 0
    public var clampedScales: UInt64 = 0
    public var errorCount: UInt64 = 0
    public var errorSum: Double = 0
    public var errorMax: Double = 0

    public init() {}

    public init(_ s: ScaledStatistics) {
        count = s.count
        saturated = s.saturated
        flushed = s.flushed
        subnormal = s.subnormal
        flushedInBlock = s.flushedInBlock
        blocks = s.blocks
        clampedScales = s.clampedScales
        errorCount = s.errorCount
        errorSum = s.errorSum
        errorMax = s.errorMax
    }

    /// Mean relative error in units of u.
    public var meanError: Double { errorCount == 0 ? 0 : errorSum / Double(errorCount) }

    /// Adds `other`.
    public mutating func merge(_ other: ScaledOutcome) {
        count += other.count
        saturated += other.saturated
        flushed += other.flushed
        subnormal += other.subnormal
        flushedInBlock += other.flushedInBlock
        blocks += other.blocks
        clampedScales += other.clampedScales
        errorCount += other.errorCount
        errorSum += other.errorSum
        errorMax = max(errorMax, other.errorMax)
    }
}

//===--- ScaledStatistics.swift -------------------------------------------===//
//
// What quantising tensors under a scaling scheme did, element by element and block by block.
//
//===----------------------------------------------------------------------===//

import CKernels

/// The statistics of scaled quantisation (the kernels' `ck_scaled_stats`), accumulated over
/// calls. Errors are relative, in units of the element's u = 2^-p, over the finite nonzero
/// elements; the histogram is of the scaled values q = x / scale by float32 binade.
public struct ScaledStatistics: Sendable, Equatable, Codable {
    public var count: UInt64 = 0
    public var nan: UInt64 = 0
    public var infinite: UInt64 = 0
    /// Finite elements whose scaled value lay beyond the element's largest finite value.
    public var saturated: UInt64 = 0
    /// Finite nonzero elements that became zero.
    public var flushed: UInt64 = 0
    /// Elements that became nonzero subnormals of the element format.
    public var subnormal: UInt64 = 0
    public var errorCount: UInt64 = 0
    public var errorSum: Double = 0
    public var errorSquares: Double = 0
    public var errorMax: Double = 0
    /// Bins 0...256 as ``ExponentHistogram``: 0 below float32's normal range, 1...254 binades,
    /// 255 NaN and infinity (and the elements of a NaN block), 256 zeros.
    public var histogram: [UInt64] = Array(repeating: 0, count: 257)
    public var blocks: UInt64 = 0
    /// Blocks whose scale hit the bottom of its range while holding a nonzero element.
    public var clampedScales: UInt64 = 0
    /// Flushed elements of unclamped blocks: lost because they lie more than the element
    /// format's range below their block's maximum.
    public var flushedInBlock: UInt64 = 0
    /// Blocks by the spread (max - min binade) of their nonzero finite elements, 0...62 and 63+.
    public var spread: [UInt64] = Array(repeating: 0, count: 64)

    public init() {}

    /// Mean relative error in units of u.
    public var meanError: Double { errorCount == 0 ? 0 : errorSum / Double(errorCount) }

    init(_ s: ck_scaled_stats) {
        count = s.count
        nan = s.nan
        infinite = s.infinite
        saturated = s.saturated
        flushed = s.flushed
        subnormal = s.subnormal
        errorCount = s.errorCount
        errorSum = s.errorSum
        errorSquares = s.errorSquares
        errorMax = s.errorMax
        histogram = withUnsafeBytes(of: s.histogram) { Array($0.bindMemory(to: UInt64.self)) }
        blocks = s.blocks
        clampedScales = s.clampedScales
        flushedInBlock = s.flushedInBlock
        spread = withUnsafeBytes(of: s.spread) { Array($0.bindMemory(to: UInt64.self)) }
    }

    /// Adds `other` (sums of the error sums: the order of calls decides their last bits).
    public mutating func merge(_ other: ScaledStatistics) {
        count += other.count
        nan += other.nan
        infinite += other.infinite
        saturated += other.saturated
        flushed += other.flushed
        subnormal += other.subnormal
        errorCount += other.errorCount
        errorSum += other.errorSum
        errorSquares += other.errorSquares
        errorMax = max(errorMax, other.errorMax)
        for i in histogram.indices { histogram[i] += other.histogram[i] }
        blocks += other.blocks
        clampedScales += other.clampedScales
        flushedInBlock += other.flushedInBlock
        for i in spread.indices { spread[i] += other.spread[i] }
    }
}

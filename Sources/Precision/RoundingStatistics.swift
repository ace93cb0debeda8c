import CKernels

/// What rounding float32 values x to a format did, accumulated over one or more tensors
/// (DESIGN.md, "Analyzer: what is recorded"). r = round(x) throughout.
public struct RoundingStatistics: Sendable, Equatable, Codable {
    /// Elements seen.
    public var count: UInt64 = 0
    /// x finite, r infinite.
    public var overflow: UInt64 = 0
    /// x finite and nonzero, r zero (flushed).
    public var underflow: UInt64 = 0
    /// r subnormal and nonzero (gradual underflow: precision lost).
    public var subnormal: UInt64 = 0
    /// x already NaN.
    public var nan: UInt64 = 0
    /// x already infinite.
    public var infinite: UInt64 = 0
    /// Elements behind the error sums: x finite and nonzero, r finite.
    public var errorCount: UInt64 = 0
    /// Sum of |r - x| / |x|.
    public var errorSum: Double = 0
    /// Sum of (|r - x| / |x|)^2.
    public var errorSquares: Double = 0
    /// Largest |r - x| / |x|.
    public var errorMax: Double = 0
    /// Elements per float32 binade of x: see ``ExponentHistogram``.
    public var histogram = ExponentHistogram()

    public init() {}

    /// Mean relative error.
    public var meanRelativeError: Double { errorCount == 0 ? 0 : errorSum / Double(errorCount) }
    /// Root-mean-square relative error.
    public var rmsRelativeError: Double { errorCount == 0 ? 0 : (errorSquares / Double(errorCount)).squareRoot() }

    /// Adds another tensor's statistics.
    public mutating func merge(_ other: RoundingStatistics) {
        count += other.count
        overflow += other.overflow
        underflow += other.underflow
        subnormal += other.subnormal
        nan += other.nan
        infinite += other.infinite
        errorCount += other.errorCount
        errorSum += other.errorSum
        errorSquares += other.errorSquares
        errorMax = max(errorMax, other.errorMax)
        histogram.merge(other.histogram)
    }

    /// Adds what a kernel accumulated.
    mutating func absorb(_ c: ck_round_stats) {
        var s = RoundingStatistics()
        s.count = c.count
        s.overflow = c.overflow
        s.underflow = c.underflow
        s.subnormal = c.subnormal
        s.nan = c.nan
        s.infinite = c.infinite
        s.errorCount = c.errorCount
        s.errorSum = c.errorSum
        s.errorSquares = c.errorSquares
        s.errorMax = c.errorMax
        withUnsafeBytes(of: c.histogram) { raw in
            let bins = raw.bindMemory(to: UInt64.self)
            for i in 0..<ExponentHistogram.binCount { s.histogram.bins[i] = bins[i] }
        }
        merge(s)
    }
}

/// What rounding x * scale would have done: for scaled gradients, the counterfactual
/// "without loss scaling" (scale = 1 / loss scale).
public struct ScaledCounts: Sendable, Equatable, Codable {
    public var overflow: UInt64 = 0
    public var underflow: UInt64 = 0
    public var subnormal: UInt64 = 0

    public init() {}

    public mutating func merge(_ other: ScaledCounts) {
        overflow += other.overflow
        underflow += other.underflow
        subnormal += other.subnormal
    }

    mutating func absorb(_ c: ck_scaled_counts) {
        overflow += c.overflow
        underflow += c.underflow
        subnormal += c.subnormal
    }
}

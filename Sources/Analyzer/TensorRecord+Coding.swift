//===--- TensorRecord+Coding.swift ----------------------------------------===//
//
// How a tensor record is stored in run.json: as the fields say, except that the exponent
// histogram is stored sparsely (most of its 257 bins are zero).
//
//===----------------------------------------------------------------------===//

import Precision

extension TensorRecord {
    enum CodingKeys: String, CodingKey {
        case layer, tensor, format, shape, lossScale, rounding, unscaled, updates, drift
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        layer = try c.decode(String.self, forKey: .layer)
        tensor = try c.decode(String.self, forKey: .tensor)
        format = try c.decodeIfPresent(ComputeFormat.self, forKey: .format)
        shape = try c.decodeIfPresent([Int].self, forKey: .shape) ?? []
        lossScale = try c.decodeIfPresent(Float.self, forKey: .lossScale)
        rounding = try c.decodeIfPresent(StoredRounding.self, forKey: .rounding)?.statistics()
        unscaled = try c.decodeIfPresent(ScaledCounts.self, forKey: .unscaled)
        updates = try c.decodeIfPresent(UpdateStatistics.self, forKey: .updates)
        drift = try c.decodeIfPresent(DriftRecord.self, forKey: .drift)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(layer, forKey: .layer)
        try c.encode(tensor, forKey: .tensor)
        try c.encodeIfPresent(format, forKey: .format)
        try c.encode(shape, forKey: .shape)
        try c.encodeIfPresent(lossScale, forKey: .lossScale)
        try c.encodeIfPresent(rounding.map(StoredRounding.init), forKey: .rounding)
        try c.encodeIfPresent(unscaled, forKey: .unscaled)
        try c.encodeIfPresent(updates, forKey: .updates)
        try c.encodeIfPresent(drift, forKey: .drift)
    }
}

/// ``RoundingStatistics`` with its histogram as two parallel arrays: the indices of the
/// nonzero bins (see ``ExponentHistogram``: bin e holds floor(log2 |x|) = e - 127, bin 0 the
/// float32 subnormals, 255 infinities and NaNs, 256 zeros) and their counts.
struct StoredRounding: Codable {
    var count, overflow, underflow, subnormal, nan, infinite, errorCount: UInt64
    var errorSum, errorSquares, errorMax: Double
    var histogramBins: [Int]
    var histogramCounts: [UInt64]

    init(_ s: RoundingStatistics) {
        count = s.count
        overflow = s.overflow
        underflow = s.underflow
        subnormal = s.subnormal
        nan = s.nan
        infinite = s.infinite
        errorCount = s.errorCount
        errorSum = s.errorSum
        errorSquares = s.errorSquares
        errorMax = s.errorMax
        let nonzero = s.histogram.bins.indices.filter { s.histogram.bins[$0] != 0 }
        histogramBins = nonzero
        histogramCounts = nonzero.map { s.histogram.bins[$0] }
    }

    func statistics() throws -> RoundingStatistics {
        var s = RoundingStatistics()
        s.count = count
        s.overflow = overflow
        s.underflow = underflow
        s.subnormal = subnormal
        s.nan = nan
        s.infinite = infinite
        s.errorCount = errorCount
        s.errorSum = errorSum
        s.errorSquares = errorSquares
        s.errorMax = errorMax
        guard histogramBins.count == histogramCounts.count,
            histogramBins.allSatisfy({ (0..<ExponentHistogram.binCount).contains($0) })
        else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "malformed histogram"))
        }
        for (bin, n) in zip(histogramBins, histogramCounts) { s.histogram.bins[bin] = n }
        return s
    }
}

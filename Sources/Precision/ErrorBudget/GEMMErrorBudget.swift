//===--- GEMMErrorBudget.swift --------------------------------------------===//
//
// Where a GEMM's output error comes from: quantising its operands, or accumulating in float32.
//
//===----------------------------------------------------------------------===//

/// The error of sampled output entries of an emulated GEMM C = op(A)·op(B), split in two:
/// with E the exact dot product of the unquantised operands, Q the exact dot product of the
/// operands the GEMM took (quantised, or cast to the compute format), and c the entry it
/// produced (float32 accumulation),
///
///     quantisation = (Q - E) / |E|,   accumulation = (c - Q) / |E|,
///
/// so that (c - E) / |E| is their sum. Exact dot products come from ``ExactDotProduct``;
/// entries with E = 0 have no relative error and are skipped (counted).
public enum GEMMErrorBudget {
    /// One sampled entry's two parts.
    public struct Sample: Sendable, Equatable {
        public let quantization: Double
        public let accumulation: Double
    }

    /// Depth steps each entry takes before the next entry's turn (see ``samples``).
    static let depthBlock = 64

    /// The parts of the entries `entries` ((row, column) of C, `resultColumns` wide, row-major).
    ///
    /// The depth is walked in blocks of ``depthBlock``, every entry in turn within a block:
    /// a transposed operand's column is strided (one page per element for 4096 columns), so an
    /// entry at a time would miss the TLB on every element; a block's rows (a few hundred
    /// pages) stay mapped while all entries read them. The sums are exact, so the order does
    /// not change a bit.
    public static func samples(
        exactA: MatrixView, exactB: MatrixView, usedA: MatrixView, usedB: MatrixView,
        result: UnsafePointer<Float>, resultColumns: Int, entries: [(row: Int, column: Int)]
    ) -> (samples: [Sample], zeroExact: Int) {
        let depth = exactA.viewColumns
        precondition(exactB.viewRows == depth && usedA.viewColumns == depth && usedB.viewRows == depth)
        var exact = [ExactDotProduct](repeating: ExactDotProduct(), count: entries.count)
        var used = exact
        exact.withUnsafeMutableBufferPointer { exact in
            used.withUnsafeMutableBufferPointer { used in
                for block in stride(from: 0, to: depth, by: depthBlock) {
                    let ks = block..<min(block + depthBlock, depth)
                    for (n, (i, j)) in entries.enumerated() {
                        for k in ks {
                            exact[n].add(exactA[i, k], exactB[k, j])
                            used[n].add(usedA[i, k], usedB[k, j])
                        }
                    }
                }
            }
        }
        var samples: [Sample] = []
        samples.reserveCapacity(entries.count)
        var zeros = 0
        for (n, (i, j)) in entries.enumerated() {
            let e = exact[n].value
            let q = used[n].value
            let c = Double(result[i * resultColumns + j])
            guard e != 0, e.isFinite, q.isFinite, c.isFinite else {
                zeros += 1
                continue
            }
            samples.append(Sample(quantization: (q - e) / abs(e), accumulation: (c - q) / abs(e)))
        }
        return (samples, zeros)
    }

    /// `count` distinct-enough entries of an `rows x columns` result, drawn from `generator`.
    public static func entries<G: RandomNumberGenerator>(
        count: Int, rows: Int, columns: Int, generator: inout G
    ) -> [(row: Int, column: Int)] {
        guard rows > 0, columns > 0 else { return [] }
        return (0..<count).map { _ in
            (Int.random(in: 0..<rows, using: &generator), Int.random(in: 0..<columns, using: &generator))
        }
    }
}

/// The distribution of one part's magnitude over a check's samples.
public struct ErrorBudgetSummary: Sendable, Equatable, Codable {
    public var samples: Int
    /// Entries skipped because their exact value was zero (or a value not finite).
    public var skipped: Int
    public var quantizationMedian: Double
    public var quantizationP99: Double
    public var accumulationMedian: Double
    public var accumulationP99: Double

    /// The medians and 99th percentiles (nearest rank) of |quantisation| and |accumulation|.
    public init(_ samples: [GEMMErrorBudget.Sample], skipped: Int) {
        self.samples = samples.count
        self.skipped = skipped
        let q = samples.map { abs($0.quantization) }.sorted()
        let a = samples.map { abs($0.accumulation) }.sorted()
        quantizationMedian = Self.quantile(q, 0.5)
        quantizationP99 = Self.quantile(q, 0.99)
        accumulationMedian = Self.quantile(a, 0.5)
        accumulationP99 = Self.quantile(a, 0.99)
    }

    /// The nearest-rank quantile: the smallest value with at least a fraction `p` of the
    /// sorted values at or below it (0 for none).
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}

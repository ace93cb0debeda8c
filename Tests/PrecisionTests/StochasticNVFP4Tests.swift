import Testing
import _MPStudySupport
@testable import Precision

/// NVFP4 with stochastic element rounding, on matrices whose scales are exact: every row is
/// one block of 16 whose first element is 2688 = 6·448, so the tensor scale is
/// t = 2688 / 2688 = 1 and each block scale E4M3(2688 / 6) = 448; an element v becomes
/// q = v / 448 exactly.
@Suite struct StochasticNVFP4Tests {
    static func matrix(rows: Int, rest: Float) -> [Float] {
        (0..<rows).flatMap { _ in [Float(2688)] + Array(repeating: rest, count: 15) }
    }

    static func quantize(_ x: [Float], rows: Int, columns: Int, axis: BlockAxis, seed: UInt64, threads: Int = 1)
        -> ([Float], ScaledStatistics)
    {
        var out = [Float](repeating: .nan, count: x.count)
        var statistics = ScaledStatistics()
        x.withUnsafeBufferPointer { px in
            out.withUnsafeMutableBufferPointer { po in
                StochasticNVFP4(parallelism: ParallelChunks(threads: threads, chunkElements: 64)).quantize(
                    px.baseAddress!, rows: rows, columns: columns, axis: axis, seed: seed, into: po.baseAddress!,
                    statistics: &statistics)
            }
        }
        return (out, statistics)
    }

    /// Elements on E2M1's grid (q in {6, 3, 1.5, 0.5, 0, -2, 4, 1}) are exact: no draw moves
    /// them, so the result equals the input and no error is counted.
    @Test func gridValuesAreExact() {
        let q: [Float] = [6, 3, 1.5, 0.5, 0, -2, 4, 1, 6, 3, 1.5, 0.5, 0, -2, 4, 1]
        let x = q.map { $0 * 448 }
        for seed: UInt64 in [0, 1, 99] {
            let (out, s) = Self.quantize(x, rows: 1, columns: 16, axis: .rows, seed: seed)
            #expect(out == x)
            #expect(s.count == 16 && s.saturated == 0 && s.flushed == 0 && s.errorSum == 0)
            // 0.5 is E2M1's subnormal (below 2^emin = 1): two of them.
            #expect(s.subnormal == 2)
            #expect(s.blocks == 1 && s.histogram[ExponentHistogram.zeroBin] == 2)
        }
    }

    /// q = 2.5 lies halfway between 2 and 3 (p = 1/2); q = 0.125 a quarter of the way from 0
    /// to 0.5 (p = 1/4, else flushed). Over 4096 blocks of 15 such elements the counts of each
    /// outcome are binomial: within 6 standard deviations of n·p.
    @Test func roundingIsUnbiased() {
        let rows = 4096
        let n = Double(rows * 15)
        for (q, low, high, p) in [(2.5, 2.0, 3.0, 0.5), (0.125, 0.0, 0.5, 0.25)] as [(Float, Float, Float, Double)] {
            let (out, s) = Self.quantize(
                Self.matrix(rows: rows, rest: q * 448), rows: rows, columns: 16, axis: .rows, seed: 7)
            let ups = out.filter { $0 == high * 448 }.count
            let downs = out.filter { $0 == low * 448 }.count
            #expect(ups + downs == rows * 15)
            let sd = (n * p * (1 - p)).squareRoot()
            #expect(abs(Double(ups) - n * p) < 6 * sd, "q = \(q): \(ups) of \(Int(n)) up")
            if low == 0 { #expect(s.flushed == UInt64(downs) && s.flushedInBlock == UInt64(downs)) }
            #expect(s.count == UInt64(rows * 16))
        }
    }

    /// Blocks along columns (16 rows of one column), a ragged last group of rows, and the same
    /// bits and statistics on 1 and 2 threads; another seed gives other bits.
    @Test func columnsRaggedAndThreadIndependent() {
        let rows = 16 * 9 + 5
        let columns = 7
        var g = SeededGenerator(seed: 3)
        var x = (0..<(rows * columns)).map { _ in Float(Double(g.next() >> 11) * 0x1p-53 * 8 - 4) }
        x[0] = 5  // the tensor's amax, inside the whole groups of 16 rows the reference takes
        let (one, s1) = Self.quantize(x, rows: rows, columns: columns, axis: .columns, seed: 11, threads: 1)
        let (two, s2) = Self.quantize(x, rows: rows, columns: columns, axis: .columns, seed: 11, threads: 2)
        #expect(one.map(\.bitPattern) == two.map(\.bitPattern))
        #expect(s1 == s2)
        #expect(s1.count == UInt64(rows * columns))
        #expect(s1.blocks == UInt64(10 * columns))
        let (other, _) = Self.quantize(x, rows: rows, columns: columns, axis: .columns, seed: 12)
        #expect(other != one)
        // Every result is one of the two E2M1 neighbours of q under the round-to-nearest
        // scales: the reference's values on the same blocks bracket it within one gap.
        let reference = BlockScaling.nvfp4.reference(
            Array(x.prefix(16 * 9 * columns)), rows: 16 * 9, columns: columns, axis: .columns)
        for (i, scale) in reference.blockScales.enumerated() {
            // Block i covers rows 16·(i / columns) ..< +16 of column i % columns.
            let column = i % columns
            let t = BlockScaling.nvfp4TensorScale(amax: 5)
            for r in (16 * (i / columns))..<(16 * (i / columns) + 16) {
                let q = Double(x[r * columns + column]) / (Double(scale) * Double(t))
                let got = Double(one[r * columns + column]) / (Double(scale) * Double(t))
                #expect(abs(got - q) <= max(2, abs(q) / 2), "block \(i) row \(r): q \(q) became \(got)")
            }
        }
    }
}

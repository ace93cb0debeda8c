import Testing
@testable import Precision

/// The error budget's split on a GEMM small enough to do by hand, and its quantiles.
@Suite struct GEMMErrorBudgetTests {
    /// C = A·B with A one row, B a column of ones. Unquantised A = [1, 2^-24 + 2^-40, 2^-24]:
    /// E = 1 + 2^-23 + 2^-40. The GEMM took A' = [1, 2^-24, 2^-24] (the 2^-40 lost to
    /// quantisation): Q = 1 + 2^-23 exactly. float32 accumulation in order: 1 + 2^-24 is a tie
    /// between 1 and 1 + 2^-23 and goes to the even 1, twice, so c = 1. Hence
    /// quantisation = (Q - E)/E = -2^-40/E and accumulation = (c - Q)/E = -2^-23/E.
    @Test func handDerivedSplit() {
        let exactA: [Float] = [1, 0x1p-24 + 0x1p-40, 0x1p-24]
        let usedA: [Float] = [1, 0x1p-24, 0x1p-24]
        let ones: [Float] = [1, 1, 1]
        var c: Float = 0
        for k in 0..<3 { c += usedA[k] * ones[k] }
        #expect(c == 1)
        let e = 1 + 0x1p-23 + 0x1p-40
        let (samples, skipped) = exactA.withUnsafeBufferPointer { ea in
            usedA.withUnsafeBufferPointer { ua in
                ones.withUnsafeBufferPointer { b in
                    withUnsafePointer(to: c) { result in
                        GEMMErrorBudget.samples(
                            exactA: MatrixView(ea.baseAddress!, rows: 1, columns: 3),
                            exactB: MatrixView(b.baseAddress!, rows: 3, columns: 1),
                            usedA: MatrixView(ua.baseAddress!, rows: 1, columns: 3),
                            usedB: MatrixView(b.baseAddress!, rows: 1, columns: 3, transposed: true),
                            result: result, resultColumns: 1, entries: [(0, 0)])
                    }
                }
            }
        }
        #expect(skipped == 0 && samples.count == 1)
        #expect(samples[0].quantization == -0x1p-40 / e)
        #expect(samples[0].accumulation == -0x1p-23 / e)
    }

    /// A zero exact product (1·1 + (-1)·1) has no relative error: skipped and counted.
    @Test func zeroExactIsSkipped() {
        let a: [Float] = [1, -1]
        let b: [Float] = [1, 1]
        let c: Float = 0
        let (samples, skipped) = a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                withUnsafePointer(to: c) { result in
                    GEMMErrorBudget.samples(
                        exactA: MatrixView(pa.baseAddress!, rows: 1, columns: 2),
                        exactB: MatrixView(pb.baseAddress!, rows: 2, columns: 1),
                        usedA: MatrixView(pa.baseAddress!, rows: 1, columns: 2),
                        usedB: MatrixView(pb.baseAddress!, rows: 2, columns: 1),
                        result: result, resultColumns: 1, entries: [(0, 0)])
                }
            }
        }
        #expect(samples.isEmpty && skipped == 1)
    }

    /// Nearest-rank quantiles of 1...100: the median is 50, the 99th percentile 99; of one
    /// value, that value; magnitudes are taken first.
    @Test func quantiles() {
        let samples = (1...100).map { GEMMErrorBudget.Sample(quantization: -Double($0), accumulation: Double($0) / 10) }
        let s = ErrorBudgetSummary(samples.shuffled(), skipped: 3)
        #expect(s.samples == 100 && s.skipped == 3)
        #expect(s.quantizationMedian == 50 && s.quantizationP99 == 99)
        #expect(s.accumulationMedian == 5 && s.accumulationP99 == 9.9)
        let one = ErrorBudgetSummary([GEMMErrorBudget.Sample(quantization: 2, accumulation: -3)], skipped: 0)
        #expect(one.quantizationMedian == 2 && one.accumulationP99 == 3)
    }
}

import Precision
import Testing
import _MPStudySupport

/// The rounder's results have the same bits for 1, 2, 3 and 8 threads: rounded values, every
/// count, the histogram, and the floating-point error sums, which each 2^16-element chunk
/// accumulates from zero and which are merged in chunk order. (Splitting one tensor per thread,
/// as the rounder once did, moves the vector kernels' block boundaries and changes those sums.)
@Suite struct ThreadCountTests {
    static let threadCounts = [1, 2, 3, 8]

    /// The statistics as text holding every field exactly (Doubles as bit patterns).
    static func exact(_ r: RoundingRecord) -> String {
        let s = r.statistics
        let c = r.counterfactual
        return "\(s.count) \(s.overflow) \(s.underflow) \(s.subnormal) \(s.nan) \(s.infinite) \(s.errorCount) "
            + "\(s.errorSum.bitPattern) \(s.errorSquares.bitPattern) \(s.errorMax.bitPattern) \(s.histogram.bins) "
            + "\(c.overflow) \(c.underflow) \(c.subnormal)"
    }

    /// 300,001 inputs around every boundary of the formats: four full chunks and one of 37,857
    /// elements (not a multiple of 8, so the vector kernels' scalar tail runs too).
    @Test(arguments: [ComputeFormat.float16, .bfloat16, .float32])
    func roundingStatistics(_ format: ComputeFormat) {
        let xs = adversarialInputs(count: 300_001, seed: 5)
        for vector in [true, false] {
            let runs = Self.threadCounts.map { threads in
                kernelRun(xs, format, TensorRounder(threads: threads, allowVectorKernels: vector), scale: 0x1p-15)
            }
            #expect(runs[0].1.statistics.errorCount > 0 || format == .float32)
            for (threads, run) in zip(Self.threadCounts, runs).dropFirst() {
                #expect(run.0.map(\.bitPattern) == runs[0].0.map(\.bitPattern), "values, \(threads) threads")
                #expect(Self.exact(run.1) == Self.exact(runs[0].1), "vector=\(vector) \(format), \(threads) threads")
            }
        }
    }

    /// Lost-update counts are integers (exact in any order); checked across thread counts anyway.
    @Test func lostUpdates() {
        let w = adversarialInputs(count: 200_003, seed: 8)
        let d = adversarialInputs(count: 200_003, seed: 9).map { $0 * 0x1p-12 }
        let counts = Self.threadCounts.map { threads in
            w.withUnsafeBufferPointer { w in
                d.withUnsafeBufferPointer { d in
                    TensorRounder(threads: threads).lostUpdates(
                        weights: w.baseAddress!, updates: d.baseAddress!,
                        count: w.count, format: .float16)
                }
            }
        }
        #expect(counts[0].count == 200_003)
        for c in counts.dropFirst() { #expect(c == counts[0]) }
    }
}

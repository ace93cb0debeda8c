import Precision
import Testing

/// Histogram and error sums on a tensor small enough to do by hand.
@Suite struct HandComputedStatisticsTests {
    /// x = [1 + 2^-12, 3, 0.375, 0, 1e-40, inf, 70000, 2^-30] rounded to binary16:
    /// - 1 + 2^-12: the ulp of binary16 at 1 is 2^-10, so this is below half an ulp: r = 1,
    ///   error 2^-12 / (1 + 2^-12).
    /// - 3 and 0.375 = 1.5 * 2^-2: exact, error 0.
    /// - 0: counted in the zero bin, not in the error sums.
    /// - 1e-40 (a float32 subnormal, bin 0): flushes, error 1.
    /// - inf: infinite input, bin 255, no error.
    /// - 70000 >= 65520: overflow, no error term.
    /// - 2^-30 < 2^-25: flushes, error 1.
    /// So errorCount = 5 (1+2^-12, 3, 0.375, 1e-40, 2^-30), errorSum = 2 + 2^-12/(1+2^-12),
    /// errorSquares = 2 + (2^-12/(1+2^-12))^2, errorMax = 1.
    /// Bins (biased float32 exponents): 1+2^-12 -> 127, 3 -> 128, 0.375 -> 125, 0 -> 256,
    /// 1e-40 -> 0, inf -> 255, 70000 (2^16 <= x < 2^17) -> 143, 2^-30 -> 97.
    @Test func binary16() {
        let xs: [Float] = [1 + 0x1p-12, 3, 0.375, 0, 1e-40, .infinity, 70000, 0x1p-30]
        for rounder in [TensorRounder(threads: 1), TensorRounder(threads: 1, allowVectorKernels: false)] {
            let (out, record) = kernelRun(xs, .float16, rounder)
            let s = record.statistics
            #expect(out == [1, 3, 0.375, 0, 0, .infinity, .infinity, 0])
            #expect(s.count == 8 && s.errorCount == 5 && s.overflow == 1 && s.underflow == 2 && s.infinite == 1)
            let e = 0x1p-12 / (1 + 0x1p-12)
            #expect(abs(s.errorSum - (2 + e)) < 1e-12)
            #expect(abs(s.errorSquares - (2 + e * e)) < 1e-12)
            #expect(s.errorMax == 1)
            var bins = [UInt64](repeating: 0, count: ExponentHistogram.binCount)
            for b in [127, 128, 125, 256, 0, 255, 143, 97] { bins[b] += 1 }
            #expect(s.histogram.bins == bins)
            #expect(s.histogram.count(exponent: 0) == 1 && s.histogram.count(exponent: 16) == 1)
        }
    }

    /// Mean and RMS from the sums: errors [0.5, 0] over two elements give mean 0.25 and
    /// RMS sqrt(0.25 / 2). Built from 1 -> exact and x = 2^-25 * 1.5 -> rounds to 2^-24,
    /// |2^-24 - 1.5 * 2^-25| / (1.5 * 2^-25) = 0.5 * 2^-25 / (1.5 * 2^-25) = 1/3.
    @Test func meanAndRMS() {
        let (_, record) = kernelRun([1, 0x1.8p-25], .float16, TensorRounder(threads: 1))
        let third = 1.0 / 3
        #expect(abs(record.statistics.meanRelativeError - third / 2) < 1e-7)
        #expect(abs(record.statistics.rmsRelativeError - (third * third / 2).squareRoot()) < 1e-7)
    }
}

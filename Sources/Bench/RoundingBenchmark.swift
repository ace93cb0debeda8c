import Precision
import SoftFloat
import _MPStudySupport

/// One row of the bulk-rounding benchmark: elements per second on one core.
public struct RoundingBenchmarkRow: Sendable {
    public var format: ComputeFormat
    public var kernel: String
    public var withStatistics: Bool
    public var elementsPerSecond: Double
}

/// Float32 -> binary16 and bfloat16 over a 4M-element tensor of activations-like values
/// (normal, |x| in [2^-30, 2^20], some zeros), one thread: the vector and portable kernels,
/// with and without the statistics (all counters, histogram, error sums, and the
/// without-scaling counterfactual), and SoftFloat's scalar conversion for comparison.
public func benchmarkRounding(minimumSeconds: Double = 0.2) -> [RoundingBenchmarkRow] {
    let n = 1 << 22
    let input = activationLikeValues(count: n)
    var output = [Float](repeating: 0, count: n)
    var rows: [RoundingBenchmarkRow] = []
    for format in [ComputeFormat.float16, .bfloat16] {
        for kernels in RoundingKernels.allCases.reversed() where kernels <= .widest {
            let rounder = TensorRounder(threads: 1, kernels: kernels)
            let name = kernels == .portable ? "portable C" : kernels.description
            for statistics in [true, false] {
                let rate = input.withUnsafeBufferPointer { x in
                    output.withUnsafeMutableBufferPointer { y in
                        measureThroughput(operations: n, minimumSeconds: minimumSeconds) {
                            if statistics {
                                var record = RoundingRecord(counterfactualScale: 0x1p-15)
                                rounder.round(
                                    x.baseAddress!, count: n, to: format, into: y.baseAddress!, recording: &record)
                                return record.statistics.overflow &+ record.statistics.histogram.bins[127]
                            }
                            rounder.round(x.baseAddress!, count: n, to: format, into: y.baseAddress!)
                            return UInt64(y[n / 2].bitPattern)
                        }
                    }
                }
                rows.append(
                    RoundingBenchmarkRow(
                        format: format, kernel: name, withStatistics: statistics, elementsPerSecond: rate))
            }
        }
        let rate = measureThroughput(operations: n, minimumSeconds: minimumSeconds) {
            var sink: UInt64 = 0
            for x in input { sink ^= UInt64(KernelVerification.reference(x.bitPattern, format)) }
            return sink
        }
        rows.append(
            RoundingBenchmarkRow(
                format: format, kernel: "SoftFloat scalar", withStatistics: false, elementsPerSecond: rate))
    }
    return rows
}

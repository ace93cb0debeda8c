import Precision
import _MPStudySupport

/// One row of the scaled-quantisation benchmark: elements per second on one core, with every
/// statistic (counters, histogram of x/scale, error sums, block statistics).
public struct ScaledBenchmarkRow: Sendable {
    public var scheme: String
    public var axis: BlockAxis
    public var kernel: String
    public var elementsPerSecond: Double
}

/// Per-tensor FP8, MX and NVFP4 quantisation of a 1024 x 4096 float32 matrix (the same
/// activations-like values as ``benchmarkRounding(minimumSeconds:)``), along rows and along
/// columns, with the vector and portable kernels, one thread, statistics on.
public func benchmarkScaledQuantization(minimumSeconds: Double = 0.2) -> [ScaledBenchmarkRow] {
    let (rows, columns) = (1024, 4096)
    let n = rows * columns
    let input = activationLikeValues(count: n)
    let amax = input.reduce(Float(0)) { max($0, abs($1)) }
    let schemes: [(String, BlockScaling)] = [
        ("tensor e4m3", .tensor(element: .e4m3, scale: 448 / amax)),
        ("tensor e5m2", .tensor(element: .e5m2, scale: 57344 / amax)),
        ("mxfp8 e4m3", .mx(element: .e4m3, blockSize: 32)),
        ("mxfp6 e3m2", .mx(element: .e3m2, blockSize: 32)),
        ("mxfp4 e2m1", .mx(element: .e2m1, blockSize: 32)),
        ("nvfp4", .nvfp4),
    ]
    var output = [Float](repeating: 0, count: n)
    var result: [ScaledBenchmarkRow] = []
    for (name, scheme) in schemes {
        for axis in BlockAxis.allCases {
            if case .tensor = scheme, axis == .columns { continue }
            for kernels in [RoundingKernels.avx2, .portable] where kernels <= .widest {
                let quantizer = ScaledQuantizer(scheme, kernels: kernels)
                let rate = input.withUnsafeBufferPointer { x in
                    output.withUnsafeMutableBufferPointer { y in
                        measureThroughput(operations: n, minimumSeconds: minimumSeconds) {
                            var stats = ScaledStatistics()
                            _ = try? quantizer.quantize(
                                x, rows: rows, columns: columns, axis: axis, into: y.baseAddress, statistics: &stats)
                            return stats.flushed &+ stats.histogram[127] &+ UInt64(y[n / 2].bitPattern)
                        }
                    }
                }
                result.append(
                    ScaledBenchmarkRow(
                        scheme: name, axis: axis, kernel: kernels == .portable ? "portable C" : "AVX2",
                        elementsPerSecond: rate))
            }
        }
    }
    return result
}

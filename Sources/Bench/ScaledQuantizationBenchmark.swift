import Dispatch
import Precision
import _MPStudySupport

/// One row of the scaled-quantisation benchmark: elements per second on one core, with every
/// statistic (counters, histogram of x/scale, error sums, block statistics).
public struct ScaledBenchmarkRow: Sendable {
    public var scheme: String
    public var axis: BlockAxis
    public var kernel: String
    /// The median over the rounds of elements per second of the thread's CPU time, and the
    /// slowest and fastest round.
    public var elementsPerSecond: Double
    public var slowest: Double
    public var fastest: Double
    /// The median over the rounds of elements per second of wall time (lower than the CPU
    /// figure by the share of the core other jobs took).
    public var wallElementsPerSecond: Double
}

/// Per-tensor FP8, MX and NVFP4 quantisation of a 1024 x 4096 float32 matrix (the same
/// activations-like values as ``benchmarkRounding(minimumSeconds:)``), along rows and along
/// columns, with every kernel set the CPU runs, one thread, statistics on. The kernel sets of
/// a cell are measured interleaved (A B C A B C ..., `rounds` rounds of `minimumSeconds`
/// each), so a change in the machine's load falls on all of them alike; each row has the
/// median round.
public func benchmarkScaledQuantization(minimumSeconds: Double = 0.2, rounds: Int = 5) -> [ScaledBenchmarkRow] {
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
            let sets = RoundingKernels.allCases.reversed().filter { $0 <= .widest }
            var rates = [[Double]](repeating: [], count: sets.count)
            var wallRates = [[Double]](repeating: [], count: sets.count)
            for _ in 0..<rounds {
                for (index, kernels) in sets.enumerated() {
                    let quantizer = ScaledQuantizer(scheme, kernels: kernels)
                    let (cpu, wall) = input.withUnsafeBufferPointer { x in
                        output.withUnsafeMutableBufferPointer { y in
                            measureCPUThroughput(operations: n, minimumSeconds: minimumSeconds) {
                                var stats = ScaledStatistics()
                                _ = try? quantizer.quantize(
                                    x, rows: rows, columns: columns, axis: axis, into: y.baseAddress,
                                    statistics: &stats)
                                return stats.flushed &+ stats.histogram[127] &+ UInt64(y[n / 2].bitPattern)
                            }
                        }
                    }
                    rates[index].append(cpu)
                    wallRates[index].append(wall)
                }
            }
            for (index, kernels) in sets.enumerated() {
                let sorted = rates[index].sorted()
                let wall = wallRates[index].sorted()
                result.append(
                    ScaledBenchmarkRow(
                        scheme: name, axis: axis, kernel: kernels == .portable ? "portable C" : kernels.description,
                        elementsPerSecond: sorted[sorted.count / 2], slowest: sorted[0],
                        fastest: sorted[sorted.count - 1], wallElementsPerSecond: wall[wall.count / 2]))
            }
        }
    }
    return result
}

/// Operations per second of `body` (`operations` per call) by the calling thread's CPU time
/// (CLOCK_THREAD_CPUTIME_ID) and by wall time: one untimed call, then calls until
/// `minimumSeconds` of CPU time have passed. CPU time, as `bench softfloat`: on a shared
/// machine the time the scheduler gives other jobs does not count as the kernel's.
@inline(never)
func measureCPUThroughput(operations: Int, minimumSeconds: Double, _ body: () -> UInt64) -> (cpu: Double, wall: Double)
{
    var sink = body()
    var calls = 0
    let start = SoftFloatRunner.threadCPUSeconds()
    let wallStart = DispatchTime.now().uptimeNanoseconds
    var elapsed = 0.0
    repeat {
        sink ^= body()
        calls += 1
        elapsed = SoftFloatRunner.threadCPUSeconds() - start
    } while elapsed < minimumSeconds
    let wall = Double(DispatchTime.now().uptimeNanoseconds - wallStart) / 1e9
    blackHole(sink)
    return (Double(calls * operations) / elapsed, Double(calls * operations) / wall)
}

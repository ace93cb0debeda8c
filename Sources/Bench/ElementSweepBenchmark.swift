import Dispatch
import Precision
import SoftFloat
import _MPStudySupport

/// One row of the element-sweep benchmark: inputs per second of `verify --kernels`' element
/// sweep, for the current reference and for the one it replaced.
public struct ElementSweepBenchmarkRow: Sendable {
    public var element: ElementFormat
    public var kernel: RoundingKernels
    public var reference: String
    /// Median, slowest and fastest round, inputs per second.
    public var median, slowest, fastest: Double
}

/// `verify --kernels`' element sweep over `inputs` float32 patterns from 0x3F00_0000 (1/2,
/// where inputs of every kind are near: rounded, tied, saturated above), on `threads`
/// threads, interleaved round by round with the sweep as it was before the reference was
/// specialised (the scalar ``ElementFormat/rounded(_:)`` called per input through an
/// `any BinaryFormat.Type`, reproduced below), so both see the same machine load.
public func benchmarkElementSweep(
    _ element: ElementFormat, kernels: RoundingKernels, inputs: Int, threads: Int, rounds: Int
) -> [ElementSweepBenchmarkRow] {
    let low: UInt64 = 0x3F00_0000
    let patterns = low...(low + UInt64(inputs) - 1)
    var now: [Double] = []
    var before: [Double] = []
    for _ in 0..<rounds {
        var start = DispatchTime.now().uptimeNanoseconds
        let report = ElementKernelVerification.run(element, kernels: kernels, threads: threads, patterns: patterns)
        now.append(Double(report.inputs) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        start = DispatchTime.now().uptimeNanoseconds
        let mismatches = existentialSweep(element, kernels: kernels, threads: threads, patterns: patterns)
        before.append(Double(inputs) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        blackHole(report.mismatchCount + mismatches)
    }
    func row(_ name: String, _ rates: [Double]) -> ElementSweepBenchmarkRow {
        let sorted = rates.sorted()
        return ElementSweepBenchmarkRow(
            element: element, kernel: kernels, reference: name, median: sorted[sorted.count / 2],
            slowest: sorted[0], fastest: sorted[sorted.count - 1])
    }
    return [row("specialised bulk (now)", now), row("existential per input (before)", before)]
}

/// The element sweep as it was (ElementKernelVerification before the specialised bulk
/// reference): per block of 2^16 patterns, the kernel, then per input the scalar reference
/// through an existential format type; values only. Returns the mismatch count.
func existentialSweep(
    _ element: ElementFormat, kernels: RoundingKernels, threads: Int, patterns: ClosedRange<UInt64>
) -> Int {
    let block: UInt64 = 1 << 16
    let first = patterns.lowerBound / block
    let blocks = Int(patterns.upperBound / block - first + 1)
    let quantizer = ScaledQuantizer(.tensor(element: element, scale: 1), kernels: kernels)
    let format = element.softFloatFormat
    let maxFinite = element.maxFinite
    let counts = ParallelChunks(threads: threads).mapChunks(count: blocks, chunkSize: 1) { range in
        let index = UInt64(range.lowerBound)
        let low = max(patterns.lowerBound, (first + index) * block)
        let high = min(patterns.upperBound, (first + index) * block + block - 1)
        let n = Int(high - low + 1)
        let input = (0..<n).map { Float(bitPattern: UInt32(low + UInt64($0))) }
        var output = [Float](repeating: 0, count: n)
        var stats = ScaledStatistics()
        input.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                _ = try? quantizer.quantize(
                    x, rows: 1, columns: n, axis: .rows, into: y.baseAddress, statistics: &stats)
            }
        }
        var mismatches = 0
        for i in 0..<n {
            let x = input[i]
            let q = Double(x)
            let rounded = q.isInfinite ? (q < 0 ? -maxFinite : maxFinite) : existentialRounded(q, format)
            let expected = x.isNaN ? Float.nan : Float(rounded)
            let ok = x.isNaN ? output[i].isNaN : output[i].bitPattern == expected.bitPattern
            if !ok { mismatches += 1 }
        }
        return mismatches
    }
    return counts.reduce(0, +)
}

/// The former `ElementFormat.rounded(_:)`: the format opened from an existential per call.
@inline(never)
func existentialRounded(_ q: Double, _ format: any BinaryFormat.Type) -> Double {
    openedRounded(q, format)
}

private func openedRounded<F: BinaryFormat>(_ q: Double, _ format: F.Type) -> Double {
    if q.isNaN { return q }
    var env = FloatEnvironment(saturatesOverflow: true)
    let value = BinaryFloat<Binary64>(bits: q.bitPattern).converted(to: F.self, in: &env)
    var back = FloatEnvironment()
    return Double(bitPattern: value.converted(to: Binary64.self, in: &back).bits)
}

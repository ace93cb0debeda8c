//===--- ElementKernelVerification.swift ----------------------------------===//
//
// Every float32 input through the scaled kernels' element rounding, against SoftFloat.
//
//===----------------------------------------------------------------------===//

import Dispatch
import _MPStudySupport

/// `verify --kernels` for the element formats of scaled tensors: every float32 bit pattern
/// through the per-tensor kernel at scale 1 must give the bits of ``ElementFormat/rounded(_:)``
/// (SoftFloat's saturating conversion, ±max for an infinity) widened back to float32; a NaN
/// input must give a NaN. The statistics of each block of inputs must be those the
/// reference implies, field for field (the error sums bit for bit, added in the kernels'
/// documented order: eight lanes by position mod 8, folded in a fixed tree).
public enum ElementKernelVerification {
    /// Inputs per kernel call (and per report block).
    static let block: UInt64 = 1 << 16

    /// Blocks per task: each task reuses its buffers from block to block.
    static let blocksPerTask = 8

    /// Checks `patterns` in blocks of 2^16, `threads` tasks of ``blocksPerTask`` blocks at a
    /// time; the report has the first mismatches in block order.
    public static func run(
        _ element: ElementFormat, kernels: RoundingKernels, threads: Int,
        patterns: ClosedRange<UInt64> = 0...0xFFFF_FFFF, progress: (@Sendable (_ inputs: Int) -> Void)? = nil
    ) -> KernelVerification {
        run(element, kernelSets: [kernels], threads: threads, patterns: patterns, progress: progress)[0]
    }

    /// ``run(_:kernels:threads:patterns:progress:)`` for several kernel sets in one pass: each
    /// block's reference values and statistics are computed once and every set's kernel is
    /// checked against them (the reference is most of the work). One report per set, in the
    /// order given; `progress` hears each block once.
    public static func run(
        _ element: ElementFormat, kernelSets: [RoundingKernels], threads: Int,
        patterns: ClosedRange<UInt64> = 0...0xFFFF_FFFF, progress: (@Sendable (_ inputs: Int) -> Void)? = nil
    ) -> [KernelVerification] {
        let first = patterns.lowerBound / block
        let blocks = Int(patterns.upperBound / block - first + 1)
        let start = DispatchTime.now()
        let quantizers = kernelSets.map { ScaledQuantizer(.tensor(element: element, scale: 1), kernels: $0) }
        let tasks = ParallelChunks(threads: threads).mapChunks(count: blocks, chunkSize: blocksPerTask) { range in
            let buffers = Buffers(count: Int(block))
            defer { buffers.deallocate() }
            var reports = [[KernelVerification]](repeating: [], count: quantizers.count)
            for index in range {
                let low = max(patterns.lowerBound, (first + UInt64(index)) * block)
                let high = min(patterns.upperBound, (first + UInt64(index)) * block + block - 1)
                let checked = check(low...high, element, quantizers, buffers)
                for k in checked.indices { reports[k].append(checked[k]) }
                progress?(Int(high - low + 1))
            }
            return reports.map { KernelVerification.merged($0, since: start) }
        }
        return quantizers.indices.map { k in KernelVerification.merged(tasks.map { $0[k] }, since: start) }
    }

    /// One task's working memory (a block's inputs, kernel results, reference results and
    /// overflow flags), allocated once per task.
    struct Buffers {
        let input, output, expected: UnsafeMutableBufferPointer<Float>
        let overflowed: UnsafeMutableBufferPointer<Bool>

        init(count: Int) {
            input = .allocate(capacity: count)
            output = .allocate(capacity: count)
            expected = .allocate(capacity: count)
            overflowed = .allocate(capacity: count)
        }

        func deallocate() {
            input.deallocate()
            output.deallocate()
            expected.deallocate()
            overflowed.deallocate()
        }
    }

    /// One block of consecutive patterns through each of `quantizers` (one call each) against
    /// the reference, computed once.
    static func check(
        _ patterns: ClosedRange<UInt64>, _ element: ElementFormat, _ quantizers: [ScaledQuantizer], _ buffers: Buffers
    ) -> [KernelVerification] {
        let low = patterns.lowerBound
        let n = Int(patterns.upperBound - low + 1)
        let input = UnsafeMutableBufferPointer(rebasing: buffers.input[0..<n])
        let output = UnsafeMutableBufferPointer(rebasing: buffers.output[0..<n])
        let expected = UnsafeMutableBufferPointer(rebasing: buffers.expected[0..<n])
        let overflowed = UnsafeMutableBufferPointer(rebasing: buffers.overflowed[0..<n])
        for i in 0..<n { input[i] = Float(bitPattern: UInt32(truncatingIfNeeded: low &+ UInt64(i))) }
        element.rounded(UnsafeBufferPointer(input), into: expected, overflowed: overflowed)
        let reference = expectedStatistics(
            UnsafeBufferPointer(input), UnsafeBufferPointer(expected), UnsafeBufferPointer(overflowed), element)
        return quantizers.map { quantizer in
            var stats = ScaledStatistics()
            _ = try? quantizer.quantize(
                UnsafeBufferPointer(input), rows: 1, columns: n, axis: .rows, into: output.baseAddress,
                statistics: &stats)
            var report = KernelVerification()
            report.inputs = UInt64(n)
            for i in 0..<n {
                let x = input[i]
                let ok = x.isNaN ? output[i].isNaN : output[i].bitPattern == expected[i].bitPattern
                if !ok {
                    report.mismatchCount += 1
                    if report.mismatches.count < 20 {
                        report.mismatches.append((x.bitPattern, output[i].bitPattern, expected[i].bitPattern))
                    }
                }
            }
            for difference in reference.differences(from: stats) {
                report.mismatchCount += 1
                report.statisticsMismatches.append(
                    "inputs 0x\(String(low, radix: 16))...0x\(String(patterns.upperBound, radix: 16)): \(difference)")
            }
            return report
        }
    }

    /// The statistics of one per-tensor call at scale 1 (q = x), from the reference results
    /// `r` and whether each saturated, by the definitions in ckscaled.h: counts of NaN,
    /// infinite, saturated, flushed (finite nonzero x, r = 0) and subnormal (0 < |r| < 2^emin)
    /// elements; the histogram of q by float32 binade (0 for float32 subnormals, 255 NaN and
    /// infinity, 256 zero); and the relative error |r - q| / |q| * 2^p of every finite nonzero x,
    /// summed in lane p mod 8 and folded ((0+1)+(2+3))+((4+5)+(6+7)).
    static func expectedStatistics(
        _ x: UnsafeBufferPointer<Float>, _ r: UnsafeBufferPointer<Float>, _ overflowed: UnsafeBufferPointer<Bool>,
        _ element: ElementFormat
    ) -> ScaledStatistics {
        var s = ScaledStatistics()
        var histogram = [UInt64](repeating: 0, count: s.histogram.count)
        var sum = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        var squares = sum
        let unit = Double(sign: .plus, exponent: element.precision, significand: 1)
        let smallestNormal = Double(sign: .plus, exponent: element.minExponent, significand: 1)
        histogram.withUnsafeMutableBufferPointer { h in
            withUnsafeMutableBytes(of: &sum) { sumBytes in
                withUnsafeMutableBytes(of: &squares) { squaresBytes in
                    let sum = sumBytes.bindMemory(to: Double.self)
                    let squares = squaresBytes.bindMemory(to: Double.self)
                    for i in x.indices {
                        let v = x[i]
                        s.count += 1
                        if v.isNaN {
                            s.nan += 1
                            h[255] += 1
                            continue
                        }
                        if v.isInfinite {
                            s.infinite += 1
                            h[255] += 1
                            continue
                        }
                        if v == 0 {
                            h[256] += 1
                            continue
                        }
                        h[Int(v.exponentBitPattern)] += 1
                        if overflowed[i] { s.saturated += 1 }
                        let rounded = Double(r[i])
                        if rounded == 0 {
                            s.flushed += 1
                        } else if rounded.magnitude < smallestNormal {
                            s.subnormal += 1
                        }
                        let q = Double(v)
                        let error = (rounded - q).magnitude / q.magnitude * unit
                        s.errorCount += 1
                        sum[i & 7] += error
                        squares[i & 7] += error * error
                        if error > s.errorMax { s.errorMax = error }
                    }
                }
            }
        }
        s.histogram = histogram
        s.errorSum = ((sum.0 + sum.1) + (sum.2 + sum.3)) + ((sum.4 + sum.5) + (sum.6 + sum.7))
        s.errorSquares =
            ((squares.0 + squares.1) + (squares.2 + squares.3)) + ((squares.4 + squares.5) + (squares.6 + squares.7))
        return s
    }
}

extension ScaledStatistics {
    /// `field: kernel K, reference R` for every field where `kernel` differs from `self`
    /// (doubles compared by bits).
    func differences(from kernel: ScaledStatistics) -> [String] {
        var lines: [String] = []
        func compare<T: Equatable>(_ name: String, _ mine: T, _ theirs: T) {
            if mine != theirs { lines.append("\(name): kernel \(theirs), reference \(mine)") }
        }
        func compareBits(_ name: String, _ mine: Double, _ theirs: Double) {
            if mine.bitPattern != theirs.bitPattern { lines.append("\(name): kernel \(theirs), reference \(mine)") }
        }
        compare("count", count, kernel.count)
        compare("nan", nan, kernel.nan)
        compare("infinite", infinite, kernel.infinite)
        compare("saturated", saturated, kernel.saturated)
        compare("flushed", flushed, kernel.flushed)
        compare("subnormal", subnormal, kernel.subnormal)
        compare("errorCount", errorCount, kernel.errorCount)
        compareBits("errorSum", errorSum, kernel.errorSum)
        compareBits("errorSquares", errorSquares, kernel.errorSquares)
        compareBits("errorMax", errorMax, kernel.errorMax)
        for bin in histogram.indices { compare("histogram[\(bin)]", histogram[bin], kernel.histogram[bin]) }
        compare("blocks", blocks, kernel.blocks)
        compare("clampedScales", clampedScales, kernel.clampedScales)
        compare("flushedInBlock", flushedInBlock, kernel.flushedInBlock)
        compare("spread", spread, kernel.spread)
        return lines
    }
}

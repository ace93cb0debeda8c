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
/// input must give a NaN.
public enum ElementKernelVerification {
    /// Checks `patterns` in blocks of 2^16, `threads` blocks at a time; the report has the
    /// first mismatches in block order.
    public static func run(
        _ element: ElementFormat, kernels: RoundingKernels, threads: Int,
        patterns: ClosedRange<UInt64> = 0...0xFFFF_FFFF, progress: (@Sendable (_ inputs: Int) -> Void)? = nil
    ) -> KernelVerification {
        let block: UInt64 = 1 << 16
        let first = patterns.lowerBound / block
        let blocks = Int(patterns.upperBound / block - first + 1)
        let start = DispatchTime.now()
        let quantizer = ScaledQuantizer(.tensor(element: element, scale: 1), kernels: kernels)
        let reports = ParallelChunks(threads: threads).mapChunks(count: blocks, chunkSize: 1) { range in
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
            var report = KernelVerification()
            report.inputs = UInt64(n)
            for i in 0..<n {
                let x = input[i]
                let expected = x.isNaN ? Float.nan : Float(element.rounded(Double(x)))
                let ok = x.isNaN ? output[i].isNaN : output[i].bitPattern == expected.bitPattern
                if !ok {
                    report.mismatchCount += 1
                    if report.mismatches.count < 20 {
                        report.mismatches.append((x.bitPattern, output[i].bitPattern, expected.bitPattern))
                    }
                }
            }
            progress?(n)
            return report
        }
        return KernelVerification.merged(reports, since: start)
    }
}

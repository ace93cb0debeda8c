import Dispatch
import SoftFloat
import _MPStudySupport

/// Checks a bulk kernel against SoftFloat's conversion on float32 inputs: the kernel's rounded
/// value must have exactly the bits of `BinaryFloat<Binary32>` converted to the target format
/// and back (round to nearest even; NaNs keep their sign and top payload bits, quieted).
public struct KernelVerification: Sendable {
    /// The first disagreements, as (input bits, kernel bits, SoftFloat bits).
    public var mismatches: [(input: UInt32, kernel: UInt32, softFloat: UInt32)] = []
    public var mismatchCount = 0
    /// The first statistics that differ from the reference's, one line each (sweeps that
    /// compare statistics; each also counts in `mismatchCount`).
    public var statisticsMismatches: [String] = []
    public var inputs: UInt64 = 0
    public var seconds = 0.0

    /// Every float32 bit pattern in `patterns` (default: all 2^32) through `rounder`'s kernel
    /// for `format`, in blocks of 2^16 consecutive patterns, `rounder.threads` blocks at a
    /// time; the blocks' reports are merged in block order (the kept mismatches are the first).
    /// `progress` is told the inputs of every finished block, from the thread that checked it
    /// (so it must be safe to call concurrently): `verify --kernels` shows it as it goes.
    public static func run(
        _ format: ComputeFormat, rounder: TensorRounder,
        patterns: ClosedRange<UInt64> = 0...0xFFFF_FFFF,
        progress: (@Sendable (_ inputs: Int) -> Void)? = nil
    ) -> KernelVerification {
        let block: UInt64 = 1 << 16
        let first = patterns.lowerBound / block
        let last = patterns.upperBound / block
        let blocks = Int(last - first + 1)
        let start = DispatchTime.now()
        let single = TensorRounder(threads: 1, kernels: rounder.kernels)
        let reports = rounder.parallel.mapChunks(count: blocks, chunkSize: 1) { range in
            let index = UInt64(range.lowerBound)
            let low = max(patterns.lowerBound, (first + index) * block)
            let high = min(patterns.upperBound, (first + index) * block + block - 1)
            let report = check(low...high, format, single)
            progress?(Int(report.inputs))
            return report
        }
        return merged(reports, since: start)
    }

    /// Block reports merged in block order (the first 20 mismatches kept), timed from `start`.
    static func merged(_ reports: [KernelVerification], since start: DispatchTime) -> KernelVerification {
        var total = KernelVerification()
        for r in reports {
            total.inputs += r.inputs
            total.mismatchCount += r.mismatchCount
            total.mismatches += r.mismatches.prefix(max(0, 20 - total.mismatches.count))
            total.statisticsMismatches += r.statisticsMismatches.prefix(
                max(0, 20 - total.statisticsMismatches.count))
        }
        total.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return total
    }

    /// One block of consecutive patterns through `rounder` (one thread) against ``reference(_:_:)``.
    static func check(
        _ patterns: ClosedRange<UInt64>, _ format: ComputeFormat,
        _ rounder: TensorRounder
    ) -> KernelVerification {
        let low = patterns.lowerBound
        let n = Int(patterns.upperBound - low + 1)
        var input = [Float](repeating: 0, count: n)
        var output = [Float](repeating: 0, count: n)
        for i in 0..<n { input[i] = Float(bitPattern: UInt32(low + UInt64(i))) }
        input.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                rounder.round(x.baseAddress!, count: n, to: format, into: y.baseAddress!)
            }
        }
        var report = KernelVerification()
        report.inputs = UInt64(n)
        for i in 0..<n {
            let bits = UInt32(low + UInt64(i))
            let expected = reference(bits, format)
            if output[i].bitPattern != expected {
                report.mismatchCount += 1
                if report.mismatches.count < 20 { report.mismatches.append((bits, output[i].bitPattern, expected)) }
            }
        }
        return report
    }

    /// SoftFloat's rounding of the float32 `bits` to `format`, widened back to float32 bits.
    @inlinable
    public static func reference(_ bits: UInt32, _ format: ComputeFormat) -> UInt32 {
        var env = FloatEnvironment()
        let x = SoftFloat32(bits: bits)
        switch format {
        case .float32: return bits
        case .float16: return x.converted(to: Binary16.self, in: &env).converted(to: Binary32.self, in: &env).bits
        case .bfloat16: return x.converted(to: BFloat16.self, in: &env).converted(to: Binary32.self, in: &env).bits
        }
    }
}

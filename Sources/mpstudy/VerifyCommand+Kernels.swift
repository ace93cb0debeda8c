import Foundation
import Precision

extension VerifyCommand {
    /// `--kernels`: every one of the 2^32 float32 inputs through the bulk rounding kernels
    /// (float16 and bfloat16, round to nearest even) against SoftFloat's conversion, on all
    /// cores, for the vector kernels (when the CPU has them) and the portable ones.
    func runKernelSweep() -> Bool {
        var failed = false
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var rounders = [TensorRounder(threads: cores, allowVectorKernels: false)]
        let vector = TensorRounder(threads: cores)
        if vector.usesVectorKernels { rounders.insert(vector, at: 0) }
        for rounder in rounders {
            for format in [ComputeFormat.float16, .bfloat16] {
                let report = KernelVerification.run(format, rounder: rounder)
                let kind = rounder.usesVectorKernels ? "AVX2+F16C" : "portable"
                Swift.print("float32 -> \(format.rawValue) \(kind) kernel, every input: \(report.inputs) inputs, "
                            + "\(report.mismatchCount) mismatches, \(String(format: "%.1f", report.seconds)) s")
                for m in report.mismatches {
                    Swift.print("  mismatch input=0x\(String(m.input, radix: 16)) kernel=0x\(String(m.kernel, radix: 16)) "
                                + "softfloat=0x\(String(m.softFloat, radix: 16))")
                }
                failed = failed || report.mismatchCount > 0
            }
        }
        return failed
    }
}

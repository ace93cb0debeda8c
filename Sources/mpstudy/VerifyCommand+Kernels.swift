import Foundation
import Precision

extension VerifyCommand {
    /// `--kernels`: every one of the 2^32 float32 inputs through the bulk rounding kernels
    /// (float16 and bfloat16, round to nearest even) against SoftFloat's conversion, on all
    /// cores, for every kernel set the CPU runs (AVX-512, AVX2+F16C, portable): one sweep
    /// per kernel set and format; then the scaled kernels' element rounding to each element
    /// format (E4M3, E5M2, E3M2, E2M3, E2M1) at scale 1, likewise.
    func kernelSweeps() -> [VerifySweep] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let rounders = RoundingKernels.allCases.filter { $0 <= .widest }.reversed().map {
            TensorRounder(threads: cores, kernels: $0)
        }
        var sweeps: [VerifySweep] = []
        for rounder in rounders {
            for format in [ComputeFormat.float16, .bfloat16] {
                let label =
                    "float32 -> \(format.rawValue) \(rounder.kernels) kernel, every input"
                sweeps.append(
                    VerifySweep(name: label, cases: 1 << 32, unit: "inputs") { progress in
                        let report = KernelVerification.run(format, rounder: rounder, progress: progress)
                        var lines = [
                            "\(label): \(report.inputs) inputs, \(report.mismatchCount) mismatches, "
                                + "\(String(format: "%.1f", report.seconds)) s"
                        ]
                        lines += report.mismatches.map { m in
                            "  mismatch input=0x\(String(m.input, radix: 16)) kernel=0x\(String(m.kernel, radix: 16)) "
                                + "softfloat=0x\(String(m.softFloat, radix: 16))"
                        }
                        return VerifyOutcome(lines: lines, failed: report.mismatchCount > 0)
                    })
            }
        }
        // The scaled kernels' element rounding (per tensor, scale 1): AVX2 and portable.
        for kernels in [RoundingKernels.avx2, .portable] where kernels <= .widest {
            for element in ElementFormat.allCases {
                let name = kernels == .portable ? "portable" : "AVX2"
                let label = "float32 -> \(element.rawValue) (saturating) scaled \(name) kernel, every input"
                sweeps.append(
                    VerifySweep(name: label, cases: 1 << 32, unit: "inputs") { progress in
                        let report = ElementKernelVerification.run(
                            element, kernels: kernels, threads: cores, progress: progress)
                        var lines = [
                            "\(label): \(report.inputs) inputs, \(report.mismatchCount) mismatches, "
                                + "\(String(format: "%.1f", report.seconds)) s"
                        ]
                        lines += report.mismatches.map { m in
                            "  mismatch input=0x\(String(m.input, radix: 16)) kernel=0x\(String(m.kernel, radix: 16)) "
                                + "softfloat=0x\(String(m.softFloat, radix: 16))"
                        }
                        return VerifyOutcome(lines: lines, failed: report.mismatchCount > 0)
                    })
            }
        }
        return sweeps
    }
}

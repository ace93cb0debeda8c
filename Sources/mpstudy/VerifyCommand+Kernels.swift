import Foundation
import Precision

extension VerifyCommand {
    /// `--kernels`: every one of the 2^32 float32 inputs through the bulk rounding kernels
    /// (float16 and bfloat16, round to nearest even) against SoftFloat's conversion, on all
    /// cores, for every kernel set the CPU runs (AVX-512, AVX2+F16C, portable): one sweep
    /// per kernel set and format; then the scaled kernels' element rounding to each element
    /// format (E4M3, E5M2, E3M2, E2M3, E2M1) at scale 1, likewise, statistics included.
    /// `--kernel-format` and `--kernel-set` pick a subset.
    func kernelSweeps() -> [VerifySweep] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let formats = (kernelFormats ?? .all).values
        let chosenSets = (kernelSets ?? .all).values
        for set in chosenSets where set > .widest {
            Swift.print("note: this CPU does not run the \(set) kernels; their sweeps are skipped")
        }
        // Widest first, as the default order always was.
        let sets = RoundingKernels.allCases.reversed().filter { chosenSets.contains($0) && $0 <= .widest }
        var sweeps: [VerifySweep] = []
        for kernels in sets {
            let rounder = TensorRounder(threads: cores, kernels: kernels)
            for format in [ComputeFormat.float16, .bfloat16]
            where formats.contains(format == .float16 ? .float16 : .bfloat16) {
                let label =
                    "float32 -> \(format.rawValue) \(rounder.kernels) kernel, every input"
                sweeps.append(
                    VerifySweep(name: label, cases: 1 << 32, unit: "inputs") { progress in
                        Self.outcome(label, KernelVerification.run(format, rounder: rounder, progress: progress))
                    })
            }
        }
        // The scaled kernels' element rounding (per tensor, scale 1) and statistics, every
        // implementation of the scaled kernels in one pass per element format (the SoftFloat
        // reference, most of the work, computed once per input): one result line per set.
        let scaledSets = sets.filter { ScaledQuantizer.implementations.contains($0) }
        if !scaledSets.isEmpty {
            for element in ElementFormat.allCases where formats.contains(.element(element)) {
                let names = scaledSets.map(\.description).joined(separator: ", ")
                let label = "float32 -> \(element.rawValue) (saturating) scaled kernels (\(names)), every input"
                sweeps.append(
                    VerifySweep(name: label, cases: 1 << 32, unit: "inputs") { progress in
                        let reports = ElementKernelVerification.run(
                            element, kernelSets: scaledSets, threads: cores, progress: progress)
                        var outcome = VerifyOutcome(lines: [], failed: false)
                        for (kernels, report) in zip(scaledSets, reports) {
                            let one = Self.outcome(
                                "float32 -> \(element.rawValue) (saturating) scaled \(kernels) kernel, every input",
                                report)
                            outcome.lines += one.lines
                            outcome.failed = outcome.failed || one.failed
                        }
                        return outcome
                    })
            }
        }
        return sweeps
    }

    /// The result lines of a kernel sweep: the summary, then each kept mismatch.
    static func outcome(_ label: String, _ report: KernelVerification) -> VerifyOutcome {
        let rate = report.seconds > 0 ? Double(report.inputs) / report.seconds / 1e6 : 0
        var lines = [
            "\(label): \(report.inputs) inputs, \(report.mismatchCount) mismatches, "
                + "\(String(format: "%.1f", report.seconds)) s (\(String(format: "%.1f", rate)) M inputs/s)"
        ]
        lines += report.mismatches.map { m in
            "  mismatch input=0x\(String(m.input, radix: 16)) kernel=0x\(String(m.kernel, radix: 16)) "
                + "softfloat=0x\(String(m.softFloat, radix: 16))"
        }
        lines += report.statisticsMismatches.map { "  statistics mismatch \($0)" }
        return VerifyOutcome(lines: lines, failed: report.mismatchCount > 0)
    }
}

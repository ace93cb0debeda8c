//===--- ProfileReport.swift ----------------------------------------------===//
//
// The `--profile` table: time per step by kind of work, GEMM against the machine's FMA peak.
//
//===----------------------------------------------------------------------===//

/// Where the time of the training steps went, and how far the steps are from the machine's
/// limit: GEMM throughput against the measured FMA peak (``FMAPeak``), and the floor, the
/// time the steps' matrix products would take at that peak.
///
/// The floor is what no implementation of these steps on these cores can beat (the GEMMs
/// alone, every multiply-add at the peak, nothing else), so `step / floor` is the one number
/// that says how close training is to the machine's limit, whatever the machine.
public struct ProfileReport: Sendable {
    public let profile: ProfileSnapshot
    public let steps: Int
    /// Wall time of the steps (everything from batch gather to the end of the update).
    public let stepSeconds: Double
    /// Wall time and GEMM flops of the first step alone (it also pays for first touches of
    /// the buffers; Keras timings leave their first step out too); nil when unknown.
    public let firstStep: (seconds: Double, flops: Double)?
    /// The measured FMA peak of the threads the steps ran on; nil when not measured.
    public var peak: FMAPeak?

    public init(
        profile: ProfileSnapshot, steps: Int, stepSeconds: Double,
        firstStep: (seconds: Double, flops: Double)? = nil, peak: FMAPeak? = nil
    ) {
        self.profile = profile
        self.steps = steps
        self.stepSeconds = stepSeconds
        self.firstStep = firstStep
        self.peak = peak
    }

    /// Seconds per step in GEMM.
    public var gemmSecondsPerStep: Double { profile.seconds(.gemm) / Double(max(steps, 1)) }
    /// Seconds per step in total.
    public var secondsPerStep: Double { stepSeconds / Double(max(steps, 1)) }
    /// Step time over GEMM time (1.0 would mean nothing but GEMM).
    public var stepOverGEMM: Double { profile.seconds(.gemm) > 0 ? stepSeconds / profile.seconds(.gemm) : .infinity }
    /// Achieved GEMM throughput.
    public var gemmGFLOPS: Double { profile.seconds(.gemm) > 0 ? profile.gemmFlops / profile.seconds(.gemm) / 1e9 : 0 }
    /// GEMM floating-point operations per step.
    public var flopsPerStep: Double { profile.gemmFlops / Double(max(steps, 1)) }

    /// Seconds per step after the first (nil with fewer than two steps or no first-step record).
    public var secondsPerStepAfterFirst: Double? {
        guard let firstStep, steps > 1 else { return nil }
        return (stepSeconds - firstStep.seconds) / Double(steps - 1)
    }

    /// The floor per step: the GEMM flops of a step at the peak (nil without a peak).
    public var floorSecondsPerStep: Double? { peak.map { $0.seconds(flops: flopsPerStep) } }

    /// Mean step time over the floor (nil without a peak).
    public var stepOverFloor: Double? {
        guard let floor = floorSecondsPerStep, floor > 0 else { return nil }
        return secondsPerStep / floor
    }

    /// The same for the steps after the first.
    public var stepOverFloorAfterFirst: Double? {
        guard let peak, let firstStep, let after = secondsPerStepAfterFirst, steps > 1 else { return nil }
        let floor = peak.seconds(flops: (profile.gemmFlops - firstStep.flops) / Double(steps - 1))
        return floor > 0 ? after / floor : nil
    }

    /// Seconds in the work analysis adds (``ProfiledWork/isAnalysis``).
    public var analysisSeconds: Double {
        ProfiledWork.allCases.filter(\.isAnalysis).reduce(0) { $0 + profile.seconds($1) }
    }

    /// The table, in ms per step: training work, then the analysis parts (when there are
    /// any), the totals, and the comparison with the FMA peak.
    public var lines: [String] {
        let n = Double(max(steps, 1))
        func fixed(_ value: Double, _ decimals: Int) -> String { KerasFormat.fixed(value, decimals: decimals) }
        func pad(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        func row(_ name: String, _ seconds: Double, _ extra: String = "") -> String {
            let share = stepSeconds > 0 ? 100 * seconds / stepSeconds : 0
            return "  " + name + String(repeating: " ", count: max(0, 26 - name.count))
                + pad(fixed(seconds * 1000 / n, 1), 10) + " ms/step " + pad(fixed(share, 1), 6) + "%" + extra
        }
        var out = ["profile of \(steps) training steps (wall \(fixed(stepSeconds, 1)) s):"]
        var accounted = 0.0
        for work in ProfiledWork.allCases where !work.isAnalysis {
            let s = profile.seconds(work)
            accounted += s
            let extra =
                work == .gemm
                ? "  \(fixed(gemmGFLOPS, 1)) GFLOP/s, \(fixed(flopsPerStep / 1e12, 3)) TFLOP/step" : ""
            out.append(row(work.description, s, extra))
        }
        let analysis = analysisSeconds
        if analysis > 0 {
            out.append("  analysis:")
            for work in ProfiledWork.allCases where work.isAnalysis {
                accounted += profile.seconds(work)
                out.append(row(work.description, profile.seconds(work)))
            }
            out.append(row("analysis total", analysis))
        }
        out.append(row("other (unaccounted)", max(0, stepSeconds - accounted)))
        out.append(row("step total", stepSeconds))
        var summary =
            "  non-GEMM \(fixed((stepSeconds - profile.seconds(.gemm)) * 1000 / n, 1)) ms/step; step / GEMM = \(fixed(stepOverGEMM, 3))x"
        if analysis > 0 {
            // Rounding with statistics includes the casts themselves, which training does too.
            summary += "; analysis parts \(fixed(100 * analysis / max(stepSeconds, 1e-300), 1))% of the step"
        }
        out.append(summary)
        if let after = secondsPerStepAfterFirst {
            out.append("  steps after the first: \(fixed(after * 1000, 1)) ms/step")
        }
        if let peak, let floor = floorSecondsPerStep, let ratio = stepOverFloor {
            out.append("  FMA peak \(peak.description)")
            out.append("  GEMM at \(fixed(100 * gemmGFLOPS / peak.gflops, 1))% of the peak")
            var line =
                "  floor (GEMM flops at the peak) \(fixed(floor * 1000, 1)) ms/step; step / floor = \(fixed(ratio, 3))x"
            if let afterRatio = stepOverFloorAfterFirst {
                line += " (after the first step: \(fixed(afterRatio, 3))x)"
            }
            out.append(line)
        }
        return out
    }
}

//===--- ProfileReport.swift ----------------------------------------------===//
//
// The `--profile` table: time per step in GEMM and in everything else.
//
//===----------------------------------------------------------------------===//

/// Where the time of the training steps went: GEMM against everything else.
public struct ProfileReport: Sendable {
    public let profile: ProfileSnapshot
    public let steps: Int
    /// Wall time of the steps (everything from batch gather to the end of the update).
    public let stepSeconds: Double

    public init(profile: ProfileSnapshot, steps: Int, stepSeconds: Double) {
        self.profile = profile
        self.steps = steps
        self.stepSeconds = stepSeconds
    }

    /// Seconds per step in GEMM.
    public var gemmSecondsPerStep: Double { profile.seconds(.gemm) / Double(max(steps, 1)) }
    /// Seconds per step in total.
    public var secondsPerStep: Double { stepSeconds / Double(max(steps, 1)) }
    /// Step time over GEMM time (1.0 would mean nothing but GEMM).
    public var stepOverGEMM: Double { profile.seconds(.gemm) > 0 ? stepSeconds / profile.seconds(.gemm) : .infinity }
    /// Achieved GEMM throughput.
    public var gemmGFLOPS: Double { profile.seconds(.gemm) > 0 ? profile.gemmFlops / profile.seconds(.gemm) / 1e9 : 0 }

    /// A small table, one line per kind of work, in ms per step.
    public var lines: [String] {
        let n = Double(max(steps, 1))
        func ms(_ seconds: Double) -> String { KerasFormat.fixed(seconds * 1000 / n, decimals: 1) }
        func pct(_ seconds: Double) -> String {
            KerasFormat.fixed(stepSeconds > 0 ? 100 * seconds / stepSeconds : 0, decimals: 1)
        }
        func row(_ name: String, _ seconds: Double, _ extra: String = "") -> String {
            let label = name + String(repeating: " ", count: max(0, 26 - name.count))
            let value = ms(seconds)
            return "  " + label + String(repeating: " ", count: max(0, 10 - value.count)) + value + " ms/step "
                + String(repeating: " ", count: max(0, 6 - pct(seconds).count)) + pct(seconds) + "%" + extra
        }
        var out = ["profile of \(steps) training steps (wall \(KerasFormat.fixed(stepSeconds, decimals: 1)) s):"]
        var accounted = 0.0
        for work in ProfiledWork.allCases {
            let s = profile.seconds(work)
            accounted += s
            let extra =
                work == .gemm
                ? "  \(KerasFormat.fixed(gemmGFLOPS, decimals: 1)) GFLOP/s, \(KerasFormat.fixed(profile.gemmFlops / n / 1e12, decimals: 3)) TFLOP/step"
                : ""
            out.append(row(work.description, s, extra))
        }
        out.append(row("other (unaccounted)", max(0, stepSeconds - accounted)))
        out.append(row("step total", stepSeconds))
        out.append(
            "  non-GEMM \(ms(stepSeconds - profile.seconds(.gemm))) ms/step; step / GEMM = \(KerasFormat.fixed(stepOverGEMM, decimals: 3))x"
        )
        return out
    }
}

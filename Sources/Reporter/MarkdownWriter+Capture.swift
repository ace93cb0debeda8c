//===--- MarkdownWriter+Capture.swift -------------------------------------===//
//
// summary.md of a captured run (`inspect --run`): what the capture says, not training facts.
//
//===----------------------------------------------------------------------===//

import Analyzer

extension MarkdownWriter {
    /// The facts of a captured run: where it came from and what it was counted against, and
    /// plainly what a capture does not hold (no value is made up for those).
    static func captureFacts(_ run: RunRecord, _ capture: CaptureOrigin) -> String {
        let steps = run.steps.map { String($0.step) }
        let format = FormatRange(run.settings.computeFormat)
        var lines = [
            "Capture: \(MarkdownText.code(capture.folder)), written by \(MarkdownText.plain(capture.framework))"
                + (capture.model.isEmpty ? "" : "; model \(MarkdownText.plain(capture.model))"),
            "Layers: \(run.layers.map(MarkdownText.plain).joined(separator: ", "))",
            "Steps captured: \(steps.count) (step\(steps.count == 1 ? "" : "s") \(steps.prefix(20).joined(separator: ", "))\(steps.count > 20 ? ", ..." : ""))"
                + (capture.every.map { "; captured every \($0) step\($0 == 1 ? "" : "s")" } ?? ""),
            "Counted against: \(run.settings.computeFormat.rawValue) (u = 2^-\(format.precision)), each captured tensor "
                + "rounded by the kernels analyze uses at its rounding sites; gradients divided by the step's loss "
                + "scale where the capture gives one (\"w/o scaling\")",
            "Not in a capture: policy, batch size, seed, accuracy, timings, drift against a float32 shadow pass and "
                + "lost updates; the CSV files' policy column says `captured`",
            "Machine: " + machine(run.environment),
        ]
        if !run.environment.commandLine.isEmpty {
            lines.append("Command: " + MarkdownText.code(run.environment.commandLine.joined(separator: " ")))
        }
        return lines.map { "- \($0)\n" }.joined()
    }

    /// The captured steps with the loss the capture gives (a dash where it gives none).
    static func capturedStepTable(_ run: RunRecord, _ capture: CaptureOrigin) -> String {
        guard !run.steps.isEmpty else { return "No step captured.\n" }
        var table = MarkdownTable(headers: ["step", "loss", "tensors"])
        for step in run.steps {
            let loss = capture.losses.first { $0.step == step.step }.map { ReportNumber.metric($0.loss) } ?? "-"
            table.append([String(step.step), loss, String(step.tensors.count)])
        }
        return table.text
    }
}

//===--- MarkdownWriter.swift ---------------------------------------------===//
//
// summary.md: the run in words and tables, for people.
//
//===----------------------------------------------------------------------===//

import Analyzer
import NeuralNet
import Precision
import _MPStudySupport

/// Writes `summary.md`: the run's settings, its results, the policy comparison (with
/// `--compare`), the findings in plain words, one section per selected layer (rounding
/// table, lost updates, drift) and the step table. The charts of ``RunCharts`` are linked
/// where they belong: loss, accuracy and loss scale before the findings, the heat maps after
/// them, each selected layer's exponent histograms (folded) at the end of its section.
/// Everything comes from the ``RunRecord``, so `mpstudy report` can regenerate it.
public enum MarkdownWriter {
    /// The whole summary.
    public static func summary(_ run: RunRecord) -> String { summary(RunDigest(run)) }

    /// The whole summary of the digested run.
    static func summary(_ digest: RunDigest) -> String {
        let run = digest.outline
        let charts = RunCharts.list(digest)
        var text: String
        if let capture = run.capture {
            // A captured run has no training facts to show: what the capture says instead.
            text =
                "# mpstudy inspect --run: captured run\n\n" + "## Captured run\n\n" + captureFacts(run, capture) + "\n"
        } else {
            text = "# mpstudy analyze: \(MarkdownText.plain(run.settings.policy))\n\n"
        }
        if let d = run.divergence {
            text +=
                "> **Diverged at step \(d.step): \(MarkdownText.plain(d.reason)).** Training stopped there; the tables below cover the \(run.steps.count) recorded step\(run.steps.count == 1 ? "" : "s") and no test evaluation was run.\n\n"
        }
        if run.capture == nil {
            text += "## Run\n\n" + runFacts(run) + "\n"
            text += "## Results\n\n" + results(run) + "\n"
        }
        if !run.comparison.isEmpty {
            text +=
                "## Policy comparison\n\nSame seed, data and settings under each policy.\n\n"
                + comparisonTable(run.comparison) + "\n"
        }
        text += images(charts.filter { [.loss, .accuracy, .lossScale].contains($0.kind) })
        let findings = Findings.compute(run, totals: digest.totals)
        text += "## Findings\n\n"
        text +=
            findings.isEmpty
            ? "Nothing to report for the selected layers and tensors.\n"
            : findings.map { "- \(MarkdownText.plain(FindingText.sentence($0)))\n" }.joined()
        text +=
            "\n"
            + images(charts.filter { [.flushHeatMap, .overflowHeatMap, .blockSpread, .errorBudget].contains($0.kind) })
        for layer in run.settings.layers.layers {
            text +=
                "## \(MarkdownText.plain(layer))\n\n" + layerSection(digest, layer: layer) + "\n"
                + images(charts.filter { $0.kind == .recipeScales(layer: layer) })
                + histogramGallery(run, layer: layer, charts: charts)
        }
        text += "## Steps\n\n" + (run.capture.map { capturedStepTable(run, $0) } ?? stepTable(run))
        return text
    }

    // MARK: Run facts

    static func runFacts(_ run: RunRecord) -> String {
        let s = run.settings
        let scaling = s.lossScaling.description + (s.lossScalingExplicit ? "" : " (the policy's Keras default)")
        var lines = [
            "Policy: \(MarkdownText.code(s.policy)): compute \(s.computeFormat.rawValue), variables \(s.variableFormat.rawValue); loss scaling \(scaling)",
            "Model: \(run.layers.map(MarkdownText.plain).joined(separator: ", ")); \(s.units) units per hidden layer, \(run.parameters) parameters",
            "Data: \(MarkdownText.code(s.data)): \(run.trainingSamples + run.validationSamples) training samples (\(run.trainingSamples) fit + \(run.validationSamples) validation), \(run.testSamples) test",
            "Training: \(s.epochs) epoch\(s.epochs == 1 ? "" : "s") of \(run.stepsPerEpoch) step\(run.stepsPerEpoch == 1 ? "" : "s"), batch \(s.batchSize), seed \(s.seed), RMSprop learning rate \(s.learningRate)"
                + threadCount(run),
            "Float32 shadow forward pass: "
                + (s.shadowEvery > 0
                    ? "every \(s.shadowEvery) step\(s.shadowEvery == 1 ? "" : "s") (about \(ReportNumber.percent(1.0 / 3 / Double(s.shadowEvery))) of a step's arithmetic)"
                    : "off (no drift measured)"),
            "Machine: " + machine(run.environment),
            "Shown: layers \(s.layers.layers.map(MarkdownText.plain).joined(separator: ", ")); tensors \(s.tensors.groups.map(\.rawValue).joined(separator: ", ")) (run.json and the CSV files hold every layer and tensor)",
        ]
        if !run.environment.commandLine.isEmpty {
            lines.append("Command: " + MarkdownText.code(run.environment.commandLine.joined(separator: " ")))
        }
        return lines.map { "- \($0)\n" }.joined()
    }

    /// `, 2 threads`: the environment's thread count, or the settings' in records from before it
    /// moved there; empty when neither has one.
    static func threadCount(_ run: RunRecord) -> String {
        guard let threads = run.environment.threads ?? run.settings.threads else { return "" }
        return ", \(threads) thread\(threads == 1 ? "" : "s")"
    }

    /// CPU, cores, load at the start, BLAS and rounding kernels: what the timings depend on.
    static func machine(_ e: RunEnvironment) -> String {
        "\(MarkdownText.plain(e.cpu)), \(e.cores) core\(e.cores == 1 ? "" : "s")"
            + (e.loadAverage.map { ", load average \(DecimalText.fixed($0, decimals: 2)) at the start" } ?? "")
            + (e.loadAverageAtEnd.map { ", \(DecimalText.fixed($0, decimals: 2)) at the end" } ?? "")
            + "; \(MarkdownText.plain(e.blas)); rounding kernels \(e.vectorRoundingKernels ? "AVX2+F16C" : "portable")"
    }

    // MARK: Results

    static func results(_ run: RunRecord) -> String {
        var text = ""
        if !run.epochs.isEmpty {
            var table = MarkdownTable(headers: ["epoch", "loss", "accuracy", "val_loss", "val_accuracy", "ms/step"])
            for e in run.epochs {
                table.append([
                    "\(e.epoch)/\(run.settings.epochs)", ReportNumber.metric(e.training.loss),
                    ReportNumber.metric(e.training.accuracy),
                    e.validation.map { ReportNumber.metric($0.loss) } ?? "-",
                    e.validation.map { ReportNumber.metric($0.accuracy) } ?? "-",
                    DecimalText.fixed(e.steps == 0 ? 0 : e.trainingSeconds * 1000 / Double(e.steps), decimals: 0),
                ])
            }
            text += table.text + "\n"
        } else {
            text += "No epoch finished.\n\n"
        }
        if let test = run.test {
            text +=
                "Test: loss \(ReportNumber.metric(test.metrics.loss)), accuracy \(ReportNumber.metric(test.metrics.accuracy)) (\(test.metrics.samples) samples). Training: \(run.steps.count) steps, \(DecimalText.fixed(run.millisecondsPerStep, decimals: 0)) ms/step mean.\n"
        } else {
            text +=
                "Test: not evaluated\(run.divergence != nil ? " (training diverged)" : ""). Training: \(run.steps.count) steps, \(DecimalText.fixed(run.millisecondsPerStep, decimals: 0)) ms/step mean.\n"
        }
        return text
    }

    /// The blog's table: policy, ms/step, final loss, test accuracy.
    public static func comparisonTable(_ rows: [PolicyOutcome]) -> String {
        var table = MarkdownTable(
            headers: ["policy", "loss scaling", "ms/step", "final loss", "test accuracy", "report"],
            alignments: [.left, .left, .right, .right, .right, .left])
        for r in rows {
            let diverged = r.divergence.map { "diverged at step \($0.step)" }
            table.append([
                MarkdownText.plain(r.policy), MarkdownText.plain(r.lossScaling),
                DecimalText.fixed(r.millisecondsPerStep, decimals: 0),
                diverged ?? r.finalLoss.map(ReportNumber.metric) ?? "-",
                r.testAccuracy.map(ReportNumber.metric) ?? "-",
                r.folder == "." ? "this folder" : MarkdownText.code(r.folder + "/"),
            ])
        }
        return table.text
    }

    // MARK: Layers

    /// One layer's tables for the selected tensors: rounding, lost updates, drift.
    public static func layerSection(_ run: RunRecord, layer: String) -> String {
        layerSection(RunDigest(run), layer: layer)
    }

    /// One layer's tables of the digested run.
    static func layerSection(_ digest: RunDigest, layer: String) -> String {
        let run = digest.outline
        let tensors = digest.totals.recordedTensors(layer: layer).filter { name in
            TensorKind(reportName: name).map(run.settings.tensors.contains) ?? false
        }
        let totals = tensors.map { digest.totals.totals(layer: layer, tensor: $0) }
        var text = ""
        let rounded = totals.filter { $0.rounding != nil }
        if rounded.isEmpty {
            text += "No rounding recorded for the selected tensors.\n"
        } else {
            text += roundingIntro(run, rounded) + "\n\n" + roundingTable(rounded).text
        }
        let updated = totals.filter { $0.updates != nil }
        if !updated.isEmpty {
            text += "\n" + updateTable(run, updated).text
        }
        let operands = digest.quantizations.filter { $0.layer == layer }
        if !operands.isEmpty {
            text +=
                "\nGEMM operands under the recipe, summed over \(operands[0].steps) training step\(operands[0].steps == 1 ? "" : "s") (each quantised along its GEMM's reduction axis; percentages of the elements, clamped blocks of the blocks; errors relative, in units of the element's u):\n\n"
                + quantizationTable(operands).text
            let compared = digest.totals.operands.filter { $0.layer == layer && $0.counterfactualKind != nil }
            if !compared.isEmpty {
                let steps = compared[0].counterfactualSteps
                text +=
                    "\nThe same operands under the other scaling (statistics only; training used the recipe's) on the \(steps) step\(steps == 1 ? "" : "s") that recorded it, against the recipe's own outcome on those steps: what the recipe's choice of scaling kept or lost:\n\n"
                    + counterfactualTable(compared).text
            }
        }
        let budgets = digest.errorBudgets.filter { $0.layer == layer }
        if !budgets.isEmpty {
            text +=
                "\nGEMM error budget against the exact products (sampled output entries, relative errors in units of float32's u = 2^-24): the part due to the operands the GEMM took (quantised, or cast to the compute format) and the part due to float32 accumulation; medians averaged over the checked steps, 99th percentiles their largest:\n\n"
                + errorBudgetTable(budgets).text
        }
        let output = digest.totals.totals(layer: layer, tensor: TensorKind.activation.reportName)
        if run.settings.tensors.contains(.activation), let mean = output.meanDrift, let max = output.maxDrift {
            let steps = digest.driftSteps(layer: layer, tensor: TensorKind.activation.reportName)
            text +=
                "\nOutput against the float32 shadow pass: drift \(ReportNumber.percent(mean)) mean, \(ReportNumber.percent(max)) max (relative error norm; \(steps.count) check\(steps.count == 1 ? "" : "s"), step\(steps.count == 1 ? "" : "s") \(steps.map(String.init).joined(separator: ", "))).\n"
        }
        return text
    }

    static func roundingIntro(_ run: RunRecord, _ totals: [TensorTotals]) -> String {
        let formats = Array(Set(totals.compactMap(\.format))).sorted { $0.rawValue < $1.rawValue }
        let ranges = formats.map { f in
            let r = FormatRange(f)
            return
                "\(f.rawValue) (u = 2^-\(r.precision); normal exponents \(r.minExponent) to \(r.maxExponent), subnormals down to 2^\(r.minSubnormalExponent))"
        }.joined(separator: ", ")
        return
            "Rounding to \(ranges), summed over \(run.steps.count) training step\(run.steps.count == 1 ? "" : "s"). Percentages are of the elements seen; errors are relative, in units of u, over the finite nonzero values; \"w/o scaling\" is the same gradient divided by its loss scale."
    }

    /// Columns: tensor, elements, overflow, flushed, subnormal, NaN or infinite before rounding,
    /// mean/RMS/max error (u), and for
    /// scaled gradients flushed / overflow without scaling.
    public static func roundingTable(_ totals: [TensorTotals]) -> MarkdownTable {
        var table = MarkdownTable(headers: [
            "tensor", "elements", "overflow", "flushed", "subnormal", "nan/inf in", "mean err (u)",
            "rms err (u)", "max err (u)", "flushed w/o scaling", "overflow w/o scaling",
        ])
        for t in totals {
            guard let r = t.rounding else { continue }
            let u = t.format.map(Findings.unit) ?? 1
            let unscaled = t.unscaled
            table.append([
                MarkdownText.plain(t.tensor), String(r.count), ReportNumber.percent(r.overflow, of: r.count),
                ReportNumber.percent(r.underflow, of: r.count), ReportNumber.percent(r.subnormal, of: r.count),
                ReportNumber.percent(r.nan + r.infinite, of: r.count),
                ReportNumber.significant(r.meanRelativeError / u), ReportNumber.significant(r.rmsRelativeError / u),
                ReportNumber.significant(r.errorMax / u),
                unscaled.map { ReportNumber.percent($0.underflow, of: r.count) } ?? "-",
                unscaled.map { ReportNumber.percent($0.overflow, of: r.count) } ?? "-",
            ])
        }
        return table
    }

    static func updateTable(_ run: RunRecord, _ totals: [TensorTotals]) -> MarkdownTable {
        let compute = run.settings.computeFormat.rawValue
        var table = MarkdownTable(headers: ["update", "elements", "nonzero", "lost in float32", "lost in \(compute)"])
        for t in totals {
            guard let u = t.updates else { continue }
            table.append([
                MarkdownText.plain(t.tensor), String(u.count), String(u.nonzero),
                ReportNumber.percent(u.lostInFloat32, of: u.nonzero),
                ReportNumber.percent(u.lostInCompute, of: u.nonzero),
            ])
        }
        return table
    }

    // MARK: Charts

    /// Each chart as a Markdown image on its own paragraph (relative links into `charts/`).
    static func images(_ charts: [RunChart]) -> String {
        charts.map { "![\(MarkdownText.plain($0.title))](\($0.path))\n\n" }.joined()
    }

    /// The exponent histograms of `layer`'s selected tensors, folded (a layer has up to a dozen).
    static func histogramGallery(_ run: RunRecord, layer: String, charts: [RunChart]) -> String {
        let shown = charts.filter { chart in
            guard case .histogram(let l, let tensor) = chart.kind, l == layer else { return false }
            return TensorKind(reportName: tensor).map(run.settings.tensors.contains) ?? false
        }
        guard !shown.isEmpty else { return "" }
        let count = shown.count == 1 ? "1 tensor" : "\(shown.count) tensors"
        return "<details>\n<summary>Exponent histograms against the format's range (\(count))</summary>\n\n"
            + images(shown) + "</details>\n\n"
    }

    // MARK: Steps

    static func stepTable(_ run: RunRecord) -> String {
        guard !run.steps.isEmpty else { return "No step recorded.\n" }
        var table = MarkdownTable(headers: [
            "step", "epoch", "loss", "accuracy", "loss scale", "skipped", "non-finite grads", "ms",
        ])
        for step in run.steps {
            guard let m = step.metrics else {
                table.append([String(step.step), String(step.epoch), "-", "-", "-", "-", "-", "-"])
                continue
            }
            table.append([
                String(step.step), String(step.epoch), ReportNumber.metric(m.loss), ReportNumber.metric(m.accuracy),
                ReportNumber.scale(m.lossScale), m.skipped ? "yes" : "no", String(m.nonFiniteGradients),
                DecimalText.fixed(m.seconds * 1000, decimals: 0),
            ])
        }
        return table.text
    }
}

//===--- ReportIndexWriter.swift ------------------------------------------===//
//
// Reports/README.md: the committed runs, and mpstudy's figures beside the blog's.
//
//===----------------------------------------------------------------------===//

import Analyzer
import _MPStudySupport

/// Writes the index of a reports folder from its runs' records: every number on the page
/// comes from a `run.json` (or from ``BlogFigure/published``), so `mpstudy report --index`
/// regenerates it and a test checks the committed page against the committed runs.
public enum ReportIndexWriter {
    public static func readme(_ runs: [IndexedRun]) -> String {
        var text = """
        # Reports

        Real runs of the case study by `mpstudy analyze`, on the real MNIST data (`Data/mnist`, SHA-256 \
        checked): the blog's Keras MLP 784-4096-4096-10, RMSprop, batch 8192, 5 epochs, \
        validation split 0.2, trained on the CPU with each policy's rounding emulated and recorded. \
        Each folder is one run's complete report: start with its `summary.md`; `run.json` is the \
        whole record, `steps.csv`, `layers.csv` and `histograms.csv` are tidy tables for pandas, \
        `charts/` holds the SVG charts.

        This page is generated from the folders' `run.json` files by `mpstudy report --index Reports`, \
        and each folder by `mpstudy report <folder>/run.json`; a test checks that both reproduce the \
        committed files byte for byte.


        """
        text += "## Runs\n\n" + runTable(runs) + "\n"
        text += "## How each run was made\n\n" + provenanceTable(runs) + "\n"
        text += "## Beside the blog\n\n" + blogSection(runs)
        text += "## What each run shows\n\n" + runNotes(runs)
        return text
    }

    // MARK: Tables

    static func runTable(_ runs: [IndexedRun]) -> String {
        var table = MarkdownTable(headers: ["report", "policy", "loss scaling", "steps", "ms/step", "final loss", "test accuracy", "outcome"],
                                  alignments: [.left, .left, .left, .right, .right, .right, .right, .left])
        for run in runs {
            let r = run.record
            table.append([
                "[`\(run.folder)/`](\(run.folder)/summary.md)", r.settings.policy, r.settings.lossScaling.shortName,
                String(r.steps.count), DecimalText.fixed(r.millisecondsPerStep, decimals: 0),
                r.epochs.last.map { ReportNumber.metric($0.training.loss) } ?? "-",
                r.test.map { ReportNumber.metric($0.metrics.accuracy) } ?? "-",
                r.divergence.map { "diverged at step \($0.step): \($0.reason)" } ?? "completed",
            ])
        }
        return table.text
    }

    static func provenanceTable(_ runs: [IndexedRun]) -> String {
        var table = MarkdownTable(headers: ["report", "command", "machine"], alignments: [.left, .left, .left])
        for run in runs {
            let e = run.record.environment
            table.append(["`\(run.folder)/`", "`\(e.commandLine.joined(separator: " "))`",
                          MarkdownWriter.machine(e)])
        }
        return table.text + "\nThe commands run from the repository root (the data folder and the default report folder are relative to it).\n"
    }

    // MARK: The blog

    /// The runs of the blog's configuration for `policy` (blog settings, the policy's default
    /// loss scaling), lowest seed first.
    static func blogRuns(_ runs: [IndexedRun], policy: String) -> [RunRecord] {
        runs.map(\.record).filter { r in
            let s = r.settings
            return s.policy == policy && !s.lossScalingExplicit && s.units == 4096 && s.batchSize == 8192
                && s.epochs == 5 && s.validationSplit == 0.2 && s.learningRate == 0.001 && s.data.hasSuffix("mnist")
        }.sorted { $0.settings.seed < $1.settings.seed }
    }

    /// The blog-configuration run of `policy` with the lowest seed, if any.
    static func blogRun(_ runs: [IndexedRun], policy: String) -> RunRecord? { blogRuns(runs, policy: policy).first }

    /// Test accuracy per seed under each blog policy, and the difference between them: how far
    /// apart runs of one policy land, beside how far apart the policies are at one seed.
    static func seedSection(_ runs: [IndexedRun]) -> String? {
        let mixed = blogRuns(runs, policy: BlogFigure.published[0].policy)
        let single = blogRuns(runs, policy: BlogFigure.published[1].policy)
        let seeds = Array(Set((mixed + single).map(\.settings.seed))).sorted()
        guard seeds.count >= 2 else { return nil }
        func accuracy(_ list: [RunRecord], _ seed: UInt64) -> Double? {
            list.first { $0.settings.seed == seed }?.test?.metrics.accuracy
        }
        var table = MarkdownTable(headers: ["seed", "mixed_float16", "float32", "mixed - float32"],
                                  alignments: [.right, .right, .right, .right])
        for seed in seeds {
            let a = accuracy(mixed, seed), b = accuracy(single, seed)
            table.append([String(seed), a.map(ReportNumber.metric) ?? "-", b.map(ReportNumber.metric) ?? "-",
                          a.flatMap { a in b.map { points(a - $0) } } ?? "-"])
        }
        func spread(_ list: [RunRecord]) -> String {
            let values = list.compactMap { $0.test?.metrics.accuracy }
            guard let low = values.min(), let high = values.max() else { return "no finished run" }
            return "\(ReportNumber.metric(low)) to \(ReportNumber.metric(high)) over \(values.count) seed\(values.count == 1 ? "" : "s")"
        }
        let differences = seeds.compactMap { seed in accuracy(mixed, seed).flatMap { a in accuracy(single, seed).map { a - $0 } } }
        var text = table.text + "\nTest accuracy of the blog's configuration, seed by seed (each row one `--seed`, same data and settings): "
            + "mixed_float16 \(spread(mixed)), float32 \(spread(single))."
        if let low = differences.min(), let high = differences.max() {
            let mean = differences.reduce(0, +) / Double(differences.count)
            text += " At the same seed, mixed_float16 minus float32 ranges from \(points(low)) to \(points(high)) "
                + "(mean \(points(mean)) over \(differences.count) seed\(differences.count == 1 ? "" : "s")): set that beside the spread "
                + "of one policy across seeds before reading a policy effect into a single pair of runs."
        }
        return text + "\n\n"
    }

    static func blogSection(_ runs: [IndexedRun]) -> String {
        let pairs = BlogFigure.published.map { ($0, blogRun(runs, policy: $0.policy)) }
        var table = MarkdownTable(headers: ["policy", "blog ms/step (GPU)", "mpstudy ms/step (CPU)", "blog test accuracy", "mpstudy test accuracy"],
                                  alignments: [.left, .right, .right, .right, .right])
        for (blog, run) in pairs {
            table.append([blog.policy, DecimalText.fixed(blog.millisecondsPerStep, decimals: 0),
                          run.map { DecimalText.fixed($0.millisecondsPerStep, decimals: 0) } ?? "no run",
                          ReportNumber.metric(blog.testAccuracy),
                          run.flatMap(\.test).map { ReportNumber.metric($0.metrics.accuracy) } ?? "-"])
        }
        var text = table.text + "\n"
        guard let mixed = pairs[0].1, let single = pairs[1].1, let mixedAccuracy = mixed.test?.metrics.accuracy,
              let singleAccuracy = single.test?.metrics.accuracy else {
            return text + "The blog's configuration has not been run under both policies here yet.\n\n"
        }
        let blogMixed = BlogFigure.published[0], blogSingle = BlogFigure.published[1]
        let blogSpeedup = blogSingle.millisecondsPerStep / blogMixed.millisecondsPerStep
        let ratio = mixed.millisecondsPerStep / single.millisecondsPerStep
        let e = single.environment
        text += """
        **Speed.** On the blog's GPU, mixed_float16 ran \(DecimalText.fixed(blogSpeedup, decimals: 2))x faster than \
        float32 (\(Int(blogMixed.millisecondsPerStep)) against \(Int(blogSingle.millisecondsPerStep)) ms/step): tensor cores \
        multiply float16 matrices several times faster than float32 ones, and float16 halves the memory traffic. \
        mpstudy runs on the CPU (\(e.cpu), \(e.cores) core\(e.cores == 1 ? "" : "s")), where every policy's matrix \
        products are OpenBLAS float32 sgemm (about 0.93 TFLOP per step for this model) and the narrow formats are \
        emulated: each tensor is rounded to the policy's format by a vector kernel that also counts overflows, flushes, \
        subnormals and rounding errors, and a float32 shadow forward pass measures drift every \
        \(mixed.settings.shadowEvery) steps. So mixed_float16 costs \(DecimalText.fixed(ratio, decimals: 2))x the time \
        of float32 here (\(DecimalText.fixed(mixed.millisecondsPerStep, decimals: 0)) against \
        \(DecimalText.fixed(single.millisecondsPerStep, decimals: 0)) ms/step): the measurement is the point, not \
        speed. In float32 this CPU takes \(DecimalText.fixed(single.millisecondsPerStep / blogSingle.millisecondsPerStep, decimals: 0))x \
        the GPU's time per step. The load average at the start and end of each run is in the table above: other work sharing \
        the cores lengthens the steps.

        **Accuracy.** Both sides trained for \(single.steps.count) steps (\(single.settings.epochs) epochs of \
        \(single.stepsPerEpoch) steps) from one random initialisation. The blog's float32 run reached \
        \(ReportNumber.metric(blogSingle.testAccuracy)) and its mixed_float16 run \(ReportNumber.metric(blogMixed.testAccuracy)) \
        (\(points(blogMixed.testAccuracy - blogSingle.testAccuracy)) for mixed precision); here float32 reached \
        \(ReportNumber.metric(singleAccuracy)) and mixed_float16 \(ReportNumber.metric(mixedAccuracy)) \
        (\(points(mixedAccuracy - singleAccuracy))). RMSprop's velocity starts at zero, so its first step moves every \
        weight by about lr·sqrt(10) ≈ 0.0032 whatever its gradient, and mpstudy's runs of so short a training end \
        some points apart from one seed to the next (table below; mpstudy's initialisation and shuffling streams are \
        not TensorFlow's even at the same seed). One run per policy cannot separate the policy's effect on accuracy \
        from that spread; what the analysis does show, tensor by tensor, is below and in each summary.
        """
        let singles = blogRuns(runs, policy: blogSingle.policy).compactMap { $0.test?.metrics.accuracy }
        if let best = singles.max(), best < blogSingle.testAccuracy {
            text += " The blog's float32 accuracy is above every float32 run here (best \(ReportNumber.metric(best)) over "
                + "\(singles.count) seed\(singles.count == 1 ? "" : "s")): both are float32, so that gap is not a policy effect. "
                + "From the same initial weights and batches mpstudy's training follows Keras 3 step by step (NeuralNet's "
                + "`KerasReferenceTests`), so the gap comes from where the random initialisation and shuffling start: "
                + "the seed-to-seed spread below."
        }
        text += "\n\n"
        if let seeds = seedSection(runs) { text += "### Seed to seed\n\n" + seeds }
        return text
    }

    /// "+1.2 points" / "-2.3 points" for a difference of accuracies.
    static func points(_ difference: Double) -> String {
        (difference >= 0 ? "+" : "-") + DecimalText.fixed(abs(difference) * 100, decimals: 1) + " points"
    }

    // MARK: Per run

    static func runNotes(_ runs: [IndexedRun]) -> String {
        var text = ""
        for run in runs {
            let r = run.record
            let outcome = r.divergence.map { "diverged at step \($0.step) (\($0.reason))" }
                ?? r.test.map { "test accuracy \(ReportNumber.metric($0.metrics.accuracy))" } ?? "no test evaluation"
            text += "### `\(run.folder)/`\n\n\(r.settings.policy) (compute \(r.settings.computeFormat.rawValue), variables "
                + "\(r.settings.variableFormat.rawValue)), loss scaling \(r.settings.lossScaling.shortName): \(outcome).\n\n"
            let findings = Findings.compute(r)
            text += findings.isEmpty ? "No rounding findings (nothing is rounded below float32).\n\n"
                : findings.map { "- \(FindingText.sentence($0))\n" }.joined() + "\n"
        }
        return text
    }
}

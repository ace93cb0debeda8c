//===--- ReportIndexWriter.swift ------------------------------------------===//
//
// Reports/README.md: the committed runs, and mpstudy's figures beside the blog's.
//
//===----------------------------------------------------------------------===//

import Analyzer
import _MPStudySupport

/// Writes the index of a reports folder from its runs' records and its hand-written
/// ``IndexDiscussion``: every number on the page comes from a `run.json` (or from
/// ``BlogFigure/published``), every sentence that is not a table caption or a finding from
/// DISCUSSION.md, so `mpstudy report --index` regenerates the page and a test checks the
/// committed page against the committed runs and discussion.
///
/// Without a DISCUSSION.md (a folder of one's own runs) the page is the generated part
/// alone, under the title `# Reports`.
public enum ReportIndexWriter {
    /// The page: the discussion's opening, then each generated section with the discussion's
    /// text for it, then the discussion's other sections. Throws for a placeholder that the
    /// runs cannot fill (``IndexDiscussion``).
    public static func readme(
        _ runs: [IndexedRun], studies: [IndexedStudy] = [], discussion: IndexDiscussion?
    ) throws(ReportReadError) -> String {
        let figures = IndexFigures.values(runs, studies: studies)
        func filled(_ text: String) throws(ReportReadError) -> String {
            try discussion?.filled(text, figures: figures, known: IndexFigures.names) ?? text
        }
        let opening = discussion?.opening ?? ""
        var text = try filled(opening.isEmpty ? "# Reports" : opening) + "\n\n"
        var sections: [(heading: String, lead: String, subsections: String)] = [
            ("Runs", runTable(runs) + "\n", ""),
            ("How each run was made", provenanceTable(runs) + "\n", ""),
            ("Beside the blog", blogTable(runs), overSeeds(runs, studies: studies)),
            ("What each run shows", runNotes(runs), ""),
        ]
        if !studies.isEmpty { sections.insert(("Studies", studyTable(studies), ""), at: 1) }
        for section in sections {
            text += "## \(section.heading)\n\n" + section.lead
            if let body = discussion?.body(of: section.heading), !body.isEmpty { text += try filled(body) + "\n\n" }
            text += section.subsections
        }
        for section in discussion?.sections ?? [] where !sections.contains(where: { $0.heading == section.heading }) {
            text += "## \(section.heading)\n\n"
            if !section.body.isEmpty { text += try filled(section.body) + "\n\n" }
        }
        return text
    }

    // MARK: Tables

    static func runTable(_ runs: [IndexedRun]) -> String {
        var table = MarkdownTable(
            headers: [
                "report", "policy", "loss scaling", "steps", "ms/step", "final loss", "test accuracy", "outcome",
            ],
            alignments: [.left, .left, .left, .right, .right, .right, .right, .left])
        for run in runs {
            let r = run.record
            table.append([
                "[\(MarkdownText.code(run.folder + "/"))](\(MarkdownText.linkPath(run.folder + "/summary.md")))",
                MarkdownText.plain(r.settings.policy), r.settings.lossScaling.shortName,
                String(r.steps.count), DecimalText.fixed(r.millisecondsPerStep, decimals: 0),
                r.epochs.last.map { ReportNumber.metric($0.training.loss) } ?? "-",
                r.test.map { ReportNumber.metric($0.metrics.accuracy) } ?? "-",
                r.divergence.map { "diverged at step \($0.step): \(MarkdownText.plain($0.reason))" } ?? "completed",
            ])
        }
        return table.text
    }

    static func provenanceTable(_ runs: [IndexedRun]) -> String {
        var table = MarkdownTable(headers: ["report", "command", "machine"], alignments: [.left, .left, .left])
        for run in runs {
            let e = run.record.environment
            table.append([
                MarkdownText.code(run.folder + "/"), MarkdownText.code(e.commandLine.joined(separator: " ")),
                MarkdownWriter.machine(e),
            ])
        }
        return table.text
            + "\nThe commands run from the repository root (the data folder and the default report folder are relative to it).\n"
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

    /// The policy effect over seeds: the study's statistics when a study compares mixed_float16
    /// with float32 at the blog's settings, else the table of the single runs' seeds.
    static func overSeeds(_ runs: [IndexedRun], studies: [IndexedStudy]) -> String {
        guard let study = studies.first(where: { $0.blogComparison != nil }) else {
            return seedSection(runs).map { "### Seed to seed\n\n" + $0 } ?? ""
        }
        var table = MarkdownTable(
            headers: ["policy", "seeds", "mean test accuracy", "95% CI (t)", "min", "max"],
            alignments: [.left, .right, .right, .right, .right, .right])
        for configuration in study.results.configurations {
            let accuracies = study.results.runs.filter { $0.configuration == configuration.configuration }.compactMap(
                \.testAccuracy)
            table.append([
                MarkdownText.plain(configuration.configuration), String(configuration.complete),
                configuration.testAccuracy.map { ReportNumber.metric($0.mean) } ?? "-",
                configuration.testAccuracy?.interval.map {
                    "[\(ReportNumber.metric($0.lowerBound)), \(ReportNumber.metric($0.upperBound))]"
                } ?? "-", accuracies.min().map(ReportNumber.metric) ?? "-",
                accuracies.max().map(ReportNumber.metric) ?? "-",
            ])
        }
        let link = "[\(MarkdownText.code(study.folder + "/"))](\(MarkdownText.linkPath(study.folder + "/study.md")))"
        return "### Over seeds\n\n" + table.text
            + "\nTest accuracy of the blog's configuration over the seeds of the study \(link) (every run complete; "
            + "its `study.md` has the losses, the per-layer fractions and the chart). "
            + study.results.differences.map { MarkdownText.plain($0.conclusion) + "." }.joined(separator: " ")
            + "\n\n"
    }

    /// One row per study: its runs and its conclusions.
    static func studyTable(_ studies: [IndexedStudy]) -> String {
        var table = MarkdownTable(
            headers: ["study", "runs", "complete", "conclusions"], alignments: [.left, .right, .right, .left])
        for study in studies {
            let complete = study.results.runs.filter { $0.status == .complete }.count
            table.append([
                "[\(MarkdownText.code(study.folder + "/"))](\(MarkdownText.linkPath(study.folder + "/study.md")))",
                String(study.results.runs.count), String(complete),
                study.results.differences.isEmpty
                    ? "-" : study.results.differences.map { MarkdownText.plain($0.conclusion) }.joined(separator: "; "),
            ])
        }
        return table.text
            + "\nA study is a grid of runs over seeds (`mpstudy sweep`), summarised with intervals by `mpstudy study`; "
            + "each run's `run.json` is committed under `runs/`, its other files regenerate with `mpstudy report`.\n\n"
    }

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
        var table = MarkdownTable(
            headers: ["seed", "mixed_float16", "float32", "mixed - float32"],
            alignments: [.right, .right, .right, .right])
        for seed in seeds {
            let a = accuracy(mixed, seed)
            let b = accuracy(single, seed)
            table.append([
                String(seed), a.map(ReportNumber.metric) ?? "-", b.map(ReportNumber.metric) ?? "-",
                a.flatMap { a in b.map { points(a - $0) } } ?? "-",
            ])
        }
        func spread(_ list: [RunRecord]) -> String {
            let values = list.compactMap { $0.test?.metrics.accuracy }
            guard let low = values.min(), let high = values.max() else { return "no finished run" }
            return
                "\(ReportNumber.metric(low)) to \(ReportNumber.metric(high)) over \(values.count) seed\(values.count == 1 ? "" : "s")"
        }
        let differences = seeds.compactMap { seed in
            accuracy(mixed, seed).flatMap { a in accuracy(single, seed).map { a - $0 } }
        }
        var text =
            table.text
            + "\nTest accuracy of the blog's configuration, seed by seed (each row one `--seed`, same data and settings): "
            + "mixed_float16 \(spread(mixed)), float32 \(spread(single))."
        if let low = differences.min(), let high = differences.max() {
            let mean = differences.reduce(0, +) / Double(differences.count)
            text +=
                " At the same seed, mixed_float16 minus float32 ranges from \(points(low)) to \(points(high)) "
                + "(mean \(points(mean)) over \(differences.count) seed\(differences.count == 1 ? "" : "s")): set that beside the spread "
                + "of one policy across seeds before reading a policy effect into a single pair of runs."
        }
        return text + "\n\n"
    }

    /// The blog's figures beside the lowest-seed run of its configuration under each policy.
    static func blogTable(_ runs: [IndexedRun]) -> String {
        let pairs = BlogFigure.published.map { ($0, blogRun(runs, policy: $0.policy)) }
        var table = MarkdownTable(
            headers: [
                "policy", "blog ms/step (GPU)", "mpstudy ms/step (CPU)", "blog test accuracy", "mpstudy test accuracy",
            ],
            alignments: [.left, .right, .right, .right, .right])
        for (blog, run) in pairs {
            table.append([
                blog.policy, DecimalText.fixed(blog.millisecondsPerStep, decimals: 0),
                run.map { DecimalText.fixed($0.millisecondsPerStep, decimals: 0) } ?? "no run",
                ReportNumber.metric(blog.testAccuracy),
                run.flatMap(\.test).map { ReportNumber.metric($0.metrics.accuracy) } ?? "-",
            ])
        }
        let finished = pairs.allSatisfy { $0.1?.test != nil }
        return table.text + "\n"
            + (finished ? "" : "The blog's configuration has not been run under both policies here yet.\n\n")
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
            let outcome =
                r.divergence.map { "diverged at step \($0.step) (\(MarkdownText.plain($0.reason)))" }
                ?? r.test.map { "test accuracy \(ReportNumber.metric($0.metrics.accuracy))" } ?? "no test evaluation"
            text +=
                "### \(MarkdownText.code(run.folder + "/"))\n\n\(MarkdownText.plain(r.settings.policy)) (compute \(r.settings.computeFormat.rawValue), variables "
                + "\(r.settings.variableFormat.rawValue)), loss scaling \(r.settings.lossScaling.shortName): \(outcome).\n\n"
            let findings = run.findings
            text +=
                findings.isEmpty
                ? "No rounding findings (nothing is rounded below float32).\n\n"
                : findings.map { "- \(MarkdownText.plain(FindingText.sentence($0)))\n" }.joined() + "\n"
        }
        return text
    }
}

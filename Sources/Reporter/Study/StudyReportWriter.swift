//===--- StudyReportWriter.swift ------------------------------------------===//
//
// study.md, study.csv, study.json and the chart of a study folder.
//
//===----------------------------------------------------------------------===//

import Analyzer
import Foundation
import Statistics
import _MPStudySupport

/// Writes the files of a study's results into its folder, each atomically: `study.json`
/// (the grid with ``StudyResults`` added), `study.md`, `study.csv` and
/// `charts/test-accuracy.svg`.
public enum StudyReportWriter {
    /// The files written, relative to the study folder.
    public static let files = ["study.json", "study.md", "study.csv", "charts/test-accuracy.svg"]

    public static func write(_ study: StudyFile, name: String, to folder: String) throws(ReportWriteError) {
        guard let results = study.results else { return }
        let charts = folder + "/charts"
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: charts, isDirectory: &isFolder) {
            do {
                try FileManager.default.createDirectory(atPath: charts, withIntermediateDirectories: false)
            } catch {
                throw ReportWriteError(path: charts, reason: "cannot create the folder")
            }
        } else if !isFolder.boolValue {
            throw ReportWriteError(path: charts, reason: "exists and is not a folder")
        }
        try AtomicFile.write(StudyStripChart(results: results, name: name).svg, to: charts + "/test-accuracy.svg")
        try AtomicFile.write(csv(results), to: folder + "/study.csv")
        try AtomicFile.write(markdown(study, results: results, name: name), to: folder + "/study.md")
        try AtomicFile.write(study.encoded(), to: folder + "/" + StudyFile.fileName)
    }

    /// One row per configuration and number, then one per paired difference:
    /// `kind,configuration,baseline,metric,n,mean,sd,ci_low,ci_high,p_value,p_method`.
    static func csv(_ results: StudyResults) -> String {
        var lines = ["kind,configuration,baseline,metric,n,mean,sd,ci_low,ci_high,p_value,p_method"]
        func row(
            _ kind: String, _ configuration: String, _ baseline: String, _ metric: String, _ s: SampleSummary,
            p: WilcoxonSignedRank? = nil
        ) {
            let cells: [CSVField] = [
                .text(kind), .text(configuration), baseline.isEmpty ? .empty : .text(baseline), .text(metric),
                .int(s.count), .double(s.mean), s.standardDeviation.map { .double($0) } ?? .empty,
                s.interval.map { .double($0.lowerBound) } ?? .empty,
                s.interval.map { .double($0.upperBound) } ?? .empty,
                p.map { .double($0.pValue) } ?? .empty, p.map { .text($0.method.rawValue) } ?? .empty,
            ]
            lines.append(cells.map(\.text).joined(separator: ","))
        }
        for c in results.configurations {
            if let s = c.testAccuracy { row("configuration", c.configuration, "", "test_accuracy", s) }
            if let s = c.testLoss { row("configuration", c.configuration, "", "test_loss", s) }
            if let s = c.finalLoss { row("configuration", c.configuration, "", "final_loss", s) }
            for layer in c.layers {
                row("configuration", c.configuration, "", layer.layer + ".flushed", layer.flushed)
                row("configuration", c.configuration, "", layer.layer + ".overflowed", layer.overflowed)
                row("configuration", c.configuration, "", layer.layer + ".subnormal", layer.subnormal)
            }
        }
        for d in results.differences {
            row(
                "paired_difference", d.configuration, d.baseline, "test_accuracy", d.comparison.summary,
                p: d.comparison.signedRank)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func markdown(_ study: StudyFile, results: StudyResults, name: String) -> String {
        var md = MarkdownDocument()
        md.heading(1, "Study \(name)")
        let describe = { (grid: StudyGrid) -> String in
            "policies \(grid.policies.map { "`\($0)`" }.joined(separator: ", ")); "
                + "seeds \(seedList(grid.seeds)); \(grid.units.map(String.init).joined(separator: ", ")) units; "
                + "\(grid.epochs.map(String.init).joined(separator: ", ")) epochs; batch \(grid.batchSizes.map(String.init).joined(separator: ", ")); "
                + "learning rate \(grid.learningRates.map { $0.description }.joined(separator: ", ")); loss scale "
                + (grid.lossScales.isEmpty ? "each policy's Keras default" : grid.lossScales.joined(separator: ", "))
        }
        if study.grids.count == 1 {
            md.paragraph(
                "A grid of \(study.grid.runs.count) `mpstudy analyze` runs: \(describe(study.grid)). Grid written by \(study.mpstudyVersion)."
            )
        } else {
            md.paragraph(
                "\(study.runs.count) `mpstudy analyze` runs from \(study.grids.count) grids (runs they share counted once): "
                    + study.grids.map { "\($0.runs.count) runs of \(describe($0))" }.joined(separator: "; and ")
                    + ". Last grid added by \(study.mpstudyVersion).")
        }
        let complete = results.runs.filter { $0.status == .complete }.count
        let diverged = results.runs.filter { $0.status == .diverged }.count
        let failed = results.runs.filter { $0.status == .failed }.count
        md.paragraph(
            "Runs: \(results.runs.count) in the grid, \(complete) complete, \(diverged) diverged, \(failed) failed or not run. "
                + "Statistics are over the complete runs; intervals are Student's t at 95% for the mean; paired "
                + "differences are at equal seeds, with the Wilcoxon signed-rank test (exact for up to "
                + "\(WilcoxonSignedRank.exactLimit) nonzero pairs, normal approximation above; zero differences dropped)."
        )

        if !results.differences.isEmpty {
            md.heading(2, "Conclusions")
            for d in results.differences { md.bullet(d.conclusion + ".") }
            md.blankLine()
        }

        md.heading(2, "Test accuracy per configuration")
        md.paragraph(
            "![Test accuracy of every run, with each configuration's mean and 95% interval](charts/test-accuracy.svg)")
        var table = MarkdownTable(
            headers: [
                "configuration", "runs", "complete", "diverged", "failed", "mean", "sd", "95% CI (t)", "min", "max",
            ],
            alignments: [.left, .right, .right, .right, .right, .right, .right, .right, .right, .right])
        for c in results.configurations {
            let accuracies = results.runs.filter { $0.configuration == c.configuration }.compactMap(\.testAccuracy)
            table.append([
                MarkdownText.code(c.configuration), String(c.runs), String(c.complete), String(c.diverged),
                String(c.failed),
                c.testAccuracy.map { ReportNumber.metric($0.mean) } ?? "–",
                c.testAccuracy?.standardDeviation.map { ReportNumber.metric($0) } ?? "–",
                c.testAccuracy?.interval.map {
                    "[\(ReportNumber.metric($0.lowerBound)), \(ReportNumber.metric($0.upperBound))]"
                } ?? "–",
                accuracies.min().map(ReportNumber.metric) ?? "–", accuracies.max().map(ReportNumber.metric) ?? "–",
            ])
        }
        md.table(table)

        if !results.differences.isEmpty {
            md.heading(2, "Paired differences in test accuracy")
            var diffs = MarkdownTable(
                headers: [
                    "configuration", "minus", "pairs", "mean (points)", "95% CI (points)", "signed-rank W", "p", "test",
                ],
                alignments: [.left, .left, .right, .right, .right, .right, .right, .left])
            for d in results.differences {
                let s = d.comparison.summary
                diffs.append([
                    MarkdownText.code(d.configuration), MarkdownText.code(d.baseline), String(s.count),
                    StudyResults.points(s.mean, signed: true),
                    s.interval.map {
                        "[\(StudyResults.points($0.lowerBound, signed: true)), \(StudyResults.points($0.upperBound, signed: true))]"
                    } ?? "–",
                    ReportNumber.significant(d.comparison.signedRank.statistic, digits: 6),
                    StudyResults.pValue(d.comparison.signedRank.pValue), d.comparison.signedRank.method.rawValue,
                ])
            }
            md.table(diffs)
        }

        md.heading(2, "Loss")
        var losses = MarkdownTable(
            headers: ["configuration", "final training loss, mean", "95% CI", "test loss, mean", "95% CI"],
            alignments: [.left, .right, .right, .right, .right])
        for c in results.configurations {
            losses.append([
                MarkdownText.code(c.configuration), c.finalLoss.map { ReportNumber.metric($0.mean) } ?? "–",
                interval(c.finalLoss), c.testLoss.map { ReportNumber.metric($0.mean) } ?? "–", interval(c.testLoss),
            ])
        }
        md.table(losses)

        let timed = results.configurations.filter { $0.millisecondsPerStep != nil }
        if !timed.isEmpty {
            md.heading(2, "Time per training step")
            md.paragraph(
                "Wall time of a training step with the full analysis, mean over the complete runs (each run's own mean "
                    + "over its steps). The runs may have shared their machine with other work, so compare the "
                    + "configurations by the interleaved measurement of the README's benchmarks, not by this table.")
            var times = MarkdownTable(
                headers: ["configuration", "runs", "ms/step, mean", "sd"], alignments: [.left, .right, .right, .right])
            for c in timed {
                let t = c.millisecondsPerStep!
                times.append([
                    MarkdownText.code(c.configuration), String(t.count), DecimalText.fixed(t.mean, decimals: 0),
                    t.standardDeviation.map { DecimalText.fixed($0, decimals: 0) } ?? "–",
                ])
            }
            md.table(times)
        }

        let layered = results.configurations.filter { !$0.layers.isEmpty }
        if !layered.isEmpty {
            md.heading(2, "What rounding did, per layer")
            md.paragraph(
                "Fractions of all values each layer rounded to its compute format over the whole run (every recorded "
                    + "tensor), mean over the runs that recorded them, with the largest run's value.")
            var layers = MarkdownTable(
                headers: ["configuration", "layer", "flushed", "max", "overflowed", "max", "subnormal", "max"],
                alignments: [.left, .left, .right, .right, .right, .right, .right, .right])
            for c in layered {
                for layer in c.layers {
                    let members = results.runs.filter { $0.configuration == c.configuration }.compactMap { run in
                        run.layers.first { $0.layer == layer.layer }
                    }
                    layers.append([
                        MarkdownText.code(c.configuration), layer.layer, ReportNumber.percent(layer.flushed.mean),
                        ReportNumber.percent(members.map(\.flushed).max() ?? 0),
                        ReportNumber.percent(layer.overflowed.mean),
                        ReportNumber.percent(members.map(\.overflowed).max() ?? 0),
                        ReportNumber.percent(layer.subnormal.mean),
                        ReportNumber.percent(members.map(\.subnormal).max() ?? 0),
                    ])
                }
            }
            md.table(layers)
        }

        let incomplete = results.runs.filter { $0.status != .complete }
        md.heading(2, "Runs that did not complete")
        if incomplete.isEmpty {
            md.paragraph("None: every run of the grid trained to the end and was tested.")
        } else {
            for run in incomplete {
                md.bullet(
                    "\(MarkdownText.code(run.id)): \(run.status.rawValue): \(MarkdownText.plain(run.reason ?? ""))")
            }
            md.blankLine()
        }
        return md.text
    }

    static func interval(_ summary: SampleSummary?) -> String {
        guard let i = summary?.interval else { return "–" }
        return "[\(ReportNumber.metric(i.lowerBound)), \(ReportNumber.metric(i.upperBound))]"
    }

    /// `0-9`, or the seeds listed.
    static func seedList(_ seeds: [UInt64]) -> String {
        if seeds.count > 2, let first = seeds.first, let last = seeds.last, last >= first,
            seeds == Array(first...last)
        {
            return "\(first)–\(last) (\(seeds.count))"
        }
        return seeds.map(String.init).joined(separator: ", ")
    }
}

/// A Markdown document built block by block: headings, paragraphs, bullets and tables, each
/// separated by one blank line.
struct MarkdownDocument {
    private(set) var text = ""

    mutating func heading(_ level: Int, _ title: String) {
        text += String(repeating: "#", count: level) + " " + title + "\n\n"
    }

    mutating func paragraph(_ words: String) { text += words + "\n\n" }

    /// A bullet; a run of bullets ends with ``blankLine()``.
    mutating func bullet(_ words: String) { text += "- " + words + "\n" }

    mutating func blankLine() { text += "\n" }

    mutating func table(_ table: MarkdownTable) { text += table.text + "\n" }
}

import Analyzer
import ArgumentParser
import Foundation
import Reporter

/// `mpstudy study DIR`: reads every run of a study folder and writes the study's statistics
/// (study.md, study.csv, study.json, charts/test-accuracy.svg), printing the table and the
/// conclusions. Runs that failed, diverged or never ran are counted and listed, never dropped.
struct StudyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "study",
        abstract: "Statistics of a study's runs: means, 95% intervals, paired differences between policies.",
        discussion: """
            Per configuration (a grid point without its seed): runs, mean, standard deviation and \
            95% Student's t interval of the final test accuracy, test loss and final training loss, \
            and the per-layer flushed, overflowed and subnormal fractions. Between policies at equal \
            seeds (float32 the baseline when present): the mean paired difference with its 95% t \
            interval and the Wilcoxon signed-rank p-value (exact up to 50 pairs). Writes study.md, \
            study.csv, study.json (the grid with the results) and charts/test-accuracy.svg into the folder.
            """
    )

    @Argument(help: "The study folder (written by mpstudy sweep).")
    var folder: String

    func run() throws {
        let path = SweepFolder.absolute(folder)
        var study = try StudyFile.read(at: path + "/" + StudyFile.fileName)
        let results = study.runs.map { StudyRunResult.read($0, in: path) }
        study.results = StudyResults(grids: study.grids, results: results)
        let name = URL(fileURLWithPath: path).lastPathComponent
        try StudyReportWriter.write(study, name: name, to: path)
        guard let summary = study.results else { return }
        for c in summary.configurations {
            var line = "\(c.configuration): \(c.complete) of \(c.runs) runs complete"
            if let accuracy = c.testAccuracy {
                line += ", test accuracy \(ReportNumber.metric(accuracy.mean))"
                if let interval = accuracy.interval {
                    line +=
                        " (95% CI \(ReportNumber.metric(interval.lowerBound))–\(ReportNumber.metric(interval.upperBound)))"
                }
            }
            if c.diverged > 0 { line += ", \(c.diverged) diverged" }
            if c.failed > 0 { line += ", \(c.failed) failed or not run" }
            print(line)
        }
        for d in summary.differences { print(d.conclusion) }
        print("study: wrote \(folder)/study.md, study.csv, study.json, charts/test-accuracy.svg")
        let missing = summary.runs.filter { $0.status == .failed }.count
        if missing > 0 {
            FileHandle.standardError.write(
                Data(
                    "mpstudy: warning: \(missing) of \(summary.runs.count) runs have no complete run.json; they are listed in study.md\n"
                        .utf8))
        }
    }
}

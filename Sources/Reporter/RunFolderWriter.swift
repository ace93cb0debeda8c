//===--- RunFolderWriter.swift --------------------------------------------===//
//
// Writes every file of a run's report folder.
//
//===----------------------------------------------------------------------===//

import Analyzer

/// The files of one analysis run: `run.json`, `steps.csv`, `layers.csv`, `histograms.csv`,
/// the SVG charts of ``RunCharts`` in the `charts/` subfolder, and `summary.md` (which links
/// them), each written atomically. `run.json` is written first. The commands write into a new
/// temporary folder that ``RunFolderPublisher`` then puts in place as a whole, so this writer
/// never removes anything.
public enum RunFolderWriter {
    /// The top-level file names, in writing order (the charts go between `histograms.csv`
    /// and `summary.md`; ``RunCharts/list(_:)`` names them).
    public static let fileNames = ["run.json", "steps.csv", "layers.csv", "histograms.csv", "summary.md"]

    /// Writes the report of `run` into `folder`; returns the paths written, in order.
    @discardableResult
    public static func write(_ run: RunRecord, to folder: OutputFolder) throws(ReportWriteError) -> [String] {
        let data = [try JSONWriter.text(run), CSVWriter.steps(run), CSVWriter.layers(run), CSVWriter.histograms(run)]
        var written: [String] = []
        for (name, text) in zip(fileNames, data) {
            try AtomicFile.write(text, to: folder.file(name))
            written.append(folder.file(name))
        }
        written += try writeCharts(run, to: folder)
        try AtomicFile.write(MarkdownWriter.summary(run), to: folder.file("summary.md"))
        return written + [folder.file("summary.md")]
    }

    /// The charts of `run` into `folder/charts/`.
    static func writeCharts(_ run: RunRecord, to folder: OutputFolder) throws(ReportWriteError) -> [String] {
        let charts = RunCharts.list(run)
        _ = try OutputFolder(preparing: folder.file(RunCharts.folder))
        var written: [String] = []
        for chart in charts {
            let path = folder.file(chart.path)
            try AtomicFile.write(RunCharts.svg(chart, run: run), to: path)
            written.append(path)
        }
        return written
    }
}

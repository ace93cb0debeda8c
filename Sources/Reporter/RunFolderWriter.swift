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
///
/// The four data files grow with the steps and are streamed: one pass over the steps writes
/// them together, a step at a time; the charts and the summary come from the run's digest
/// (see ``RunReport``). Memory stays a few megabytes above the steps' source, however long
/// the run.
public enum RunFolderWriter {
    /// The top-level file names, in writing order (the charts go between `histograms.csv`
    /// and `summary.md`; ``RunCharts/list(_:)`` names them).
    public static let fileNames = ["run.json", "steps.csv", "layers.csv", "histograms.csv", "summary.md"]

    /// Writes the report of `run` into `folder`; returns the paths written, in order.
    @discardableResult
    public static func write(_ run: RunRecord, to folder: OutputFolder) throws(ReportWriteError) -> [String] {
        try write(RunReport(run), to: folder)
    }

    /// Writes `report` (a run in memory, or a run.json being regenerated) into `folder`.
    @discardableResult
    public static func write(_ report: RunReport, to folder: OutputFolder) throws(ReportWriteError) -> [String] {
        var written = try writeData(report.digest.outline, steps: report.steps, to: folder)
        written += try writeCharts(report.digest, to: folder)
        try AtomicFile.write(MarkdownWriter.summary(report.digest), to: folder.file("summary.md"))
        return written + [folder.file("summary.md")]
    }

    /// `run.json` and the three CSV files, in one pass over `steps` (the record's own steps are
    /// not used); each file is renamed into place once all are complete, `run.json` first.
    static func writeData(_ record: RunRecord, steps: RunSteps, to folder: OutputFolder) throws(ReportWriteError)
        -> [String]
    {
        let (head, tail) = try JSONWriter.frame(record)
        let json = try AtomicFileStream(path: folder.file("run.json"))
        let stepRows = try AtomicFileStream(path: folder.file("steps.csv"))
        let layerRows = try AtomicFileStream(path: folder.file("layers.csv"))
        let histogramRows = try AtomicFileStream(path: folder.file("histograms.csv"))
        var jsonText = json.makeSink()
        var stepText = stepRows.makeSink()
        var layerText = layerRows.makeSink()
        var histogramText = histogramRows.makeSink()
        head.withUnsafeBytes { jsonText.write($0) }
        stepText.writeRow(CSVWriter.stepsHeader.map(CSVField.text))
        layerText.writeRow(CSVWriter.layersHeader.map(CSVField.text))
        histogramText.writeRow(CSVWriter.histogramsHeader.map(CSVField.text))
        let policy = record.settings.policy
        let format = record.settings.computeFormat
        var first = true
        try steps.forEach { step in
            if !first { jsonText.write(UInt8(ascii: ",")) }
            first = false
            StepJSONEncoder.write(step, to: &jsonText)
            CSVWriter.writeStep(step, policy: policy, to: &stepText)
            CSVWriter.writeLayers(step, policy: policy, to: &layerText)
            CSVWriter.writeHistograms(step, policy: policy, computeFormat: format, to: &histogramText)
        }
        tail.withUnsafeBytes { jsonText.write($0) }
        try json.commit(&jsonText)
        try stepRows.commit(&stepText)
        try layerRows.commit(&layerText)
        try histogramRows.commit(&histogramText)
        let written = [json.path, stepRows.path, layerRows.path, histogramRows.path]
        return written
    }

    /// The charts of the digested run into `folder/charts/`.
    static func writeCharts(_ digest: RunDigest, to folder: OutputFolder) throws(ReportWriteError) -> [String] {
        let charts = RunCharts.list(digest)
        _ = try OutputFolder(preparing: folder.file(RunCharts.folder))
        var written: [String] = []
        for chart in charts {
            let path = folder.file(chart.path)
            try AtomicFile.write(RunCharts.svg(chart, digest: digest), to: path)
            written.append(path)
        }
        return written
    }
}

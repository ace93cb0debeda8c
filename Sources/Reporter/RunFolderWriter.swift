//===--- RunFolderWriter.swift --------------------------------------------===//
//
// Writes every file of a run's report folder.
//
//===----------------------------------------------------------------------===//

import Analyzer

/// The files of one analysis run: `run.json`, `steps.csv`, `layers.csv`, `histograms.csv`,
/// `summary.md`, each written atomically. `run.json` is written first: whatever happens
/// after, the folder holds the whole record.
public enum RunFolderWriter {
    /// The file names, in writing order.
    public static let fileNames = ["run.json", "steps.csv", "layers.csv", "histograms.csv", "summary.md"]

    /// Writes the report of `run` into `folder`; returns the paths written.
    @discardableResult
    public static func write(_ run: RunRecord, to folder: OutputFolder) throws(ReportWriteError) -> [String] {
        let contents = [
            try JSONWriter.text(run), CSVWriter.steps(run), CSVWriter.layers(run), CSVWriter.histograms(run),
            MarkdownWriter.summary(run),
        ]
        var written: [String] = []
        for (name, text) in zip(fileNames, contents) {
            let path = folder.file(name)
            try AtomicFile.write(text, to: path)
            written.append(path)
        }
        return written
    }
}

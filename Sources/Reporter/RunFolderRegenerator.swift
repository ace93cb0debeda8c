//===--- RunFolderRegenerator.swift ---------------------------------------===//
//
// `mpstudy report`: a run folder rebuilt from its run.json, byte for byte.
//
//===----------------------------------------------------------------------===//

import Analyzer
import Foundation

/// Rebuilds report folders from their `run.json`. Every file of a run folder is a pure
/// function of its ``RunRecord``, so the regenerated folder equals the one `mpstudy analyze`
/// wrote, byte for byte (a test checks this on the committed Reports/).
public enum RunFolderRegenerator {
    /// One folder to write: the run and where it goes.
    public struct Plan: Sendable {
        /// The run, read and checked (its steps are decoded again as the folder is written).
        public let report: RunReport
        /// The output folder path.
        public var output: String
        /// "" for the primary run, else the compared run's subfolder inside the primary's output.
        public var subfolder: String

        /// The record without its steps' tensor records (each step keeps its number, epoch,
        /// batch and metrics): what a plan holds of a run of any length.
        public var record: RunRecord { report.record }

        /// The plan as one run of the unit ``RunFolderPublisher`` writes.
        public var entry: RunFolderPublisher.Entry { RunFolderPublisher.Entry(subfolder: subfolder, report: report) }
    }

    /// Reads `runJSON` and, for a comparison, the `run.json` of each compared run in its
    /// subfolder next to it (`<folder>/float32/run.json`); every input is read and checked
    /// (every step decoded) before anything is written, so a bad input leaves the output
    /// untouched. A compared folder must be a plain subfolder name (``RunFolderName``: never
    /// `../B` or an absolute path), named once.
    public static func plan(runJSON: String, output: String) throws(ReportReadError) -> [Plan] {
        let primary = try RunFolderReader.file(at: runJSON)
        let inputFolder = (runJSON as NSString).deletingLastPathComponent
        var plans = [Plan(report: try RunReport(file: primary), output: output, subfolder: "")]
        for row in primary.header.comparison where row.folder != "." {
            if let problem = RunFolderName.problem(with: row.folder) {
                throw ReportReadError(
                    path: runJSON,
                    reason: "the comparison names the folder '\(row.folder)' for \(row.policy), "
                        + "which is not a plain subfolder name: \(problem)")
            }
            guard !plans.contains(where: { $0.subfolder == row.folder }) else {
                throw ReportReadError(path: runJSON, reason: "the comparison names the folder '\(row.folder)' twice")
            }
            let path = (inputFolder.isEmpty ? "" : inputFolder + "/") + row.folder + "/run.json"
            let file = try RunFolderReader.file(at: path)
            guard file.header.settings.policy == row.policy else {
                throw ReportReadError(
                    path: path,
                    reason:
                        "holds policy \(file.header.settings.policy), but the comparison names \(row.policy) for '\(row.folder)/'"
                )
            }
            plans.append(
                Plan(report: try RunReport(file: file), output: output + "/" + row.folder, subfolder: row.folder))
        }
        return plans
    }

    /// Writes every planned folder as one unit (``RunFolderPublisher``) to the primary's
    /// output, which must be new, empty or a run folder (``RunFolderTarget``); returns the
    /// folders written, primary first.
    @discardableResult
    public static func write(_ plans: [Plan]) throws(ReportWriteError) -> [String] {
        guard let primary = plans.first else { return [] }
        let target = try RunFolderTarget(checking: primary.output)
        try RunFolderPublisher.publish(plans.map(\.entry), to: target)
        return [target.path] + plans.dropFirst().map { target.path + "/" + $0.subfolder }
    }
}

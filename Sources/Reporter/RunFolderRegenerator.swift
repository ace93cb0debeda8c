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
    /// One folder to write: the record and where it goes.
    public struct Plan: Sendable {
        public var record: RunRecord
        /// The output folder path.
        public var output: String
    }

    /// Reads `runJSON` and, for a comparison, the `run.json` of each compared run in its
    /// subfolder next to it (`<folder>/float32/run.json`); every input is read and checked
    /// before anything is written, so a bad input leaves the output untouched.
    public static func plan(runJSON: String, output: String) throws(ReportReadError) -> [Plan] {
        let primary = try RunFolderReader.record(at: runJSON)
        let inputFolder = (runJSON as NSString).deletingLastPathComponent
        var plans = [Plan(record: primary, output: output)]
        for row in primary.comparison where row.folder != "." {
            let path = (inputFolder.isEmpty ? "" : inputFolder + "/") + row.folder + "/run.json"
            let record = try RunFolderReader.record(at: path)
            guard record.settings.policy == row.policy else {
                throw ReportReadError(path: path, reason: "holds policy \(record.settings.policy), but the comparison names \(row.policy) for '\(row.folder)/'")
            }
            plans.append(Plan(record: record, output: output + "/" + row.folder))
        }
        return plans
    }

    /// Writes every planned folder; returns the folders written, primary first.
    @discardableResult
    public static func write(_ plans: [Plan]) throws(ReportWriteError) -> [String] {
        var written: [String] = []
        for plan in plans {
            let folder = try OutputFolder(preparing: plan.output)
            try RunFolderWriter.write(plan.record, to: folder)
            written.append(folder.path)
        }
        return written
    }
}

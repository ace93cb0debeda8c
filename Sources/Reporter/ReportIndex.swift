//===--- ReportIndex.swift ------------------------------------------------===//
//
// The runs under a reports folder (Reports/), found through their run.json files.
//
//===----------------------------------------------------------------------===//

import Analyzer
import Foundation

/// One run under a reports folder.
public struct IndexedRun: Sendable {
    /// The run's folder relative to the reports folder (`float16-...`, `mixed_float16-.../float32`).
    public var folder: String
    /// The run's record (read from a reports folder, its steps carry their metrics only: see
    /// ``RunFolderRegenerator/Plan/record``).
    public var record: RunRecord
    /// The run's findings, from its whole record.
    public var findings: [Finding]

    public init(folder: String, record: RunRecord) {
        self.init(folder: folder, record: record, findings: Findings.compute(record))
    }

    public init(folder: String, record: RunRecord, findings: [Finding]) {
        self.folder = folder
        self.record = record
        self.findings = findings
    }
}

/// Collects the runs of a reports folder: every immediate subfolder holding a `run.json`,
/// in name order, each followed by the compared runs in its own subfolders (comparison order).
public enum ReportIndex {
    public static func runs(in root: String) throws(ReportReadError) -> [IndexedRun] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
        } catch {
            throw ReportReadError(path: root, reason: "not a readable folder")
        }
        var runs: [IndexedRun] = []
        for name in names where !name.hasPrefix(".") {
            let path = root + "/" + name + "/run.json"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            for plan in try RunFolderRegenerator.plan(runJSON: path, output: name) {
                runs.append(IndexedRun(folder: plan.output, record: plan.record, findings: plan.report.findings))
            }
        }
        guard !runs.isEmpty else {
            throw ReportReadError(path: root, reason: "no run folder (a subfolder with a run.json) inside")
        }
        return runs
    }
}

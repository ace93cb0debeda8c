//===--- RunReport.swift --------------------------------------------------===//
//
// A run ready to be written as a report folder: its digest and where its steps come from.
//
//===----------------------------------------------------------------------===//

import Analyzer

/// What ``RunFolderWriter`` writes a run folder from: the run's ``RunDigest`` (its charts and
/// summary) and its steps, held in memory (`mpstudy analyze`) or read one at a time from a
/// checked run.json (`mpstudy report`), so that a run of any length is written without
/// holding every step's records twice, or at all.
public struct RunReport: Sendable {
    let digest: RunDigest
    let steps: RunSteps

    /// The report of `run`, held in memory.
    public init(_ run: RunRecord) {
        digest = RunDigest(run)
        steps = .records(run.steps)
    }

    /// The report of a run.json: every step is decoded (and so checked) once here, for the
    /// digest, and once more as the folder is written.
    init(file: RunJSONFile) throws(ReportReadError) {
        digest = try file.digest()
        steps = .file(file)
    }

    /// The run's record without its steps' tensor records (each step keeps its number, epoch,
    /// batch and metrics).
    public var record: RunRecord { digest.outline }

    /// The run's findings (``Findings/compute(_:totals:)``).
    public var findings: [Finding] { Findings.compute(digest.outline, totals: digest.totals) }
}

/// The steps of a run being written, in order: held in memory, or read one at a time from a
/// run.json.
enum RunSteps: Sendable {
    case records([StepRecord])
    case file(RunJSONFile)

    /// Calls `body` with each step.
    func forEach(_ body: (StepRecord) -> Void) throws(ReportWriteError) {
        switch self {
        case .records(let steps):
            for step in steps { body(step) }
        case .file(let file):
            do {
                try file.forEachStep { step in body(step) }
            } catch {
                // The file was checked when it was read (its bytes are held): not expected.
                throw ReportWriteError(path: file.path, reason: error.reason)
            }
        }
    }
}

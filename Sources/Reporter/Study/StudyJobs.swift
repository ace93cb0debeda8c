//===--- StudyJobs.swift --------------------------------------------------===//
//
// jobs.txt: a study's runs as shell commands for any engine.
//
//===----------------------------------------------------------------------===//

import Foundation

/// The command lines of a study's runs, one per run in grid order, each to be run in the
/// study folder: `'<mpstudy>' analyze <options> --threads T --skip-complete --output
/// runs/<id> >logs/<id>.log 2>&1`. `--skip-complete` makes a finished run a no-op, so every
/// engine resumes by running the lines again.
public struct StudyJobs: Sendable, Equatable {
    public let program: String
    public let study: StudyFile
    public let threads: Int

    public init(program: String, study: StudyFile, threads: Int) {
        self.program = program
        self.study = study
        self.threads = threads
    }

    /// The arguments after the program name of the run `run`.
    public func arguments(_ run: StudyRun) -> [String] {
        ["analyze"] + run.analyzeOptions(data: study.data, shadowEvery: study.shadowEvery)
            + ["--threads", String(threads), "--skip-complete", "--output", "runs/" + run.id]
    }

    /// One run's shell line.
    public func line(_ run: StudyRun) -> String {
        ([program] + arguments(run)).map(ShellWord.quoted).joined(separator: " ") + " >"
            + ShellWord.quoted("logs/\(run.id).log") + " 2>&1"
    }

    /// jobs.txt: every run's line.
    public var text: String { study.runs.map(line).joined(separator: "\n") + "\n" }
}

//===--- AnalyzeCommand+Dump.swift ----------------------------------------===//
//
// `analyze --dump-tensors STEPS --dump-dir DIR`: the analyzed tensors of chosen steps.
//
//===----------------------------------------------------------------------===//

import Analyzer
import ArgumentParser
import Reporter

/// What `--dump-tensors` and `--dump-dir` ask for, checked before any work.
struct DumpPlan {
    let steps: Set<Int>
    let path: String

    /// Nil without the options; refuses one without the other, and a policy that rounds
    /// nothing (float32 and the recipes compute in float32: no rounding site to dump).
    init?(_ command: AnalyzeCommand) throws {
        switch (command.dumpTensors, command.dumpDir) {
        case (nil, nil): return nil
        case (nil, _):
            throw ValidationError("--dump-dir needs --dump-tensors STEPS (e.g. --dump-tensors 1,3,10-12)")
        case (_, nil): throw ValidationError("--dump-tensors needs --dump-dir DIR, the capture folder to write")
        case (let text?, let path?):
            steps = try StepList.parse(text, option: "dump-tensors")
            self.path = path
        }
        guard command.policy.compute != .float32 else {
            throw ValidationError(
                "--dump-tensors writes the tensors the analyzer rounds to the compute format; policy \(command.policy.name) computes in float32 and rounds none"
            )
        }
    }

    /// Checks the folder (new, empty, or a capture folder mpstudy wrote) against the run
    /// folder: neither may hold the other, since each is replaced as a whole.
    func checkTarget(against run: RunFolderTarget) throws -> RunFolderTarget {
        let target: RunFolderTarget
        do {
            target = try RunFolderTarget(checking: path, for: .capture)
        } catch {
            throw DumpFolderError(description: "cannot write the capture folder '\(error.path)': \(error.reason)")
        }
        let (a, b) = (target.location, run.location)
        if a == b || a.hasPrefix(b + "/") || b.hasPrefix(a + "/") {
            throw ValidationError(
                "--dump-dir '\(path)' and the report folder '\(run.path)' must be apart (each is replaced as a whole)")
        }
        return target
    }
}

/// A `--dump-dir` that cannot be written (exit 1, like an unwritable report folder).
struct DumpFolderError: Error, CustomStringConvertible {
    let description: String
}

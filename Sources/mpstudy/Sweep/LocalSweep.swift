import Foundation
import Reporter

/// `--run local`: runs a study's runs on this machine, `parallelRuns` at a time, each as its
/// own `mpstudy analyze` process in the study folder with its output in `logs/<id>.log`.
/// Finished runs are skipped; a run that fails is counted and the others go on. On SIGINT or
/// SIGTERM the running runs are stopped (each leaves its old folder untouched) and the sweep
/// ends with the usual one line and exit status.
struct LocalSweep {
    let folder: SweepFolder
    let jobs: StudyJobs
    let parallelRuns: Int

    struct Outcome {
        var finished = 0
        var skipped = 0
        var failed: [String] = []
    }

    func run(progress: (String) -> Void) throws -> Outcome {
        // Signals are deferred while runs are going: the loop stops them, then the process ends.
        let outcome = try Interruption.deferring { () throws -> Outcome in try runAll(progress: progress) }
        Interruption.stopIfRequested()
        return outcome
    }

    private func runAll(progress: (String) -> Void) throws -> Outcome {
        var outcome = Outcome()
        var waiting: [StudyRun] = []
        for run in jobs.study.runs {
            if folder.isComplete(run) { outcome.skipped += 1 } else { waiting.append(run) }
        }
        let total = waiting.count
        if outcome.skipped > 0 {
            progress("\(outcome.skipped) of \(jobs.study.runs.count) runs already complete: skipped")
        }
        guard total > 0 else { return outcome }
        var running: [(run: StudyRun, process: Process, log: FileHandle, start: Date)] = []
        var durations: [Double] = []
        let program = URL(fileURLWithPath: jobs.program)
        func report() {
            let done = outcome.finished + outcome.failed.count
            var line = "\(done) of \(total) runs done"
            if !outcome.failed.isEmpty { line += " (\(outcome.failed.count) failed)" }
            line += ", \(running.count) running"
            if !durations.isEmpty {
                let mean = durations.reduce(0, +) / Double(durations.count)
                let left = Double(total - done) * mean / Double(parallelRuns)
                line += ", about \(Self.minutes(left)) left"
            }
            progress(line)
        }
        while !waiting.isEmpty || !running.isEmpty {
            if Interruption.requested {
                for job in running { job.process.terminate() }
                for job in running { job.process.waitUntilExit() }
                return outcome
            }
            while running.count < parallelRuns, !waiting.isEmpty {
                let run = waiting.removeFirst()
                let logPath = folder.path + "/logs/" + run.id + ".log"
                guard FileManager.default.createFile(atPath: logPath, contents: nil),
                    let log = FileHandle(forWritingAtPath: logPath)
                else { throw SweepDataError("cannot write the log '\(logPath)'") }
                let process = Process()
                process.executableURL = program
                process.arguments = jobs.arguments(run)
                process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
                process.standardOutput = log
                process.standardError = log
                process.standardInput = FileHandle.nullDevice
                do { try process.run() } catch {
                    throw SweepDataError("cannot start '\(jobs.program)': \(error.localizedDescription)")
                }
                running.append((run, process, log, Date()))
                progress("started \(run.id)")
            }
            Thread.sleep(forTimeInterval: 0.2)
            var index = 0
            while index < running.count {
                let job = running[index]
                if job.process.isRunning {
                    index += 1
                    continue
                }
                try? job.log.close()
                running.remove(at: index)
                if job.process.terminationReason == .exit && job.process.terminationStatus == 0
                    && folder.isComplete(job.run)
                {
                    outcome.finished += 1
                    durations.append(Date().timeIntervalSince(job.start))
                    progress("finished \(job.run.id)")
                } else {
                    outcome.failed.append(job.run.id)
                    let how =
                        job.process.terminationReason == .uncaughtSignal
                        ? "killed by signal \(job.process.terminationStatus)"
                        : "exit status \(job.process.terminationStatus)"
                    progress("failed \(job.run.id) (\(how)); see logs/\(job.run.id).log")
                }
                report()
            }
        }
        return outcome
    }

    static func minutes(_ seconds: Double) -> String {
        seconds < 90 ? "\(Int(seconds.rounded())) s" : "\(Int((seconds / 60).rounded())) min"
    }
}

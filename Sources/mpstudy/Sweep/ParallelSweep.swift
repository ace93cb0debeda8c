import Foundation
import Reporter

/// `--run parallel`: hands jobs.txt to GNU parallel in the study folder, `jobs` at a time,
/// with its job log `parallel.joblog`; with `resume`, `--resume-failed` reruns only the lines
/// the log does not show as succeeded (every line skips a complete run anyway).
struct ParallelSweep {
    let folder: SweepFolder
    let jobs: Int
    let resume: Bool

    /// GNU parallel's exit status: 0 when every line succeeded, else the number of failed lines.
    func run() throws -> Int32 {
        guard let parallel = executableOnPath("parallel") else {
            throw SweepDataError(
                "GNU parallel is not on PATH; install it (Debian: apt-get install parallel) or use --run local")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: parallel)
        var arguments = ["--will-cite", "--jobs", String(jobs), "--joblog", "parallel.joblog", "--halt", "never"]
        if resume { arguments.append("--resume-failed") }
        arguments += ["::::", "jobs.txt"]
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw SweepDataError("cannot start GNU parallel: \(error.localizedDescription)")
        }
        while process.isRunning {
            if Interruption.requested {
                process.interrupt()
                process.waitUntilExit()
                Interruption.stopIfRequested()
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return process.terminationStatus
    }
}

import ArgumentParser
import Foundation
import NeuralNet
import Reporter

/// `mpstudy sweep`: a study is a grid of `mpstudy analyze` runs (policies x seeds x other
/// options). Writes `<output>/study.json` (the grid) and `jobs.txt` (one command line per
/// run), then runs them on this machine, through GNU parallel, or as a Slurm job array. It
/// never schedules across machines itself. A run whose folder already holds a complete
/// run.json of its options is skipped, in every mode, so a study resumes after any failure.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a study: a grid of analyze runs, locally, on GNU parallel or as a Slurm job array.",
        discussion: """
            Writes study.json and jobs.txt into the study folder, then runs jobs.txt's lines: \
            --run local (N at a time here, each with cores/N threads), --run parallel (GNU parallel \
            with a job log; --resume reruns only what did not finish), --run slurm (writes \
            sweep.sbatch, a job array with one task per line; --submit submits it with sbatch), or \
            --run none (write the files only). Run ids are readable and stable (mixed_float16-s3); \
            each run's report goes to runs/<id>/ and its output to logs/<id>.log. A folder holding \
            another grid is refused unless --add (the grid joins the study: a study of recipes \
            beside the policies' runs, sharing their seeds) or --force. Afterwards: mpstudy study <folder>.
            """
    )

    enum Engine: String, ExpressibleByArgument, CaseIterable {
        case local, parallel, slurm, none
    }

    @OptionGroup var grid: SweepGridOptions

    @Option(help: "Study folder (new, empty, or a study folder of the same grid).")
    var output: String

    @Option(help: "MNIST folder the runs read (made absolute in jobs.txt).")
    var data = "Data/mnist"

    @Option(
        name: .customLong("shadow-every"), parsing: .unconditional,
        help: "--shadow-every of every run (default: analyze's default).")
    var shadowEvery: Int?

    @Option(name: .customLong("run"), help: "Where the runs go: local, parallel, slurm or none.")
    var engine: Engine = .local

    @Option(parsing: .unconditional, help: "Runs at a time (local and parallel).")
    var jobs = 1

    @Option(
        name: .customLong("threads-per-run"), parsing: .unconditional,
        help: "Threads of each run. Default: cores / --jobs (local, parallel), --cpus (slurm).")
    var threadsPerRun: Int?

    @Flag(help: "GNU parallel: rerun only the lines its job log does not show as succeeded.")
    var resume = false

    @Flag(help: "Replace the grid of a study folder that holds another one.")
    var force = false

    @Flag(
        help:
            "Add the grid to the study in --output (its runs join the study's; runs already there are reused, not rerun)."
    )
    var add = false

    @Option(parsing: .unconditional, help: "Slurm: CPUs per task.")
    var cpus = 2

    @Option(help: "Slurm: memory per task (sbatch --mem).")
    var memory = "4G"

    @Option(help: "Slurm: time limit per task (sbatch --time).")
    var time = "01:00:00"

    @Option(help: "Slurm: partition (default: the cluster's default).")
    var partition: String?

    @Flag(help: "Slurm: submit sweep.sbatch with sbatch (otherwise print the command).")
    var submit = false

    func validate() throws {
        do { _ = try grid.grid() } catch let error as SweepUsageError { throw ValidationError(error) }
        guard jobs >= 1 && jobs <= 1024 else { throw ValidationError("--jobs must be 1 to 1024, got \(jobs)") }
        if let threadsPerRun, threadsPerRun < 1 || threadsPerRun > 1024 {
            throw ValidationError("--threads-per-run must be 1 to 1024, got \(threadsPerRun)")
        }
        guard cpus >= 1 && cpus <= 4096 else { throw ValidationError("--cpus must be 1 to 4096, got \(cpus)") }
        if let shadowEvery, shadowEvery < 0 { throw ValidationError("--shadow-every must be 0 or positive") }
        if add && force {
            throw ValidationError("--add keeps the study's grids and --force replaces them: give one of them")
        }
        if submit && engine != .slurm {
            throw ValidationError("--submit submits a Slurm job array: it needs --run slurm")
        }
        if resume && engine != .parallel {
            throw ValidationError(
                "--resume reads GNU parallel's job log: it needs --run parallel (the other modes always skip finished runs)"
            )
        }
        for (text, name) in [(memory, "memory"), (time, "time")]
        where text.isEmpty || text.contains(where: { $0.isWhitespace || $0.isNewline }) {
            throw ValidationError("--\(name) '\(text)' is not one word")
        }
        if let partition,
            partition.isEmpty
                || !partition.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.,".contains($0)) })
        {
            throw ValidationError("--partition '\(partition)': letters, digits, '-', '_', '.' and ',' only")
        }
    }

    func run() throws {
        let grid = try self.grid.grid()
        let study = StudyFile(
            grid: grid, data: SweepFolder.absolute(data), shadowEvery: shadowEvery,
            mpstudyVersion: MPStudyVersion.description)
        let threads = threadsPerRun ?? (engine == .slurm ? cpus : max(1, BLASRuntime.availableCores / jobs))
        // This very program runs the runs (an absolute path, so jobs.txt works from anywhere).
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? Bundle.main.executablePath
            ?? CommandLine.arguments[0]
        Interruption.install()
        let (folder, state, jobs, file) = try SweepFolder.prepare(
            output, study: study, jobs: { StudyJobs(program: executable, study: $0, threads: threads) },
            force: force, add: add)
        let name = URL(fileURLWithPath: folder.path).lastPathComponent
        let count = file.runs.count
        switch state {
        case .new: print("sweep: \(count) runs in \(output) (study.json, jobs.txt)")
        case .sameGrid: print("sweep: \(count) runs in \(output): same grid, finished runs are skipped")
        case .otherGrid: print("sweep: \(count) runs in \(output): grid replaced (--force)")
        case .addedGrid:
            print(
                "sweep: \(count) runs in \(output): grid added (\(file.grids.count) grids), finished runs are skipped")
        }
        switch engine {
        case .none:
            print("sweep: wrote the files only; run the lines of \(output)/jobs.txt in \(output), or use --run")
        case .local:
            let outcome = try LocalSweep(folder: folder, jobs: jobs, parallelRuns: self.jobs).run { line in
                print("sweep: " + line)
                flushStandardOutput()
            }
            print(
                "sweep: \(outcome.finished) runs finished, \(outcome.skipped) skipped, \(outcome.failed.count) failed; next: mpstudy study \(output)"
            )
            if !outcome.failed.isEmpty {
                throw SweepDataError(
                    "\(outcome.failed.count) runs failed (\(outcome.failed.joined(separator: ", "))); their logs are in \(output)/logs/; rerun the sweep to retry them"
                )
            }
        case .parallel:
            let status = try ParallelSweep(folder: folder, jobs: self.jobs, resume: resume).run()
            guard status == 0 else {
                throw SweepDataError(
                    "GNU parallel reports \(status) failed lines (see \(output)/parallel.joblog and logs/); rerun with --resume to retry only those"
                )
            }
            print("sweep: every line of jobs.txt succeeded; next: mpstudy study \(output)")
        case .slurm:
            let slurm = SlurmSweep(
                folder: folder, name: name, runs: count,
                resources: SlurmResources(cpus: cpus, memory: memory, time: time, partition: partition))
            try slurm.write()
            if submit {
                let id = try slurm.submit()
                print(
                    "sweep: submitted job array \(id) (\(count) tasks); when it has finished: mpstudy study \(output)"
                )
            } else {
                print(
                    "sweep: wrote \(output)/sweep.sbatch; submit it with: sbatch \(ShellWord.quoted(slurm.scriptPath))")
            }
        }
    }
}

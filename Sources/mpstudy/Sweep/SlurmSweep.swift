import Foundation
import Reporter

/// `--run slurm`: writes sweep.sbatch (a job array, one task per line of jobs.txt) and, with
/// `--submit`, submits it with sbatch; otherwise prints the command.
struct SlurmSweep {
    let folder: SweepFolder
    let name: String
    let runs: Int
    let resources: SlurmResources

    var scriptPath: String { folder.path + "/sweep.sbatch" }

    func write() throws {
        guard !folder.path.contains(where: { $0.isWhitespace }) else {
            throw SweepDataError(
                "Slurm's #SBATCH lines cannot hold a path with spaces: '\(folder.path)'; move the study")
        }
        try AtomicFile.write(
            SlurmScript.text(folder: folder.path, name: name, runs: runs, resources: resources), to: scriptPath)
    }

    /// Submits the array; returns sbatch's job id.
    func submit() throws -> String {
        guard let sbatch = executableOnPath("sbatch") else {
            throw SweepDataError(
                "sbatch is not on PATH: Slurm's client is not installed here; run without --submit and submit sweep.sbatch where Slurm is"
            )
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sbatch)
        process.arguments = ["--parsable", scriptPath]
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch { throw SweepDataError("cannot start sbatch: \(error.localizedDescription)") }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let line =
                problem.split(separator: "\n").first.map(String.init) ?? "exit status \(process.terminationStatus)"
            throw SweepDataError("sbatch refused the job array: \(line)")
        }
        return text.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
    }
}

//===--- SlurmScript.swift ------------------------------------------------===//
//
// sweep.sbatch: a study's runs as a Slurm job array.
//
//===----------------------------------------------------------------------===//

/// Slurm's resources for the job array (each task one run).
public struct SlurmResources: Sendable, Equatable {
    public var cpus: Int
    /// `--mem`, e.g. `4G`.
    public var memory: String
    /// `--time`, e.g. `01:00:00`.
    public var time: String
    public var partition: String?

    public init(cpus: Int, memory: String, time: String, partition: String?) {
        self.cpus = cpus
        self.memory = memory
        self.time = time
        self.partition = partition
    }
}

/// sweep.sbatch: a Slurm job array with one task per line of jobs.txt; task i runs line i in
/// the study folder.
public enum SlurmScript {
    public static func text(folder: String, name: String, runs: Int, resources: SlurmResources) -> String {
        var lines = [
            "#!/bin/bash",
            "# A Slurm job array for the study \(name): task i runs line i of jobs.txt (written by mpstudy sweep).",
            "#SBATCH --job-name=\(ShellWord.plain("mpstudy-" + name))",
            "#SBATCH --array=1-\(runs)",
            "#SBATCH --cpus-per-task=\(resources.cpus)",
            "#SBATCH --mem=\(resources.memory)",
            "#SBATCH --time=\(resources.time)",
        ]
        if let partition = resources.partition { lines.append("#SBATCH --partition=\(partition)") }
        lines += [
            "#SBATCH --chdir=\(folder)",
            "#SBATCH --output=\(folder)/logs/slurm-%A_%a.out",
            "set -eu",
            "line=$(sed -n \"${SLURM_ARRAY_TASK_ID}p\" jobs.txt)",
            "[ -n \"$line\" ] || { echo \"no line ${SLURM_ARRAY_TASK_ID} in jobs.txt\" >&2; exit 1; }",
            "exec bash -c \"$line\"",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}

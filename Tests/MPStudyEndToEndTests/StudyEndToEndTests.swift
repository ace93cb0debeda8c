import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import Testing
import _TestSupport

/// `mpstudy sweep` and `mpstudy study` end to end on a tiny synthetic data set: the files a
/// sweep writes, resuming, a missing run counted, and every refusal of issue 14 (an empty
/// grid, an unknown policy, a backwards seed range, a folder of another grid, `--submit`
/// without sbatch) as one line and a non-zero exit.
@Suite("Sweep and study")
struct StudyEndToEndTests {
    static func grid(data: String, output: String) -> [String] {
        [
            "sweep", "--policy", "float32,mixed_float16", "--seeds", "1-3", "--units", "4", "--batch-size", "8",
            "--epochs", "1", "--data", data, "--output", output,
        ]
    }

    @Test func sweepRunsResumesAndStudyCountsEveryRun() throws {
        try withScratchFolder(prefix: "mpstudy-e2e-study") { folder in
            let data = try DataErrorEndToEndTests.writeData(in: folder)
            let first = try mpstudy(Self.grid(data: data, output: "s") + ["--jobs", "2"], in: folder, timeout: 300)
            #expect(first.status == 0, "\(first)")
            let jobs = try String(contentsOfFile: folder.file("s/jobs.txt"), encoding: .utf8)
            let lines = jobs.split(separator: "\n")
            #expect(lines.count == 6)
            #expect(lines[0].contains("--policy float32 --seed 1 "))
            #expect(lines[0].contains("--skip-complete --output runs/float32-s1 >logs/float32-s1.log 2>&1"))
            #expect(lines[5].contains("--output runs/mixed_float16-s3 "))
            for id in [
                "float32-s1", "float32-s2", "float32-s3", "mixed_float16-s1", "mixed_float16-s2", "mixed_float16-s3",
            ] {
                #expect(FileManager.default.fileExists(atPath: folder.file("s/runs/\(id)/run.json")), "\(id)")
            }

            // The same grid again: everything is skipped.
            let again = try mpstudy(Self.grid(data: data, output: "s"), in: folder, timeout: 120)
            #expect(again.status == 0)
            #expect(again.output.contains("6 of 6 runs already complete: skipped"), "\(again)")

            // A lost run is counted and listed, not dropped.
            try FileManager.default.removeItem(atPath: folder.file("s/runs/mixed_float16-s2/run.json"))
            let study = try mpstudy(["study", "s"], in: folder, timeout: 120)
            #expect(study.status == 0, "\(study)")
            #expect(study.output.contains("float32: 3 of 3 runs complete"), "\(study)")
            #expect(study.output.contains("mixed_float16: 2 of 3 runs complete"), "\(study)")
            #expect(study.output.contains("1 failed or not run"), "\(study)")
            #expect(study.errors.contains("1 of 6 runs have no complete run.json"), "\(study)")
            #expect(study.output.contains("mixed_float16 minus float32 in test accuracy"), "\(study)")
            #expect(study.output.contains("n = 2 paired seeds"), "\(study)")
            let markdown = try String(contentsOfFile: folder.file("s/study.md"), encoding: .utf8)
            #expect(markdown.contains("`mixed_float16-s2`: failed: no run.json"))
            for file in ["study.csv", "study.json", "charts/test-accuracy.svg"] {
                #expect(FileManager.default.fileExists(atPath: folder.file("s/" + file)), "\(file)")
            }
        }
    }

    /// `--add`: a second grid (a recipe, seeds 1-2 of the first grid's 1-3) joins the study.
    /// Runs already there are skipped, only the recipe's run, the study pairs the recipe with
    /// float32 at the shared seeds, and a third sweep of either grid changes nothing. Without
    /// --add the other grid is refused; with --force too, --add is a usage error.
    @Test func addedGridJoinsTheStudy() throws {
        try withScratchFolder(prefix: "mpstudy-e2e-study") { folder in
            let data = try DataErrorEndToEndTests.writeData(in: folder)
            let base = [
                "sweep", "--seeds", "1-3", "--units", "4", "--batch-size", "8", "--epochs", "1", "--data", data,
                "--output", "s",
            ]
            #expect(try mpstudy(base + ["--policy", "float32"], in: folder, timeout: 300).status == 0)
            let recipe = base.map { $0 == "1-3" ? "1-2" : $0 } + ["--policy", "fp8_current"]
            let refused = try mpstudy(recipe, in: folder, timeout: 60)
            expectRefusal(refused, status: 64, mentions: ["another grid", "--add"])
            let both = try mpstudy(recipe + ["--add", "--force"], in: folder, timeout: 60)
            expectRefusal(both, status: 64, mentions: ["--add", "--force"])
            let added = try mpstudy(recipe + ["--add"], in: folder, timeout: 300)
            #expect(added.status == 0, "\(added)")
            #expect(added.output.contains("5 runs in s: grid added (2 grids)"), "\(added)")
            #expect(added.output.contains("3 of 5 runs already complete"), "\(added)")
            let jobs = try String(contentsOfFile: folder.file("s/jobs.txt"), encoding: .utf8).split(separator: "\n")
            #expect(jobs.count == 5)
            #expect(jobs[3].contains("--output runs/fp8_current-s1 "))
            let again = try mpstudy(recipe + ["--add"], in: folder, timeout: 120)
            #expect(again.output.contains("5 runs in s: same grid"), "\(again)")
            let first = try mpstudy(base + ["--policy", "float32"], in: folder, timeout: 120)
            #expect(first.output.contains("5 runs in s: same grid"), "\(first)")
            let study = try mpstudy(["study", "s"], in: folder, timeout: 120)
            #expect(study.status == 0, "\(study)")
            #expect(study.output.contains("float32: 3 of 3 runs complete"), "\(study)")
            #expect(study.output.contains("fp8_current: 2 of 2 runs complete"), "\(study)")
            #expect(study.output.contains("fp8_current minus float32 in test accuracy"), "\(study)")
            #expect(study.output.contains("n = 2 paired seeds"), "\(study)")
            let markdown = try String(contentsOfFile: folder.file("s/study.md"), encoding: .utf8)
            #expect(markdown.contains("5 `mpstudy analyze` runs from 2 grids"), "\(markdown)")
        }
    }

    /// SIGTERM while a run is going: the sweep stops its runs (no run.json is written, no
    /// analyze process outlives it), prints the one line and exits 143.
    @Test func interruptedSweepStopsItsRuns() throws {
        try withScratchFolder(prefix: "mpstudy-e2e-study") { folder in
            let data = try DataErrorEndToEndTests.writeData(in: folder)
            let arguments = [
                "sweep", "--policy", "float32", "--seeds", "0-1", "--units", "512", "--batch-size", "8", "--epochs",
                "50",
                "--data", data, "--output", "s",
            ]
            let result = try mpstudy(
                arguments, in: folder, timeout: 120, signal: SignalWhen(signal: SIGTERM, marker: "started"))
            #expect(result.status == 143, "\(result)")
            #expect(result.errors.hasSuffix("mpstudy: interrupted\n"), "\(result)")
            #expect(!FileManager.default.fileExists(atPath: folder.file("s/runs/float32-s0/run.json")))
            // No analyze of this study is left running.
            Thread.sleep(forTimeInterval: 0.5)
            let processes = try FileManager.default.contentsOfDirectory(atPath: "/proc").filter {
                $0.allSatisfy(\.isNumber)
            }
            let left = processes.filter { pid in
                let command = (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? ""
                return command.contains(data)
            }
            #expect(left.isEmpty, "analyze processes left running: \(left)")
        }
    }

    static let refusals: [BadInput] = [
        BadInput(["sweep", "--output", "s"], "empty grid", mentions: ["no policies"]),
        BadInput(["sweep", "--policy", "float32", "--output", "s"], "no seeds", mentions: ["no seeds"]),
        BadInput(
            ["sweep", "--policy", "float64", "--seeds", "0", "--output", "s"], "unknown policy", mentions: ["float64"]),
        BadInput(
            ["sweep", "--policy", "float32", "--seeds", "5-2", "--output", "s"], "backwards range",
            mentions: ["5-2", "backwards"]),
        BadInput(
            ["sweep", "--policy", "float32", "--seeds", "0,,1", "--output", "s"], "empty seed", mentions: ["empty"]),
        BadInput(
            ["sweep", "--policy", "float32", "--seeds", "0,0", "--output", "s"], "repeated seed", mentions: ["twice"]),
        BadInput(
            ["sweep", "--policy", "float32", "--seeds", "0", "--units", "0", "--output", "s"], "zero units",
            mentions: ["units"]),
        BadInput(
            ["sweep", "--policy", "float32", "--seeds", "0", "--jobs", "0", "--output", "s"], "zero jobs",
            mentions: ["--jobs"]),
        BadInput(
            ["sweep", "--policy", "float32", "--seeds", "0", "--submit", "--output", "s"], "submit without slurm",
            mentions: ["--run slurm"]),
        BadInput(
            ["sweep", "--policy", "float32", "--seeds", "0", "--study-file", "g.json", "--output", "s"], "grid twice",
            mentions: ["--study-file"]),
    ]

    @Test(arguments: refusals)
    func sweepRefusesBadGrids(_ input: BadInput) throws {
        let result = try mpstudyInScratch(input.arguments)
        expectRefusal(result, status: ExitStatus.usage, mentions: input.mentions)
    }

    @Test func aFolderOfAnotherGridIsRefusedUnlessForced() throws {
        try withScratchFolder(prefix: "mpstudy-e2e-study") { folder in
            let first = try mpstudy(
                ["sweep", "--policy", "float32", "--seeds", "0", "--run", "none", "--output", "s"], in: folder)
            #expect(first.status == 0, "\(first)")
            let before = try String(contentsOfFile: folder.file("s/study.json"), encoding: .utf8)
            let other = try mpstudy(
                ["sweep", "--policy", "float32", "--seeds", "0-1", "--run", "none", "--output", "s"], in: folder)
            expectRefusal(other, status: ExitStatus.usage, mentions: ["another grid", "--force"])
            #expect(try String(contentsOfFile: folder.file("s/study.json"), encoding: .utf8) == before)
            let forced = try mpstudy(
                ["sweep", "--policy", "float32", "--seeds", "0-1", "--run", "none", "--force", "--output", "s"],
                in: folder)
            #expect(forced.status == 0, "\(forced)")
            #expect(
                try String(contentsOfFile: folder.file("s/jobs.txt"), encoding: .utf8).split(separator: "\n").count == 2
            )
        }
    }

    @Test func aFolderThatIsNotAStudyIsRefused() throws {
        try withScratchFolder(prefix: "mpstudy-e2e-study") { folder in
            try FileTree.makeFolder(folder.file("mine"))
            try "keep".write(toFile: folder.file("mine/notes.txt"), atomically: true, encoding: .utf8)
            let result = try mpstudy(
                ["sweep", "--policy", "float32", "--seeds", "0", "--run", "none", "--output", "mine"], in: folder)
            expectRefusal(result, status: ExitStatus.failure, mentions: ["not a study folder"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("mine")) == ["notes.txt"])
        }
    }

    @Test func submitWithoutSbatchIsOneLine() throws {
        try withScratchFolder(prefix: "mpstudy-e2e-study") { folder in
            let result = try mpstudy(
                ["sweep", "--policy", "float32", "--seeds", "0", "--run", "slurm", "--submit", "--output", "s"],
                in: folder,
                environment: ["PATH": folder.file("empty-path")])
            expectRefusal(result, status: ExitStatus.failure, mentions: ["sbatch is not on PATH"])
            let script = try String(contentsOfFile: folder.file("s/sweep.sbatch"), encoding: .utf8)
            #expect(script.contains("#SBATCH --array=1-1"))
        }
    }

    /// A study.json whose grid names a policy like `../../x` cannot make `study` read outside
    /// its folder: refused in one line.
    @Test func hostileStudyFileIsRefused() throws {
        try withScratchFolder(prefix: "mpstudy-e2e-study") { folder in
            let first = try mpstudy(
                ["sweep", "--policy", "float32", "--seeds", "0", "--run", "none", "--output", "s"], in: folder)
            #expect(first.status == 0, "\(first)")
            let path = folder.file("s/study.json")
            let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
                of: "float32", with: "../../x")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let result = try mpstudy(["study", "s"], in: folder)
            expectRefusal(result, status: ExitStatus.failure, mentions: ["not a plain folder name"])
            #expect(!FileManager.default.fileExists(atPath: folder.file("s/study.md")))
        }
    }

    @Test func studyOfAFolderWithoutAStudyIsOneLine() throws {
        let result = try mpstudyInScratch(["study", "nowhere"])
        expectRefusal(result, status: ExitStatus.failure, mentions: ["study.json", "no such file"])
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Testing
import _TestSupport

/// Issue 11, items 4 to 6, through the binary: `--output` never overwrites or deletes what
/// mpstudy did not write, a run folder appears complete or not at all (also when a run is
/// interrupted or its data fails to load), `report` never writes outside `--output`, and
/// text from the command line or a run.json cannot inject Markdown, HTML or control
/// characters into the report.
@Suite("report folders: refused, replaced whole, never escaped")
struct OutputFolderEndToEndTests {
    static let tiny = TrainingRunsEndToEndTests.tiny
    static func withData<R>(_ body: (ScratchFolder) throws -> R) throws -> R {
        try TrainingRunsEndToEndTests.withData(body)
    }

    /// `<folder>/long/`: enough synthetic data that training lasts seconds (2000 images, 100
    /// steps of 16 per epoch, 64 units, 3 epochs), so a signal sent when the first epoch
    /// starts arrives during training.
    static let long = [
        "--data", "long", "--units", "64", "--batch-size", "16", "--epochs", "3", "--threads", "1", "--seed", "5",
    ]

    static func writeLongData(in folder: ScratchFolder) throws {
        try FileTree.makeFolder(folder.file("long"))
        try SyntheticMNIST(trainCount: 2000, testCount: 20).write(to: folder.file("long"))
    }

    /// A folder of the user's (a summary.md and a chart of their own, another file) is refused
    /// by `analyze` and `report` before any work, and left byte for byte as it was. (Before:
    /// both wrote into it, replacing summary.md and deleting charts/diagram.svg, exit 0.)
    @Test func foreignFolderIsRefusedAndUntouched() throws {
        try Self.withData { folder in
            expectSuccess(try mpstudy(["analyze"] + Self.tiny + ["--output", "run"], in: folder))
            let mine = folder.file("mine")
            try FileTree.makeFolder(mine)
            try FileTree.makeFolder(mine + "/charts")
            try FileTree.write("my notes\n", to: mine + "/summary.md")
            try FileTree.write("<svg/>\n", to: mine + "/charts/diagram.svg")
            try FileTree.write("keep\n", to: mine + "/other.txt")
            let before = FileTree.files(under: mine)
            let analyze = try mpstudy(["analyze"] + Self.tiny + ["--output", "mine"], in: folder)
            expectRefusal(analyze, status: ExitStatus.failure, mentions: ["'mine'", "not an mpstudy run folder"])
            #expect(analyze.output.isEmpty, "refused before loading data: \(analyze)")
            let report = try mpstudy(["report", "run/run.json", "--output", "mine"], in: folder)
            expectRefusal(report, status: ExitStatus.failure, mentions: ["'mine'", "not an mpstudy run folder"])
            #expect(FileTree.files(under: mine) == before)
        }
    }

    /// A rerun into a comparison's folder replaces it as a whole: the old compared run's
    /// subfolder goes, and the folder is exactly what a fresh run writes. (Before: the old
    /// `float32/` stayed beside the new primary report.)
    @Test func rerunReplacesTheRunFolderAsAWhole() throws {
        try Self.withData { folder in
            let first = try mpstudy(
                ["analyze"] + Self.tiny + ["--policy", "float16", "--compare", "float32", "--output", "cmp"], in: folder
            )
            expectSuccess(first)
            #expect(FileTree.exists(folder.file("cmp/float32/run.json")))
            expectSuccess(try mpstudy(["analyze"] + Self.tiny + ["--seed", "6", "--output", "cmp"], in: folder))
            expectSuccess(try mpstudy(["analyze"] + Self.tiny + ["--seed", "6", "--output", "fresh"], in: folder))
            #expect(
                Set(FileTree.files(under: folder.file("cmp")).keys)
                    == Set(FileTree.files(under: folder.file("fresh")).keys))
            #expect(FileTree.text(folder.file("cmp/run.json"))?.contains("\"seed\":6") == true)
            #expect(FileTree.entries(folder.path) == ["cmp", "data", "fresh"], "no temporary left")
        }
    }

    /// Data that cannot be loaded: exit 1 and no folder created. (Before: an empty `new/run/`.)
    @Test func failedDataLoadCreatesNothing() throws {
        try Self.withData { folder in
            let result = try mpstudy(
                ["analyze"] + Self.tiny + ["--data", "missing", "--output", "new/run"], in: folder)
            expectRefusal(result, status: ExitStatus.failure, mentions: ["missing"])
            #expect(FileTree.entries(folder.path) == ["data"])
        }
    }

    /// SIGINT while training into an existing run folder, and into a new one: exit 130, the one
    /// line `mpstudy: interrupted` (after any progress lines), the old folder byte for byte as it was, no new folder, no
    /// temporary. (Before: killed by the signal without a word; a new folder was left empty.)
    @Test func interruptDuringTrainingChangesNothing() throws {
        try Self.withData { folder in
            try Self.writeLongData(in: folder)
            expectSuccess(try mpstudy(["analyze"] + Self.tiny + ["--output", "run"], in: folder))
            let before = FileTree.files(under: folder.file("run"))
            let interrupt = SignalWhen(signal: SIGINT, marker: "Epoch 1/")
            let replacing = try mpstudy(["analyze"] + Self.long + ["--output", "run"], in: folder, signal: interrupt)
            expectInterrupted(replacing, status: 130)
            #expect(FileTree.files(under: folder.file("run")) == before)
            let creating = try mpstudy(
                ["analyze"] + Self.long + ["--output", "new/run"], in: folder, signal: interrupt)
            expectInterrupted(creating, status: 130)
            #expect(FileTree.entries(folder.path) == ["data", "long", "run"], "no new folder, no temporary")
        }
    }

    /// SIGTERM stops `train` the same way, with 128 + 15.
    @Test func trainStopsOnSigterm() throws {
        try Self.withData { folder in
            try Self.writeLongData(in: folder)
            let result = try mpstudy(
                ["train"] + Self.long, in: folder, signal: SignalWhen(signal: SIGTERM, marker: "Epoch 1/"))
            expectInterrupted(result, status: 128 + SIGTERM)
        }
    }

    /// A run.json whose comparison names `../B`: refused in one line, nothing written (before:
    /// `report` wrote the compared run to `out/B`, outside `--output out/A`).
    @Test func reportRefusesPathTraversal() throws {
        try Self.withData { folder in
            expectSuccess(
                try mpstudy(["analyze"] + Self.tiny + ["--compare", "float32", "--output", "in/A"], in: folder))
            #expect(rename(folder.file("in/A/float32"), folder.file("in/B")) == 0)
            let json = try #require(FileTree.text(folder.file("in/A/run.json")))
            #expect(json.contains("\"folder\":\"float32\""))
            try FileTree.write(
                json.replacingAll("\"folder\":\"float32\"", with: "\"folder\":\"../B\""),
                to: folder.file("in/A/run.json"))
            let result = try mpstudy(["report", "in/A/run.json", "--output", "out/A"], in: folder)
            expectRefusal(result, status: ExitStatus.failure, mentions: ["../B", "not a plain subfolder name"])
            #expect(!FileTree.exists(folder.file("out")))
        }
    }

    /// `--output` with a backtick and a newline: summary.md gets no `# Injected` heading
    /// (before: the command line in summary.md ended its code span and started one).
    @Test func outputNameCannotInjectMarkdown() throws {
        try Self.withData { folder in
            let name = "x`\n# Injected"
            expectSuccess(try mpstudy(["analyze"] + Self.tiny + ["--output", name], in: folder))
            let summary = try #require(FileTree.text(folder.file(name + "/summary.md")))
            #expect(summary.contains("Command: "))
            #expect(!summary.split(separator: "\n").contains { $0.hasPrefix("# Injected") }, "\(summary.prefix(2000))")
        }
    }

    /// A run.json with a layer named `dense_2</text><script>...` and one holding a control
    /// character, and a data folder with a newline: summary.md holds no tag and no injected
    /// heading, and every SVG chart stays well-formed text without the raw tag or control
    /// character. (Before: `<script>` landed in summary.md as HTML, and U+0001 in the SVG.)
    @Test func hostileRunJSONIsEscaped() throws {
        try Self.withData { folder in
            expectSuccess(try mpstudy(["analyze"] + Self.tiny + ["--output", "run"], in: folder))
            var json = try #require(FileTree.text(folder.file("run/run.json")))
            #expect(json.contains("\"dense_2\"") && json.contains("\"dense_1\"") && json.contains("\"data\":\"data\""))
            json = json.replacingAll("\"dense_2\"", with: "\"dense_2</text><script>alert(1)</script>\"")
                .replacingAll("\"dense_1\"", with: "\"dense_1\\u0001\"")
                .replacingAll("\"data\":\"data\"", with: "\"data\":\"data`\\n# Data\"")
            try FileTree.makeFolder(folder.file("hostile"))
            try FileTree.write(json, to: folder.file("hostile/run.json"))
            expectSuccess(try mpstudy(["report", "hostile/run.json", "--output", "out"], in: folder))
            let files = FileTree.files(under: folder.file("out"))
            let summary = String(decoding: try #require(files["summary.md"]), as: UTF8.self)
            // Every `<` is backslash-escaped (literal text), except in the writer's own <details> blocks.
            for line in summary.split(separator: "\n")
            where !["<details>", "<summary>", "</details>"].contains(where: line.hasPrefix) {
                let raw = zip(line.dropFirst(), line).contains { $0 == "<" && $1 != "\\" } || line.first == "<"
                #expect(!raw, "an unescaped < in: \(line)")
            }
            #expect(!summary.split(separator: "\n").contains { $0.hasPrefix("# Data") })
            #expect(summary.contains("## dense_2\\</text\\>\\<script\\>alert(1)\\</script\\>\n"))
            #expect(!summary.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
            let charts = files.filter { $0.key.hasSuffix(".svg") }
            #expect(!charts.isEmpty)
            for (name, bytes) in charts {
                #expect(!bytes.contains(1), "\(name) holds U+0001")
                #expect(!String(decoding: bytes, as: UTF8.self).contains("<script"), "\(name)")
            }
        }
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement` (no Foundation in this target).
    func replacingAll(_ target: String, with replacement: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}

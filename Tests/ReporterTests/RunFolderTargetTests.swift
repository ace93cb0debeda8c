#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Analyzer
import Testing
import _TestSupport
@testable import Reporter

/// Which destinations a run folder may go to, and what counts as an mpstudy run folder.
@Suite struct RunFolderTargetTests {
    /// The reason `path` is refused ("" when it is accepted).
    static func refusal(_ path: String, for kind: ReportFolderKind = .run) -> String {
        do {
            _ = try RunFolderTarget(checking: path, for: kind)
            return ""
        } catch {
            return error.reason
        }
    }

    static func writeRun(_ path: String) throws {
        try RunFolderPublisher.publish(
            [RunFolderPublisher.Entry(subfolder: "", record: ReportFixture.record())],
            to: RunFolderTarget(checking: path))
    }

    @Test func checkingCreatesNothing() throws {
        try withScratchFolder { scratch in
            let target = try RunFolderTarget(checking: scratch.file("new/deeper/run/"))
            #expect(target.path == scratch.file("new/deeper/run"))
            #expect(target.name == "run" && target.parent.hasSuffix("/new/deeper"))
            #expect(FileTree.entries(scratch.path) == [])
        }
    }

    @Test func refusals() throws {
        try withScratchFolder { scratch in
            try FileTree.write("x", to: scratch.file("file"))
            #expect(Self.refusal(scratch.file("file")) == "it exists and is not a folder")
            #expect(Self.refusal(scratch.file("file/run")).hasSuffix("exists and is not a folder"))
            #expect(Self.refusal(scratch.file(".mpstudy-tmp-1-0-run")).contains("temporary"))
            #expect(Self.refusal(scratch.file(String(repeating: "n", count: 201))).contains("longer"))
            #expect(Self.refusal(".").contains("working folder"))
            #expect(Self.refusal(scratch.file("missing/../run")).contains("'..'"))
            #expect(Self.refusal("").contains("empty"))
        }
    }

    /// A folder holding anything mpstudy does not write is refused, naming what it holds.
    @Test func foreignFoldersAreRefused() throws {
        try withScratchFolder { scratch in
            let mine = scratch.file("mine")
            try FileTree.makeFolder(mine)
            try FileTree.write("notes\n", to: mine + "/summary.md")
            #expect(Self.refusal(mine).contains("it has no run.json"))

            let run = scratch.file("run")
            try Self.writeRun(run)
            #expect(Self.refusal(run) == "")
            try FileTree.write("notes\n", to: run + "/notes.txt")
            #expect(Self.refusal(run).contains("'notes.txt'"))
            FileTree.remove(run + "/notes.txt")
            try FileTree.write("png", to: run + "/charts/diagram.png")
            #expect(Self.refusal(run).contains("'charts/diagram.png'"))
            FileTree.remove(run + "/charts/diagram.png")
            #expect(symlink("/etc", run + "/link") == 0)
            #expect(Self.refusal(run).contains("'link'"))
            FileTree.remove(run + "/link")
            try FileTree.write("{\"steps\": []}\n", to: run + "/run.json")
            #expect(Self.refusal(run).contains("not an mpstudy run record"))
        }
    }

    /// Compared runs' subfolders and temporaries of earlier versions belong to a run folder; a
    /// subfolder that is not a run folder does not.
    @Test func runFolderMembers() throws {
        try withScratchFolder { scratch in
            let run = scratch.file("run")
            try Self.writeRun(run)
            try Self.writeRun(run + "/float32")
            try FileTree.write("x", to: run + "/.mpstudy-tmp-12-0-run.json")
            try FileTree.write("x", to: run + "/.mpstudy-write-probe")
            #expect(RunFolderContents.problem(in: run) == nil)
            try FileTree.makeFolder(run + "/float32/deeper")
            #expect(RunFolderContents.problem(in: run)?.contains("'float32/'") == true)
            FileTree.remove(run + "/float32/deeper")
            try FileTree.makeFolder(run + "/photos")
            #expect(RunFolderContents.problem(in: run)?.contains("'photos/'") == true)
        }
    }

    /// A symbolic link to a run folder stands for the folder: that is replaced, the link kept.
    @Test func linkStandsForItsFolder() throws {
        try withScratchFolder { scratch in
            try Self.writeRun(scratch.file("real"))
            #expect(symlink(scratch.file("real"), scratch.file("link")) == 0)
            let target = try RunFolderTarget(checking: scratch.file("link"))
            #expect(target.name == "real")
            try Self.writeRun(scratch.file("link"))
            #expect(FileTree.entries(scratch.path) == ["link", "real"])
        }
    }

    /// The run.json signature: a top-level numeric `schemaVersion`, found across chunk borders
    /// and not inside strings or nested objects.
    /// Each kind of mpstudy folder is replaced only by a folder of its kind: a run folder given
    /// as the capture folder of `--dump-dir` or as an inspect report's `--output` is refused
    /// (and left as it is), and a folder of the user's is refused naming the marker file missing.
    @Test func onlyAFolderOfTheSameKindIsReplaced() throws {
        try withScratchFolder { scratch in
            let run = scratch.file("run")
            try Self.writeRun(run)
            let before = FileTree.entries(run)
            #expect(Self.refusal(run, for: .run) == "")
            for kind in [ReportFolderKind.capture, .inspection] {
                let reason = Self.refusal(run, for: kind)
                #expect(reason.hasPrefix("it is an mpstudy run folder, not an mpstudy"), "\(kind): '\(reason)'")
            }
            #expect(FileTree.entries(run) == before)
            let mine = scratch.file("mine")
            try FileTree.makeFolder(mine)
            try FileTree.write("x", to: mine + "/notes.txt")
            let reason = Self.refusal(mine, for: .capture)
            #expect(reason.contains("(it has no manifest.json)"), "'\(reason)'")
            let empty = scratch.file("empty")
            try FileTree.makeFolder(empty)
            for kind in [ReportFolderKind.run, .capture, .inspection] {
                #expect(Self.refusal(empty, for: kind) == "")
            }
        }
    }

    @Test func runRecordSignature() {
        func matches(_ text: String, chunk: Int) -> Bool {
            var scanner = RunRecordSignature.Scanner()
            let bytes = Array(text.utf8)
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + chunk)
                let verdict = bytes[start..<end].withUnsafeBufferPointer { scanner.feed($0) }
                if verdict == .found { return true }
                if verdict == .notAnObject { return false }
                start = end
            }
            return false
        }
        let cases: [(String, Bool)] = [
            (#"{"comparison":[],"schemaVersion":2,"steps":[]}"#, true),
            (" \n{ \"a\" : { \"schemaVersion\" : 2 }, \"schemaVersion\" : 3 }", true),
            (#"{"a":{"schemaVersion":2}}"#, false),
            (#"{"a":"\"schemaVersion\":2"}"#, false),
            (#"{"schemaVersion":"2"}"#, false),
            (#"{"schemaVersionX":2}"#, false),
            (#"[{"schemaVersion":2}]"#, false),
            (#"{"a":1}{"schemaVersion":2}"#, false),
            ("", false),
        ]
        for (text, expected) in cases {
            for chunk in [1, 3, 1 << 16] {
                #expect(matches(text, chunk: chunk) == expected, "\(text) in chunks of \(chunk)")
            }
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Analyzer
import Testing
import _TestSupport
@testable import Reporter

/// A run folder appears complete or not at all, replaces only a run folder mpstudy wrote, and
/// leaves no temporary behind (crash points are covered by scripts/kill-test.sh).
@Suite struct RunFolderPublisherTests {
    /// A small record whose policy name marks which run wrote a folder.
    static func record(_ policy: String) -> RunRecord {
        var run = ReportFixture.record()
        run.settings.policy = policy
        return run
    }

    /// The primary run `policy` with compared runs in `compared` subfolders.
    static func unit(_ policy: String, compared: [String]) -> [RunFolderPublisher.Entry] {
        var primary = record(policy)
        primary.comparison = [primary.outcome(folder: ".")] + compared.map { record($0).outcome(folder: $0) }
        return [RunFolderPublisher.Entry(subfolder: "", record: primary)]
            + compared.map { RunFolderPublisher.Entry(subfolder: $0, record: record($0)) }
    }

    @discardableResult
    static func publish(
        _ entries: [RunFolderPublisher.Entry], to path: String, exchange: Bool = true,
        shouldStop: () -> Bool = { false }
    ) throws -> RunFolderPublisher.Outcome {
        try RunFolderPublisher.publish(
            entries, to: RunFolderTarget(checking: path), durable: true, exchange: exchange,
            shouldStop: shouldStop)
    }

    @Test func newFolderAppearsWithItsParents() throws {
        try withScratchFolder { scratch in
            let outcome = try Self.publish(Self.unit("new", compared: ["float32"]), to: scratch.file("a/b/run"))
            #expect(outcome == .published)
            let tree = FileTree.files(under: scratch.file("a/b/run"))
            for name in RunFolderWriter.fileNames {
                #expect(tree[name] != nil && tree["float32/" + name] != nil, "\(name)")
            }
            #expect(FileTree.entries(scratch.file("a/b")) == ["run"], "no temporary left")
        }
    }

    /// An old comparison (float32 and mixed_bfloat16 subfolders, a stale chart) is replaced as
    /// a whole by a new one with float32 only: the result is exactly a fresh write of the new
    /// unit, on both commit paths (exchange, and the two renames of file systems without it).
    @Test(arguments: [true, false])
    func runFolderIsReplacedAsAWhole(exchange: Bool) throws {
        try withScratchFolder { scratch in
            let fresh = scratch.file("fresh")
            try Self.publish(Self.unit("new", compared: ["float32"]), to: fresh)
            let run = scratch.file("run")
            try Self.publish(Self.unit("old", compared: ["float32", "mixed_bfloat16"]), to: run)
            try FileTree.write("<svg/>", to: run + "/charts/histogram-old-gradient.svg")
            let outcome = try Self.publish(Self.unit("new", compared: ["float32"]), to: run, exchange: exchange)
            #expect(outcome == .published)
            #expect(FileTree.files(under: run) == FileTree.files(under: fresh))
            #expect(FileTree.entries(scratch.path) == ["fresh", "run"], "no temporary or set-aside folder left")
        }
    }

    @Test func emptyFolderIsFilled() throws {
        try withScratchFolder { scratch in
            try FileTree.makeFolder(scratch.file("run"))
            try Self.publish(Self.unit("new", compared: []), to: scratch.file("run"))
            #expect(FileTree.exists(scratch.file("run/summary.md")))
            #expect(FileTree.entries(scratch.path) == ["run"])
        }
    }

    /// Stopped before the commit (an interrupt): the old folder is untouched, the temporary
    /// folder and the parents created for it are gone.
    @Test func stopLeavesEverythingAsItWas() throws {
        try withScratchFolder { scratch in
            let run = scratch.file("run")
            try Self.publish(Self.unit("old", compared: ["float32"]), to: run)
            let before = FileTree.files(under: run)
            for stopAt in 1...3 {
                var asked = 0
                let stop = {
                    asked += 1
                    return asked >= stopAt
                }
                #expect(
                    try Self.publish(Self.unit("new", compared: ["float32"]), to: run, shouldStop: stop) == .abandoned)
                #expect(FileTree.files(under: run) == before)
                #expect(FileTree.entries(scratch.path) == ["run"])
                #expect(
                    try Self.publish(
                        Self.unit("new", compared: []), to: scratch.file("new/deeper/run"), shouldStop: stop)
                        == .abandoned)
                #expect(FileTree.entries(scratch.path) == ["run"], "the created parents are removed")
            }
        }
    }

    /// The destination is checked again before the commit: a folder the user filled during the
    /// training is refused and left alone.
    @Test func destinationFilledMeanwhileIsRefused() throws {
        try withScratchFolder { scratch in
            let target = try RunFolderTarget(checking: scratch.file("run"))
            try FileTree.makeFolder(scratch.file("run"))
            try FileTree.write("mine\n", to: scratch.file("run/notes.txt"))
            #expect(throws: ReportWriteError.self) {
                try RunFolderPublisher.publish(Self.unit("new", compared: []), to: target)
            }
            #expect(FileTree.entries(scratch.file("run")) == ["notes.txt"])
            #expect(FileTree.entries(scratch.path) == ["run"])
        }
    }

    /// Compared runs go only into plain subfolders of the run folder.
    @Test(arguments: ["../B", "/tmp/x", "a/b", ".hidden", "charts", "", "float32\n"])
    func subfolderMustBePlain(name: String) throws {
        try withScratchFolder { scratch in
            let entries = [
                RunFolderPublisher.Entry(subfolder: "", record: Self.record("p")),
                RunFolderPublisher.Entry(subfolder: name, record: Self.record("q")),
            ]
            #expect(throws: ReportWriteError.self) { try Self.publish(entries, to: scratch.file("out/run")) }
            #expect(FileTree.entries(scratch.path) == [])
        }
    }
}

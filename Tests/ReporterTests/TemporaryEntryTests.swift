#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Testing
import _TestSupport
@testable import Reporter

/// Temporaries left by killed processes are removed, and only those: not a live process's,
/// not a locked one, not anything mpstudy did not name.
@Suite struct TemporaryEntryTests {
    /// Beyond any pid_max (Linux allows at most 2^22), so no such process exists.
    static let deadProcess: pid_t = 2_147_483_646
    /// init: alive (kill(1, 0) succeeds as root, EPERM otherwise: alive either way).
    static let liveProcess: pid_t = 1

    static func name(_ kind: TemporaryEntry.Kind, owner: pid_t, _ original: String) -> String {
        TemporaryEntry.Name(kind: kind, owner: owner, attempt: 0, original: original).text
    }

    /// Sets the modification time of `path` to `seconds` ago.
    static func age(_ path: String, seconds: Int) {
        let then = timespec(tv_sec: time(nil) - seconds, tv_nsec: 0)
        var times = [then, then]
        utimensat(AT_FDCWD, path, &times, AT_SYMLINK_NOFOLLOW)
    }

    @Test func names() {
        let name = TemporaryEntry.Name(kind: .working, owner: 42, attempt: 3, original: "run-a-b")
        #expect(name.text == ".mpstudy-tmp-42-3-run-a-b")
        #expect(TemporaryEntry.parse(name.text) == name)
        #expect(TemporaryEntry.parse(".mpstudy-old-7-0-x")?.kind == .setAside)
        for other in [".mpstudy-tmp-x-0-run", ".mpstudy-tmp-1-0-", ".mpstudy-notes", ".mpstudy-tmp--1-0-run", "run"] {
            #expect(TemporaryEntry.parse(other) == nil, "\(other)")
        }
    }

    @Test func abandonedOnesAreRemovedOthersKept() throws {
        try withScratchFolder { scratch in
            let dead = Self.name(.working, owner: Self.deadProcess, "run")
            let deadFile = Self.name(.working, owner: Self.deadProcess, "README.md")
            let live = Self.name(.working, owner: Self.liveProcess, "run")
            let liveOld = Self.name(.working, owner: Self.liveProcess, "other")
            let locked = Self.name(.working, owner: Self.deadProcess, "locked")
            try FileTree.makeFolder(scratch.file(dead))
            try FileTree.write("x", to: scratch.file(dead + "/run.json"))
            try FileTree.write("x", to: scratch.file(deadFile))
            try FileTree.makeFolder(scratch.file(live))
            try FileTree.makeFolder(scratch.file(liveOld))
            Self.age(scratch.file(liveOld), seconds: 2 * 3600)
            try FileTree.makeFolder(scratch.file(locked))
            try FileTree.write("x", to: scratch.file(".mpstudy-notes"))
            let lock = TemporaryEntry.lock(scratch.file(locked), folder: true)
            #expect(lock >= 0)
            defer { close(lock) }
            TemporaryEntry.removeAbandoned(in: scratch.path)
            #expect(FileTree.entries(scratch.path) == [".mpstudy-notes", live, locked].sorted())
        }
    }

    /// The process died between setting the old run folder aside and renaming the new one in:
    /// the old one comes back. When the new one made it, the old one is removed.
    @Test func setAsideRunFolderComesBack() throws {
        try withScratchFolder { scratch in
            let aside = Self.name(.setAside, owner: Self.deadProcess, "run")
            let building = Self.name(.working, owner: Self.deadProcess, "run")
            try FileTree.makeFolder(scratch.file(aside))
            try FileTree.write("old", to: scratch.file(aside + "/run.json"))
            try FileTree.makeFolder(scratch.file(building))
            TemporaryEntry.removeAbandoned(in: scratch.path)
            #expect(FileTree.entries(scratch.path) == ["run"])
            #expect(FileTree.text(scratch.file("run/run.json")) == "old")

            try FileTree.makeFolder(scratch.file(aside))
            TemporaryEntry.removeAbandoned(in: scratch.path)
            #expect(FileTree.entries(scratch.path) == ["run"])
            #expect(FileTree.text(scratch.file("run/run.json")) == "old")
        }
    }

    /// AtomicFile clears its folder of abandoned temporaries before it writes.
    @Test func atomicFileRemovesAbandonedTemporaries() throws {
        try withScratchFolder { scratch in
            let dead = Self.name(.working, owner: Self.deadProcess, "README.md")
            try FileTree.write("half", to: scratch.file(dead))
            try AtomicFile.write("whole\n", to: scratch.file("README.md"))
            #expect(FileTree.entries(scratch.path) == ["README.md"])
        }
    }
}

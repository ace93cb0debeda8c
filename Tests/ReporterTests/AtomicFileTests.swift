#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Testing
import _TestSupport
@testable import Reporter

/// Atomic writes and the report folder check, in scratch folders removed after each test.
/// (Tests may run as root, who can write into a read-only folder, so failures are provoked
/// with paths that no permission bit can fix.)
@Suite struct AtomicFileTests {
    @Test func replacesTheFileAndLeavesNoTemporary() throws {
        try withScratchFolder { scratch in
            let folder = scratch.path
            try AtomicFile.write("first\n", to: folder + "/a.txt")
            try AtomicFile.write("second\n", to: folder + "/a.txt", sync: true)
            #expect(FileTree.text(folder + "/a.txt") == "second\n")
            #expect(FileTree.entries(folder) == ["a.txt"])
        }
    }

    /// The rename fails (the destination is a non-empty folder): the temporary file, which was
    /// written, must be gone and the destination untouched.
    @Test func failedRenameRemovesTheTemporary() throws {
        try withScratchFolder { scratch in
            let folder = scratch.path
            #expect(mkdir(folder + "/target", 0o755) == 0)
            try AtomicFile.write("keep\n", to: folder + "/target/inside.txt")
            #expect(throws: ReportWriteError.self) { try AtomicFile.write("new\n", to: folder + "/target") }
            #expect(FileTree.entries(folder) == ["target"])
            #expect(FileTree.entries(folder + "/target") == ["inside.txt"])
        }
    }

    @Test func missingFolderFailsWithOneLine() throws {
        try withScratchFolder { scratch in
            let path = scratch.file("no-such-folder/sub/a.txt")
            do {
                try AtomicFile.write("x", to: path)
                Issue.record("wrote into a missing folder")
            } catch let error as ReportWriteError {
                #expect(error.description.hasPrefix("cannot write '\(path)': "))
                #expect(!error.description.contains("\n"))
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    @Test func outputFolderIsCreatedAndChecked() throws {
        try withScratchFolder { scratch in
            let folder = scratch.path
            let output = try OutputFolder(preparing: folder + "/deep/er/")
            #expect(output.path == folder + "/deep/er")
            #expect(FileTree.entries(output.path).isEmpty, "the probe file is removed")
            #expect(OutputFolder.entries(folder + "/deep") == ["er"])
            try AtomicFile.write("x", to: folder + "/file")
            do {
                _ = try OutputFolder(preparing: folder + "/file/report")
                Issue.record("accepted a path through a regular file")
            } catch let error as ReportWriteError {
                #expect(error.reason == "'\(folder)/file' exists and is not a folder")
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import Reporter

/// Atomic writes and the report folder check. (Tests may run as root, who can write into a
/// read-only folder, so failures are provoked with paths that no permission bit can fix.)
@Suite struct AtomicFileTests {
    /// A fresh empty folder under /tmp.
    static func scratchFolder() -> String {
        var template = Array("/tmp/mpstudy-reporter-test-XXXXXX".utf8CString)
        let path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        return path
    }

    static func entries(_ folder: String) -> [String] { OutputFolder.entries(folder) }

    static func read(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        while true {
            let c = fgetc(file)
            if c == EOF { break }
            bytes.append(UInt8(c))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func replacesTheFileAndLeavesNoTemporary() throws {
        let folder = Self.scratchFolder()
        try AtomicFile.write("first\n", to: folder + "/a.txt")
        try AtomicFile.write("second\n", to: folder + "/a.txt", sync: true)
        #expect(Self.read(folder + "/a.txt") == "second\n")
        #expect(Self.entries(folder) == ["a.txt"])
    }

    /// The rename fails (the destination is a non-empty folder): the temporary file, which was
    /// written, must be gone and the destination untouched.
    @Test func failedRenameRemovesTheTemporary() throws {
        let folder = Self.scratchFolder()
        #expect(mkdir(folder + "/target", 0o755) == 0)
        try AtomicFile.write("keep\n", to: folder + "/target/inside.txt")
        #expect(throws: ReportWriteError.self) { try AtomicFile.write("new\n", to: folder + "/target") }
        #expect(Self.entries(folder) == ["target"])
        #expect(Self.entries(folder + "/target") == ["inside.txt"])
    }

    @Test func missingFolderFailsWithOneLine() {
        do {
            try AtomicFile.write("x", to: "/tmp/mpstudy-no-such-folder-for-tests/sub/a.txt")
            Issue.record("wrote into a missing folder")
        } catch {
            #expect(error.description.hasPrefix("cannot write '/tmp/mpstudy-no-such-folder-for-tests/sub/a.txt': "))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func outputFolderIsCreatedAndChecked() throws {
        let folder = Self.scratchFolder()
        let output = try OutputFolder(preparing: folder + "/deep/er/")
        #expect(output.path == folder + "/deep/er")
        #expect(Self.entries(output.path).isEmpty, "the probe file is removed")
        try AtomicFile.write("x", to: folder + "/file")
        do {
            _ = try OutputFolder(preparing: folder + "/file/report")
            Issue.record("accepted a path through a regular file")
        } catch {
            #expect(error.reason == "'\(folder)/file' exists and is not a folder")
        }
    }
}

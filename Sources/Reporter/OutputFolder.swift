//===--- OutputFolder.swift -----------------------------------------------===//
//
// The folder a run's report goes to, checked before any training starts.
//
//===----------------------------------------------------------------------===//

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A report folder known to be writable.
public struct OutputFolder: Sendable, Equatable {
    /// The folder path, without a trailing slash.
    public let path: String

    /// Creates `path` (and its parents) if needed and proves it writable by writing and
    /// removing a probe file, so that a run that could not save its report fails before it
    /// trains rather than after.
    public init(preparing path: String) throws(ReportWriteError) {
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard !trimmed.isEmpty else { throw ReportWriteError(path: path, reason: "empty path") }
        try Self.makeDirectories(trimmed)
        let probe = trimmed + "/.mpstudy-write-probe"
        try AtomicFile.write("probe\n", to: probe)
        if unlink(probe) != 0 { throw ReportWriteError(path: probe, reason: AtomicFile.lastError()) }
        self.path = trimmed
    }

    /// An existing folder, taken as it is (a folder the caller just created).
    init(existing path: String) {
        self.path = path
    }

    /// `name` inside the folder.
    public func file(_ name: String) -> String { path + "/" + name }

    /// The names in folder `path` (without `.` and `..`), sorted; empty if it cannot be read.
    static func entries(_ path: String) -> [String] { FolderTree.entries(path) ?? [] }

    /// `mkdir -p`: creates every missing component of `path`.
    static func makeDirectories(_ path: String) throws(ReportWriteError) {
        try FolderTree.makeDirectories(path)
    }
}

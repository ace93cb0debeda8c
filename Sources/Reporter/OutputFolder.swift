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

    /// `name` inside the folder.
    public func file(_ name: String) -> String { path + "/" + name }

    /// The names in folder `path` (without `.` and `..`), sorted; empty if it cannot be read.
    static func entries(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// `mkdir -p`: creates every missing component of `path`.
    static func makeDirectories(_ path: String) throws(ReportWriteError) {
        var current = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            current += component
            var info = stat()
            if stat(current, &info) == 0 {
                if (info.st_mode & S_IFMT) != S_IFDIR {
                    throw ReportWriteError(path: path, reason: "'\(current)' exists and is not a folder")
                }
            } else if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw ReportWriteError(path: path, reason: "cannot create '\(current)': \(AtomicFile.lastError())")
            }
            current += "/"
        }
    }
}

//===--- AtomicFile.swift -------------------------------------------------===//
//
// Writing a file so that readers see the old version or the new one, never half of it.
//
//===----------------------------------------------------------------------===//

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a report file could not be written; ``description`` is one line.
public struct ReportWriteError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot write '\(path)': \(reason)" }
}

/// Atomic file replacement: the bytes go to a temporary file in the destination's folder
/// (same file system, so the rename is atomic), optionally `fsync`ed, then renamed over the
/// destination. On any failure the temporary file is removed and the destination is left as
/// it was. The temporary is locked while it is written (``TemporaryEntry``), and temporaries
/// that killed processes left in the folder are removed first.
public enum AtomicFile {
    /// Prefix of the temporary files (`.mpstudy-tmp-<pid>-<n>-<name>`).
    public static let temporaryPrefix = TemporaryEntry.Kind.working.prefix

    /// Writes `bytes` to `path` atomically.
    public static func write(_ bytes: [UInt8], to path: String, sync: Bool = false) throws(ReportWriteError) {
        let (folder, name) = split(path)
        TemporaryEntry.removeAbandoned(in: folder.isEmpty ? "." : String(folder.dropLast()))
        var temporary = ""
        var descriptor: Int32 = -1
        for attempt in 0..<100 {
            temporary = folder + TemporaryEntry.name(.working, attempt: attempt, for: name)
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw ReportWriteError(path: path, reason: lastError()) }
        flock(descriptor, LOCK_EX | LOCK_NB)
        var failure: String?
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = posixWrite(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = lastError()
                    return
                }
                offset += written
            }
        }
        if failure == nil, sync, fsync(descriptor) != 0 { failure = lastError() }
        if close(descriptor) != 0, failure == nil { failure = lastError() }
        if failure == nil, rename(temporary, path) != 0 { failure = lastError() }
        if let failure {
            unlink(temporary)
            throw ReportWriteError(path: path, reason: failure)
        }
    }

    /// Writes `text` as UTF-8 to `path` atomically.
    public static func write(_ text: String, to path: String, sync: Bool = false) throws(ReportWriteError) {
        try write(Array(text.utf8), to: path, sync: sync)
    }

    /// ("dir/", "name") of "dir/name"; ("", "name") for a bare name.
    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }

    static func lastError() -> String { String(cString: strerror(errno)) }
}

/// The C `write` (inside ``AtomicFile`` the name means its own `write`).
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

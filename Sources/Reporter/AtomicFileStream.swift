//===--- AtomicFileStream.swift -------------------------------------------===//
//
// A file written atomically in pieces, for report files too large to hold in memory.
//
//===----------------------------------------------------------------------===//

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// ``AtomicFile`` for a file generated piece by piece: the pieces go through a ``TextSink``
/// (``makeSink()``) into a temporary file in the destination's folder, named as ``AtomicFile``
/// names its temporaries; ``commit(_:sync:)`` renames it over the destination. Until then the
/// destination is untouched; ``abandon()`` (or dropping the stream uncommitted) removes the
/// temporary file.
final class AtomicFileStream {
    let path: String
    private let temporary: String
    private let descriptor: Int32
    private var finished = false

    /// Opens a new temporary file next to `path`.
    init(path: String) throws(ReportWriteError) {
        let (folder, name) = AtomicFile.split(path)
        var temporary = ""
        var descriptor: Int32 = -1
        for attempt in 0..<100 {
            temporary = folder + AtomicFile.temporaryPrefix + "\(getpid())-s\(attempt)-" + name
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw ReportWriteError(path: path, reason: AtomicFile.lastError()) }
        self.path = path
        self.temporary = temporary
        self.descriptor = descriptor
    }

    /// A sink writing to the temporary file.
    func makeSink() -> TextSink { TextSink(descriptor: descriptor) }

    /// Writes what `sink` (made by ``makeSink()``) still buffers and renames the file over
    /// ``path``; on failure the temporary file is removed and ``path`` is left as it was.
    func commit(_ sink: inout TextSink, sync: Bool = false) throws(ReportWriteError) {
        precondition(!finished, "AtomicFileStream committed twice")
        finished = true
        sink.flush()
        var failure = sink.failure
        if failure == nil, sync, fsync(descriptor) != 0 { failure = AtomicFile.lastError() }
        if close(descriptor) != 0, failure == nil { failure = AtomicFile.lastError() }
        if failure == nil, rename(temporary, path) != 0 { failure = AtomicFile.lastError() }
        if let failure {
            unlink(temporary)
            throw ReportWriteError(path: path, reason: failure)
        }
    }

    /// Closes and removes the temporary file (nothing after ``commit(_:sync:)``).
    func abandon() {
        guard !finished else { return }
        finished = true
        close(descriptor)
        unlink(temporary)
    }

    deinit { abandon() }
}

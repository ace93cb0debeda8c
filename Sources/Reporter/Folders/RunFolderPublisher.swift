//===--- RunFolderPublisher.swift -----------------------------------------===//
//
// A run folder appears complete or not at all: built aside, then renamed into place.
//
//===----------------------------------------------------------------------===//

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Analyzer

/// Writes a run folder, with its compared runs' subfolders, as one unit: at every moment,
/// whatever kills the process, the destination is either what it was before (nothing, or the
/// old run folder with its subfolders) or the complete new run folder.
///
/// 1. The destination is checked again (``RunFolderTarget/check()``), the missing folders
///    above it are created and abandoned temporaries in its parent removed.
/// 2. Every file is written into a new, locked temporary folder beside the destination
///    (`.mpstudy-tmp-<pid>-<n>-<name>`, same parent, hence same file system), compared runs in
///    its subfolders; with `durable`, every file and folder is `fsync`ed.
/// 3. The commit, one atomic step: the temporary folder is renamed to the destination when
///    that does not exist (or is empty); an existing run folder is exchanged with it
///    (``FolderExchange``), so the old folder ends up under the temporary name.
/// 4. The old folder is removed.
///
/// A crash before 3 leaves the destination untouched and a temporary folder that the next
/// run removes (``TemporaryEntry``); a crash after 3 leaves the new folder and the old one
/// under a temporary name, also removed by the next run. On a file system that cannot
/// exchange two folders (NFS), step 3 is two renames, old folder aside
/// (`.mpstudy-old-<pid>-<n>-<name>`), new folder in; a crash between them leaves the
/// destination missing for a moment, and the next run renames the old folder back.
///
/// `shouldStop` is asked between the runs and before the commit: when it says yes (an
/// interrupt), everything written so far is removed and the destination stays as it was.
public enum RunFolderPublisher {
    /// One run of the unit: the primary run (subfolder "") or a compared run.
    public struct Entry: Sendable {
        /// "" for the run folder itself, else the compared run's subfolder (``RunFolderName``).
        public var subfolder: String
        public var record: RunRecord

        public init(subfolder: String, record: RunRecord) {
            self.subfolder = subfolder
            self.record = record
        }
    }

    public enum Outcome: Sendable, Equatable {
        /// The new run folder is in place.
        case published
        /// `shouldStop` said to stop: nothing was changed.
        case abandoned
    }

    /// Writes `entries` (the primary run first, subfolder "") as the run folder `target`.
    @discardableResult
    public static func publish(
        _ entries: [Entry], to target: RunFolderTarget, durable: Bool = false,
        shouldStop: () -> Bool = { false }
    ) throws(ReportWriteError) -> Outcome {
        try publish(entries, to: target, durable: durable, exchange: true, shouldStop: shouldStop)
    }

    /// ``publish(_:to:durable:shouldStop:)``; `exchange: false` takes the two-rename path of
    /// file systems without an atomic exchange (for tests).
    static func publish(
        _ entries: [Entry], to target: RunFolderTarget, durable: Bool, exchange: Bool,
        shouldStop: () -> Bool
    ) throws(ReportWriteError) -> Outcome {
        try checkSubfolders(entries, target: target)
        try target.check()
        let created = try FolderTree.makeDirectories(target.parent)
        target.removeAbandonedTemporaries()
        let temporary: (path: String, lock: Int32)
        do {
            temporary = try TemporaryEntry.makeFolder(in: target.parent, for: target.name)
        } catch {
            FolderTree.removeCreated(created)
            throw error
        }
        defer { close(temporary.lock) }
        func giveUp() {
            FolderTree.remove(temporary.path)
            FolderTree.removeCreated(created)
        }
        do throws(ReportWriteError) {
            for entry in entries {
                if shouldStop() {
                    giveUp()
                    return .abandoned
                }
                let folder = entry.subfolder.isEmpty ? temporary.path : temporary.path + "/" + entry.subfolder
                if !entry.subfolder.isEmpty && mkdir(folder, 0o755) != 0 {
                    throw ReportWriteError(path: folder, reason: AtomicFile.lastError())
                }
                try RunFolderWriter.write(entry.record, to: OutputFolder(existing: folder))
            }
            if durable { try syncTree(temporary.path) }
            if shouldStop() {
                giveUp()
                return .abandoned
            }
            try target.check()
            try commit(temporary.path, to: target, durable: durable, exchange: exchange)
        } catch {
            giveUp()
            throw error
        }
        return .published
    }

    /// Subfolders: plain names, each once, the primary run first.
    static func checkSubfolders(_ entries: [Entry], target: RunFolderTarget) throws(ReportWriteError) {
        guard entries.first?.subfolder == "" else {
            throw ReportWriteError(path: target.path, reason: "no primary run to write")
        }
        var seen: Set<String> = []
        for entry in entries.dropFirst() {
            if let problem = RunFolderName.problem(with: entry.subfolder) {
                throw ReportWriteError(
                    path: target.path, reason: "compared run folder '\(entry.subfolder)': \(problem)")
            }
            guard seen.insert(entry.subfolder).inserted else {
                throw ReportWriteError(
                    path: target.path, reason: "two compared runs in one folder '\(entry.subfolder)'")
            }
        }
    }

    /// Step 3 and 4 (see the type's documentation). Throws only while the destination is
    /// still the old one; once the new folder is in place, a failure to sync the parent or to
    /// remove the old folder (which the next run removes) is not an error.
    static func commit(_ temporary: String, to target: RunFolderTarget, durable: Bool, exchange: Bool)
        throws(ReportWriteError)
    {
        let destination = target.location
        func fail(_ reason: String) -> ReportWriteError { ReportWriteError(path: target.path, reason: reason) }
        // Nothing there, or an empty folder: one rename.
        if rename(temporary, destination) == 0 {
            if durable { try? FolderTree.sync(target.parent) }
            return
        }
        guard errno == ENOTEMPTY || errno == EEXIST else { throw fail(AtomicFile.lastError()) }
        // The old run folder, locked while it is replaced and removed, so that no other
        // process takes it for abandoned meanwhile.
        let oldLock = TemporaryEntry.lock(destination, folder: true)
        defer { if oldLock >= 0 { close(oldLock) } }
        if exchange {
            switch FolderExchange.exchange(temporary, destination) {
            case .exchanged:
                if durable { try? FolderTree.sync(target.parent) }
                FolderTree.remove(temporary)
                return
            case .failed(let reason):
                throw fail(reason)
            case .unsupported:
                break
            }
        }
        var aside = ""
        for attempt in 0..<100 {
            aside = target.parent + "/" + TemporaryEntry.name(.setAside, attempt: attempt, for: target.name)
            if FolderTree.kind(aside) == .missing { break }
        }
        guard rename(destination, aside) == 0 else { throw fail(AtomicFile.lastError()) }
        guard rename(temporary, destination) == 0 else {
            let reason = AtomicFile.lastError()
            rename(aside, destination)
            throw fail(reason)
        }
        if durable { try? FolderTree.sync(target.parent) }
        FolderTree.remove(aside)
    }

    /// `fsync` on every file and folder under `path`, the folders after their entries.
    static func syncTree(_ path: String) throws(ReportWriteError) {
        for name in FolderTree.entries(path) ?? [] {
            let entry = path + "/" + name
            switch FolderTree.kind(entry) {
            case .folder:
                try syncTree(entry)
            case .file:
                let descriptor = open(entry, O_RDONLY | O_CLOEXEC)
                guard descriptor >= 0 else { throw ReportWriteError(path: entry, reason: AtomicFile.lastError()) }
                let synced = fsync(descriptor) == 0
                let reason = AtomicFile.lastError()
                close(descriptor)
                guard synced else { throw ReportWriteError(path: entry, reason: reason) }
            default:
                break
            }
        }
        try FolderTree.sync(path)
    }
}

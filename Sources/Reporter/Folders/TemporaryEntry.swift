//===--- TemporaryEntry.swift ---------------------------------------------===//
//
// The temporaries mpstudy leaves beside what it writes, and how the abandoned ones are found.
//
//===----------------------------------------------------------------------===//

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// mpstudy's temporary entries, always in the folder of the file or folder they stand for
/// (so that renaming them into place is atomic):
///
/// - `.mpstudy-tmp-<pid>-<n>-<name>`: a file (``AtomicFile``) or a run folder
///   (``RunFolderPublisher``) being written, or, after a run folder was exchanged into
///   place, the old folder being removed;
/// - `.mpstudy-old-<pid>-<n>-<name>`: an old run folder set aside on a file system that
///   cannot exchange two folders atomically, until the new one is renamed in.
///
/// `<pid>` is the writing process and `<n>` counts attempts at a free name. The writer holds
/// an `flock` on the entry while it works. An entry is **abandoned** when nobody holds its lock
/// and its process is gone (or, in case the process id was reused, the entry is over an hour
/// old): it was left by a process that was killed or crashed. ``removeAbandoned(in:)`` removes
/// abandoned entries, except that a set-aside old run folder whose name is free again is
/// renamed back, because then the process died between the two renames and the old run is
/// the complete one.
enum TemporaryEntry {
    enum Kind: Equatable {
        case working, setAside

        var prefix: String {
            switch self {
            case .working: ".mpstudy-tmp-"
            case .setAside: ".mpstudy-old-"
            }
        }
    }

    /// Every name starting with this is mpstudy's (the prefix of both kinds).
    static let reservedPrefix = ".mpstudy-"
    /// Age in seconds after which an unlocked entry of a live process id counts as abandoned.
    static let abandonedAge = 3600

    /// One temporary's name, taken apart.
    struct Name: Equatable {
        var kind: Kind
        var owner: pid_t
        var attempt: Int
        /// The name of the file or folder it stands for.
        var original: String

        var text: String { kind.prefix + "\(owner)-\(attempt)-" + original }
    }

    /// The temporary name of `kind` for `original`, attempt `attempt`, of this process.
    static func name(_ kind: Kind, attempt: Int, for original: String) -> String {
        Name(kind: kind, owner: getpid(), attempt: attempt, original: original).text
    }

    /// `name` taken apart, or nil when it is not a temporary of either kind.
    static func parse(_ name: String) -> Name? {
        for kind in [Kind.working, .setAside] where name.hasPrefix(kind.prefix) {
            let fields = name.dropFirst(kind.prefix.count).split(
                separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, let owner = pid_t(fields[0]), owner > 0, let attempt = Int(fields[1]),
                attempt >= 0,
                !fields[2].isEmpty
            else { return nil }
            return Name(kind: kind, owner: owner, attempt: attempt, original: String(fields[2]))
        }
        return nil
    }

    /// Creates a new temporary folder for `original` in `parent` and locks it; returns its
    /// path and the locked descriptor (closing it releases the lock).
    static func makeFolder(in parent: String, for original: String) throws(ReportWriteError) -> (
        path: String, lock: Int32
    ) {
        for attempt in 0..<100 {
            let path = parent + "/" + name(.working, attempt: attempt, for: original)
            if mkdir(path, 0o755) != 0 {
                if errno == EEXIST { continue }
                throw ReportWriteError(path: path, reason: AtomicFile.lastError())
            }
            let descriptor = lock(path, folder: true)
            guard descriptor >= 0 else {
                let reason = AtomicFile.lastError()
                rmdir(path)
                throw ReportWriteError(path: path, reason: reason)
            }
            return (path, descriptor)
        }
        throw ReportWriteError(path: parent, reason: "no free temporary name")
    }

    /// Opens `path` and takes an exclusive `flock` on it (never blocking); the descriptor, or
    /// -1 when it cannot be opened or someone else holds the lock.
    static func lock(_ path: String, folder: Bool) -> Int32 {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | (folder ? O_DIRECTORY : 0))
        guard descriptor >= 0 else { return -1 }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return -1
        }
        return descriptor
    }

    /// Whether the temporary at `path`, named `name`, was abandoned (see the type's doc).
    static func isAbandoned(_ path: String, name: Name) -> Bool {
        guard name.owner != getpid() else { return false }
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR || kind == S_IFREG {
            let descriptor = lock(path, folder: kind == S_IFDIR)
            guard descriptor >= 0 else { return false }
            close(descriptor)
        }
        let alive = kill(name.owner, 0) == 0 || errno == EPERM
        guard alive else { return true }
        #if canImport(Darwin)
            let modified = info.st_mtimespec.tv_sec
        #else
            let modified = info.st_mtim.tv_sec
        #endif
        return Int(time(nil) - modified) > abandonedAge
    }

    /// Removes every abandoned temporary in `folder` (a missing or unreadable folder has
    /// none), renaming a set-aside run folder back to its name when that name is free.
    static func removeAbandoned(in folder: String) {
        for entry in FolderTree.entries(folder) ?? [] where entry.hasPrefix(reservedPrefix) {
            guard let name = parse(entry) else { continue }
            let path = folder + "/" + entry
            guard isAbandoned(path, name: name) else { continue }
            if name.kind == .setAside, FolderTree.kind(folder + "/" + name.original) == .missing,
                rename(path, folder + "/" + name.original) == 0
            {
                continue
            }
            FolderTree.remove(path)
        }
    }
}

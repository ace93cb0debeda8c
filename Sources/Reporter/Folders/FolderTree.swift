//===--- FolderTree.swift -------------------------------------------------===//
//
// The POSIX folder operations the report writers need: list, create, remove, sync.
//
//===----------------------------------------------------------------------===//

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Folder operations on POSIX calls. Nothing here follows a symbolic link it finds inside a
/// folder: a link is an entry like a file (removed, never entered).
enum FolderTree {
    /// What is at a path, without following a final symbolic link.
    enum Kind: Equatable {
        case missing, folder, file, link, other
    }

    /// The kind of entry at `path` (`lstat`).
    static func kind(_ path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFREG: return .file
        case S_IFLNK: return .link
        default: return .other
        }
    }

    /// The names in folder `path` (without `.` and `..`), sorted; nil if it cannot be read.
    static func entries(_ path: String) -> [String]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// `mkdir -p`: creates every missing component of `path`; returns the folders it
    /// created, outermost first (so that a caller giving up can remove them again with
    /// ``removeCreated(_:)``).
    @discardableResult
    static func makeDirectories(_ path: String) throws(ReportWriteError) -> [String] {
        var current = path.hasPrefix("/") ? "/" : ""
        var created: [String] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            current += component
            var info = stat()
            if stat(current, &info) == 0 {
                if (info.st_mode & S_IFMT) != S_IFDIR {
                    removeCreated(created)
                    throw ReportWriteError(path: path, reason: "'\(current)' exists and is not a folder")
                }
            } else if mkdir(current, 0o755) == 0 {
                created.append(current)
            } else if errno != EEXIST {
                let reason = "cannot create '\(current)': \(AtomicFile.lastError())"
                removeCreated(created)
                throw ReportWriteError(path: path, reason: reason)
            }
            current += "/"
        }
        return created
    }

    /// Removes the folders `makeDirectories` created, innermost first, each only if it is
    /// (still) empty.
    static func removeCreated(_ created: [String]) {
        for folder in created.reversed() { rmdir(folder) }
    }

    /// Removes `path` and, if it is a folder, everything under it (links removed, not
    /// followed). Returns false when something could not be removed; an entry that vanished
    /// meanwhile (another process cleaning up too) counts as removed.
    @discardableResult
    static func remove(_ path: String) -> Bool {
        switch kind(path) {
        case .missing:
            return true
        case .folder:
            var removed = true
            for name in entries(path) ?? [] where !remove(path + "/" + name) { removed = false }
            return rmdir(path) == 0 || errno == ENOENT ? removed : false
        default:
            return unlink(path) == 0 || errno == ENOENT
        }
    }

    /// `fsync` on a folder, so that the entries created in it survive a power cut.
    static func sync(_ path: String) throws(ReportWriteError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReportWriteError(path: path, reason: AtomicFile.lastError()) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 || errno == EINVAL else {
            throw ReportWriteError(path: path, reason: AtomicFile.lastError())
        }
    }

    /// The canonical absolute path of an existing `path` (symbolic links resolved), or nil.
    static func canonical(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// ("dir", "name") of "dir/name" (without the slash); (".", "name") for a bare name and
    /// ("/", "name") for "/name".
    static func split(_ path: String) -> (parent: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let parent = slash == path.startIndex ? "/" : String(path[..<slash])
        return (parent, String(path[path.index(after: slash)...]))
    }
}

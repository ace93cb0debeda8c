//===--- RunFolderTarget.swift --------------------------------------------===//
//
// Where a run folder will go, checked before any work and without creating anything.
//
//===----------------------------------------------------------------------===//

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The destination of a run folder (`--output`), checked when the command starts (before
/// the data is loaded or anything trained) without creating anything, and again just before
/// the new folder is put in place:
///
/// - it must not exist, or be an empty folder, or be an mpstudy folder (``RunFolderContents``)
///   of the ``kind`` to be written, which is then replaced as a whole; any other folder is
///   refused, so no file of the user's is ever overwritten or deleted, and no report becomes a
///   capture folder by a mistyped path;
/// - the folder it goes into (or the nearest existing folder above it, when folders are still
///   to be created) must be writable;
/// - it must not be the working folder or hold it (the run folder is replaced by renaming, so
///   a shell inside it would be left in the removed old folder);
/// - its name must not start with `.mpstudy-` (mpstudy's temporaries) and must leave room
///   for the temporary names built from it.
///
/// A symbolic link to a folder stands for the folder it points to (that folder is replaced,
/// the link is kept). Relative paths are resolved against the working folder once, here.
public struct RunFolderTarget: Sendable, Equatable {
    /// The path as given, without trailing slashes: what messages and the output show.
    public let path: String
    /// The canonical absolute path of the folder the run folder goes into (it may not exist yet).
    public let parent: String
    /// The run folder's name inside ``parent``.
    public let name: String
    /// The kind of folder that goes there: only an mpstudy folder of this kind is replaced.
    public let kind: ReportFolderKind

    /// The longest accepted name, in UTF-8 bytes (a temporary name adds up to 40 to it, and
    /// file systems allow 255).
    public static let maximumNameLength = 200

    /// The canonical absolute path of the run folder.
    public var location: String { (parent == "/" ? "" : parent) + "/" + name }

    /// Checks `path` as a destination of a folder of `kind` (see the type's documentation).
    public init(checking path: String, for kind: ReportFolderKind = .run) throws(ReportWriteError) {
        self.kind = kind
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard !trimmed.isEmpty else { throw ReportWriteError(path: path, reason: "empty path") }
        self.path = trimmed
        func refuse(_ reason: String) -> ReportWriteError { ReportWriteError(path: trimmed, reason: reason) }

        let parent: String
        let name: String
        if FolderTree.kind(trimmed) != .missing {
            guard let canonical = FolderTree.canonical(trimmed) else { throw refuse(AtomicFile.lastError()) }
            guard FolderTree.kind(canonical) == .folder else { throw refuse("it exists and is not a folder") }
            guard canonical != "/" else { throw refuse("the root folder cannot be a run folder") }
            (parent, name) = FolderTree.split(canonical)
            if let working = FolderTree.canonical("."), working == canonical || working.hasPrefix(canonical + "/") {
                throw refuse(
                    "it is the working folder or holds it; run mpstudy from outside it (the folder is replaced as a whole)"
                )
            }
        } else {
            var missingName = ""
            (parent, missingName) = try Self.resolveMissing(trimmed)
            name = missingName
        }
        guard !name.hasPrefix(TemporaryEntry.reservedPrefix) else {
            throw refuse("names starting with '\(TemporaryEntry.reservedPrefix)' are mpstudy's temporary files")
        }
        guard name.utf8.count <= Self.maximumNameLength else {
            throw refuse("the name is longer than \(Self.maximumNameLength) bytes")
        }
        self.parent = parent
        self.name = name
        try check()
    }

    /// (canonical parent, name) of a path that does not exist yet: the nearest existing folder
    /// above it, canonical, followed by the components still to be created.
    private static func resolveMissing(_ path: String) throws(ReportWriteError) -> (String, String) {
        let (given, name) = FolderTree.split(path)
        var missing: [String] = []
        var current = given
        while FolderTree.kind(current) == .missing {
            let (up, last) = FolderTree.split(current)
            missing.insert(last, at: 0)
            current = up
        }
        for component in missing + [name] where component.isEmpty || component == "." || component == ".." {
            throw ReportWriteError(path: path, reason: "'\(component)' after a folder that does not exist yet")
        }
        guard let existing = FolderTree.canonical(current), FolderTree.kind(existing) == .folder else {
            throw ReportWriteError(path: path, reason: "'\(current)' exists and is not a folder")
        }
        guard access(existing, W_OK | X_OK) == 0 else {
            throw ReportWriteError(
                path: path, reason: "cannot create folders in '\(current)': \(AtomicFile.lastError())")
        }
        let parent = ([existing == "/" ? "" : existing] + missing).joined(separator: "/")
        return (parent.isEmpty ? "/" : parent, name)
    }

    /// Checks what is at the destination now: nothing, an empty folder or a run folder, in a
    /// writable folder. Run when the command starts and again just before the new folder is
    /// renamed into place (the old one may have changed during a long training).
    public func check() throws(ReportWriteError) {
        switch FolderTree.kind(location) {
        case .missing:
            break
        case .folder:
            if (FolderTree.entries(location) ?? [""]).isEmpty { break }
            let found = ReportFolderKind.of(names: FolderTree.entries(location) ?? [])
            if let problem = RunFolderContents.problem(in: location) {
                throw ReportWriteError(
                    path: path,
                    reason:
                        "it is not empty and not \(kind.phrase) (\(found == kind ? problem : "it has no \(kind.marker)")); "
                        + "give a new or empty folder, or \(kind.shortPhrase) mpstudy wrote (which is replaced as a whole)"
                )
            }
            if found != kind {
                throw ReportWriteError(
                    path: path,
                    reason:
                        "it is \(found.phrase), not \(kind.phrase); give a new or empty folder, or \(kind.shortPhrase) mpstudy wrote"
                )
            }
        default:
            throw ReportWriteError(path: path, reason: "it exists and is not a folder")
        }
        if FolderTree.kind(parent) == .folder, access(parent, W_OK | X_OK) != 0 {
            throw ReportWriteError(path: path, reason: "cannot write in '\(parent)': \(AtomicFile.lastError())")
        }
    }

    /// Removes the temporaries that killed or crashed mpstudy processes left in ``parent``
    /// (``TemporaryEntry/removeAbandoned(in:)``); commands call it when they start, and
    /// ``RunFolderPublisher`` again before it writes.
    public func removeAbandonedTemporaries() {
        TemporaryEntry.removeAbandoned(in: parent)
    }
}

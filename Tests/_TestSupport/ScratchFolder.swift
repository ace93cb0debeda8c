#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fresh, empty folder for one test, under `$TMPDIR` (or `/tmp`), named
/// `<prefix>-XXXXXX` by `mkdtemp` so that tests running in parallel never share one.
///
/// Use ``withScratchFolder(prefix:_:)``, which removes the folder and everything in it when
/// the test's body returns or throws, so a test run leaves nothing behind in the temporary
/// folder. (`ScratchFolder` itself does not remove anything on its own: a value type has no
/// deinitializer, and a folder removed behind a copy's back would surprise.)
public struct ScratchFolder: Sendable {
    /// The folder's absolute path, without a trailing slash.
    public let path: String

    /// Creates the folder; throws when the temporary folder is not writable.
    public init(prefix: String = "mpstudy-test") throws(ScratchFolderError) {
        let base = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let trimmed = base.hasSuffix("/") && base.count > 1 ? String(base.dropLast()) : base
        var template = Array("\(trimmed)/\(prefix)-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let result = mkdtemp(buffer.baseAddress!) else { return nil }
            return String(cString: result)
        }
        guard let created else { throw ScratchFolderError(base: trimmed, code: errno) }
        path = created
    }

    /// The path of `relative` (a file or folder name, or a relative path) inside the folder.
    public func file(_ relative: String) -> String { path + "/" + relative }

    /// Removes the folder and everything under it (symbolic links are removed, not followed).
    public func remove() { FileTree.remove(path) }
}

/// The temporary folder refused a new scratch folder.
public struct ScratchFolderError: Error, CustomStringConvertible {
    public let base: String
    public let code: Int32
    public var description: String { "cannot create a scratch folder in \(base): \(String(cString: strerror(code)))" }
}

/// Runs `body` with a fresh ``ScratchFolder`` and removes the folder afterwards, whether
/// `body` returns or throws.
public func withScratchFolder<Result>(
    prefix: String = "mpstudy-test", _ body: (ScratchFolder) throws -> Result
) throws -> Result {
    let folder = try ScratchFolder(prefix: prefix)
    defer { folder.remove() }
    return try body(folder)
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Small file-system helpers for tests, on POSIX calls only (no Foundation), so that the
/// helpers do not depend on the code they help to test.
public enum FileTree {
    /// Writes `bytes` to `path`, replacing any file there.
    public static func write(_ bytes: [UInt8], to path: String) throws(FileTreeError) {
        guard let file = fopen(path, "wb") else { throw FileTreeError(path: path, code: errno) }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        let closed = fclose(file)
        guard written == bytes.count, closed == 0 else { throw FileTreeError(path: path, code: errno) }
    }

    /// Writes `text` as UTF-8 to `path`.
    public static func write(_ text: String, to path: String) throws(FileTreeError) {
        try write(Array(text.utf8), to: path)
    }

    /// The bytes of the file at `path`, or nil if it cannot be opened.
    public static func read(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }

    /// The text of the file at `path` (UTF-8, invalid bytes replaced), or nil.
    public static func text(_ path: String) -> String? {
        read(path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether anything (file, folder, link) exists at `path`.
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// The names in `folder`, without `.` and `..`, sorted; empty if it cannot be read.
    public static func entries(_ folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Every regular file under `folder`, by path relative to it, with its bytes.
    public static func files(under folder: String) -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        func walk(_ relative: String) {
            let path = relative.isEmpty ? folder : folder + "/" + relative
            for name in entries(path) {
                let child = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(folder + "/" + child, &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFDIR {
                    walk(child)
                } else if info.st_mode & S_IFMT == S_IFREG {
                    result[child] = read(folder + "/" + child)
                }
            }
        }
        walk("")
        return result
    }

    /// Creates the folder `path` (its parent must exist).
    public static func makeFolder(_ path: String) throws(FileTreeError) {
        guard mkdir(path, 0o755) == 0 else { throw FileTreeError(path: path, code: errno) }
    }

    /// Removes `path` and, if it is a folder, everything under it; links are removed, not followed.
    public static func remove(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFDIR {
            for name in entries(path) { remove(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}

/// A file or folder could not be written.
public struct FileTreeError: Error, CustomStringConvertible {
    public let path: String
    public let code: Int32
    public var description: String { "cannot write \(path): \(String(cString: strerror(code)))" }
}

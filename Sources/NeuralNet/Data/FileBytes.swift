//===--- FileBytes.swift --------------------------------------------------===//
//
// Whole-file reads with typed errors.
//
//===----------------------------------------------------------------------===//

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads files into memory, mapping every failure to a ``DatasetError``.
public enum FileBytes {
    /// Whether `path` exists and is a directory.
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Whether `path` exists (file, directory or anything else).
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// The bytes of the file at `path`; a file larger than `maximumBytes` is refused before
    /// anything is read (``DatasetError/fileTooLarge(path:bytes:limit:)``).
    public static func read(_ path: String, maximumBytes: Int = Int.max) throws(DatasetError) -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { throw .fileNotFound(path: path) }
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) != S_IFDIR else { throw .unreadable(path: path, reason: "is a directory") }
        // A FIFO or a device could block or never end: only regular files are data.
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .unreadable(path: path, reason: "not a regular file") }
        guard Int(info.st_size) <= maximumBytes else {
            throw .fileTooLarge(path: path, bytes: Int(info.st_size), limit: maximumBytes)
        }
        guard let file = fopen(path, "rb") else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while bytes.count <= maximumBytes {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
            if n < chunk.count {
                if ferror(file) != 0 { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
                break
            }
        }
        // A file that grew while it was read (or a device that never ends) stops at the limit.
        if bytes.count > maximumBytes { throw .fileTooLarge(path: path, bytes: bytes.count, limit: maximumBytes) }
        return bytes
    }
}

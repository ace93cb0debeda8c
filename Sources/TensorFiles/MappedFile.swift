//===--- MappedFile.swift -------------------------------------------------===//
//
// A whole file mapped read-only into memory, unmapped when the last reference goes.
//
//===----------------------------------------------------------------------===//

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes of a regular file, memory-mapped read-only (`mmap(PROT_READ, MAP_PRIVATE)`), so a
/// gigabyte tensor file costs address space, not a copy. Tensors keep a reference to it for as
/// long as they borrow its bytes.
public final class MappedFile: @unchecked Sendable {
    // @unchecked: the mapping is read-only and never changes after init.

    /// The path it was opened by, for messages.
    public let path: String
    /// The whole file.
    public let bytes: UnsafeRawBufferPointer

    /// Maps the regular file at `path`; a missing file, a directory, a device or a FIFO is
    /// refused with one line.
    public init(path: String) throws(TensorFileError) {
        self.path = path
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw TensorFileError(path: path, errno == ENOENT ? "no such file" : String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw TensorFileError(
                path: path, (info.st_mode & S_IFMT) == S_IFDIR ? "is a directory" : "not a regular file")
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw TensorFileError(path: path, String(cString: strerror(errno))) }
        defer { close(fd) }
        // The size of the open file, not of the name looked up above (it may have been replaced).
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw TensorFileError(path: path, "not a regular file")
        }
        let size = Int(info.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            throw TensorFileError(path: path, "cannot map: \(String(cString: strerror(errno)))")
        }
        bytes = UnsafeRawBufferPointer(start: base, count: size)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }

    /// The file's size in bytes.
    public var count: Int { bytes.count }
}

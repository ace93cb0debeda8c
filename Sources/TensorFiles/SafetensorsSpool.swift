//===--- SafetensorsSpool.swift -------------------------------------------===//
//
// A safetensors file written from tensors that arrive one at a time, never all in memory.
//
//===----------------------------------------------------------------------===//

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a float32 safetensors file whose tensors arrive one at a time (a training step's, as
/// the layers compute them) and are too large to hold together: each tensor's bytes go at once
/// to a spool file beside the destination (`.<name>.spool`); ``finish(metadata:)`` writes the
/// header of ``SafetensorsWriter`` and copies the spooled bytes after it in the header's data
/// order into `.<name>.partial`, renames that to the destination and removes the spool. Until
/// then the destination does not exist, so no half-written file ever carries its name.
public final class SafetensorsSpool {
    /// The file being written.
    public let path: String
    private let spoolPath: String
    private let partialPath: String
    private var descriptor: Int32
    private var entries: [SafetensorsWriter.Entry] = []
    private var offsets: [Int] = []
    private var spooled = 0

    /// Starts the file `path` (its spool is created, replacing a stale one).
    public init(path: String) throws(TensorFileError) {
        self.path = path
        let (folder, name) = Self.split(path)
        spoolPath = folder + "." + name + ".spool"
        partialPath = folder + "." + name + ".partial"
        descriptor = open(spoolPath, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw TensorFileError(path: spoolPath, Self.lastError()) }
    }

    deinit { discard() }

    /// Names spooled so far.
    public var names: [String] { entries.map(\.name) }

    /// Spools `values` as the float32 tensor `name` of `shape` (whose product must be the count).
    public func append(name: String, shape: [Int], values: UnsafeBufferPointer<Float>) throws(TensorFileError) {
        guard descriptor >= 0 else { throw TensorFileError(path: path, tensor: name, "the file is already finished") }
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == values.count else {
            throw TensorFileError(path: path, tensor: name, "shape \(shape) does not hold \(values.count) values")
        }
        guard !entries.contains(where: { $0.name == name }) else {
            throw TensorFileError(path: path, tensor: name, "a second tensor of this name")
        }
        var chunk: [UInt8] = []
        var start = 0
        while start < values.count {
            let end = min(values.count, start + (1 << 18))
            chunk.removeAll(keepingCapacity: true)
            SafetensorsWriter.appendElements(
                UnsafeBufferPointer(rebasing: values[start..<end]), as: .float32, to: &chunk)
            try Self.writeAll(descriptor, chunk, count: chunk.count, path: spoolPath)
            start = end
        }
        entries.append(SafetensorsWriter.Entry(name: name, dtype: .float32, shape: shape))
        offsets.append(spooled)
        spooled += values.count * 4
    }

    /// Writes the file: header, then the spooled bytes in the header's order; renames it into
    /// place and removes the spool.
    public func finish(metadata: [String: String] = [:]) throws(TensorFileError) {
        guard descriptor >= 0 else { throw TensorFileError(path: path, "the file is already finished") }
        let header = try SafetensorsWriter.header(entries, metadata: metadata)
        let output = open(partialPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard output >= 0 else { throw TensorFileError(path: partialPath, Self.lastError()) }
        do throws(TensorFileError) {
            try Self.writeAll(output, header, count: header.count, path: partialPath)
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            for index in SafetensorsWriter.dataOrder(entries) {
                var position = offsets[index]
                let end = position + entries[index].byteCount
                while position < end {
                    let want = min(buffer.count, end - position)
                    let got = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, want, off_t(position)) }
                    guard got > 0 else {
                        throw TensorFileError(path: spoolPath, got == 0 ? "shorter than written" : Self.lastError())
                    }
                    try Self.writeAll(output, buffer, count: got, path: partialPath)
                    position += got
                }
            }
            guard close(output) == 0 else { throw TensorFileError(path: partialPath, Self.lastError()) }
        } catch {
            close(output)
            unlink(partialPath)
            throw error
        }
        guard rename(partialPath, path) == 0 else {
            let reason = Self.lastError()
            unlink(partialPath)
            throw TensorFileError(path: path, reason)
        }
        discard()
    }

    /// Removes the spool (and a partial file); the destination is left as it is.
    public func discard() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
            unlink(spoolPath)
        }
        unlink(partialPath)
    }

    /// (folder with its trailing `/`, or "", file name) of `path`.
    static func split(_ path: String) -> (String, String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }

    /// Writes the first `count` bytes of `bytes` to `descriptor`, retrying short writes.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], count: Int, path: String) throws(TensorFileError) {
        let failed = bytes.withUnsafeBytes { raw -> Bool in
            var done = 0
            while done < count {
                let n = write(descriptor, raw.baseAddress! + done, count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return true }
                done += n
            }
            return false
        }
        if failed { throw TensorFileError(path: path, lastError()) }
    }

    static func lastError() -> String { String(cString: strerror(errno)) }
}

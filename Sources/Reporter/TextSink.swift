//===--- TextSink.swift ---------------------------------------------------===//
//
// Where a report file's text goes while it is generated: to a file in large writes, or to
// memory (for the writers' String forms).
//
//===----------------------------------------------------------------------===//

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A byte buffer that a file's generator appends to. Writing to a file, it is flushed to the
/// descriptor whenever it holds ``flushThreshold`` bytes, so a report file of any size costs a
/// megabyte of memory; kept in memory, ``text`` is the whole file.
///
/// A failed write is remembered (``failure``) and later writes are dropped: generators append
/// without checking, the owner checks once at the end (``AtomicFileStream/commit(_:sync:)``).
/// A value type passed `inout`, so that the appends of a large file need no runtime
/// exclusivity checks.
struct TextSink {
    /// Bytes not yet written (all of them, in memory).
    private(set) var bytes: [UInt8] = []
    /// The file descriptor, or -1 to keep the bytes.
    private let descriptor: Int32
    /// Why writing failed (nil while it has not).
    private(set) var failure: String?

    static let flushThreshold = 1 << 20

    /// A sink that keeps its bytes.
    init() {
        descriptor = -1
    }

    /// A sink writing to `descriptor` (which the caller owns and closes).
    init(descriptor: Int32) {
        self.descriptor = descriptor
        bytes.reserveCapacity(Self.flushThreshold + 4096)
    }

    /// What was written, as UTF-8 text (a sink that keeps its bytes).
    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
        flushIfFull()
    }

    mutating func write(_ byte: UInt8) {
        bytes.append(byte)
    }

    mutating func write(_ raw: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: raw)
        flushIfFull()
    }

    /// A CSV row: the cells' text separated by commas, then a newline.
    mutating func writeRow(_ cells: [CSVField]) {
        for (i, cell) in cells.enumerated() {
            if i > 0 { write(UInt8(ascii: ",")) }
            write(cell.text)
        }
        write(UInt8(ascii: "\n"))
    }

    private mutating func flushIfFull() {
        if descriptor >= 0 && bytes.count >= Self.flushThreshold { flush() }
    }

    /// Writes the buffered bytes to the file (nothing for a sink that keeps its bytes).
    mutating func flush() {
        guard descriptor >= 0 else { return }
        defer { bytes.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        let descriptor = self.descriptor
        failure = bytes.withUnsafeBytes { raw -> String? in
            var offset = 0
            while offset < raw.count {
                let written = posixWrite(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += written
            }
            return nil
        }
    }
}

/// The C `write`.
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

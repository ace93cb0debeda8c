//===--- GzipInflater.swift -----------------------------------------------===//
//
// gzip decompression on demand, so that a reader stops at the size a header announces.
//
//===----------------------------------------------------------------------===//

import CZlib

/// Inflates a gzip file (RFC 1952, concatenated members as `gzip -d` does) a piece at a time.
///
/// A reader asks for exactly the bytes it expects (an IDX header, then the data its dimensions
/// announce) and so never holds more than that in memory: a small file that inflates to
/// gigabytes of zeros costs nothing beyond what its header claims. The `z_stream` lives at a
/// fixed address for its whole life, as zlib requires (it keeps a pointer back to it).
final class GzipInflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: [UInt8]
    private var consumed = 0
    /// The file the bytes came from, for messages.
    let path: String
    /// True once the last member's end marker (and CRC check) has been read.
    private(set) var finished = false

    /// Starts inflating `bytes` (the whole compressed file) read from `path`.
    init(_ bytes: [UInt8], path: String) throws(DatasetError) {
        guard Gzip.hasMagic(bytes) else { throw .notGzip(path: path) }
        self.input = bytes
        self.path = path
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 15 + 16: a gzip wrapper with the largest window.
        guard inflateInit2_(stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            let detail = stream.pointee.msg.map { String(cString: $0) } ?? "inflateInit2 failed"
            stream.deallocate()
            throw .corruptGzip(path: path, detail: "zlib could not start: \(detail)")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// Fills `buffer` from the start; returns how many bytes were written, fewer than its size
    /// only when the compressed stream has ended.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(DatasetError) -> Int {
        var produced = 0
        while produced < buffer.count && !finished {
            let inChunk = min(input.count - consumed, Int(UInt32.max))
            let outChunk = min(buffer.count - produced, Int(UInt32.max))
            let status: Int32 = input.withUnsafeBufferPointer { source in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress! + consumed)
                stream.pointee.avail_in = uInt(inChunk)
                stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self) + produced
                stream.pointee.avail_out = uInt(outChunk)
                return inflate(stream, Z_NO_FLUSH)
            }
            consumed += inChunk - Int(stream.pointee.avail_in)
            produced += outChunk - Int(stream.pointee.avail_out)
            switch status {
            case Z_STREAM_END:
                if consumed == input.count {
                    finished = true
                } else if input.count - consumed >= 2 && input[consumed] == 0x1F && input[consumed + 1] == 0x8B {
                    inflateReset(stream)  // another gzip member follows
                } else {
                    throw .corruptGzip(
                        path: path, detail: "\(input.count - consumed) bytes of trailing garbage after the gzip stream")
                }
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                // No progress with output space left: the input ended before the end marker.
                throw .truncatedGzip(path: path)
            default:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw .corruptGzip(path: path, detail: detail)
            }
        }
        return produced
    }

    /// Up to `count` more bytes (fewer at the end of the stream), grown as they arrive, so that
    /// memory follows what the stream really holds, not what a header claims.
    func read(upTo count: Int) throws(DatasetError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(count, 1 << 24))
        let piece = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, min(count, 1 << 20)), alignment: 16)
        defer { piece.deallocate() }
        while bytes.count < count && !finished {
            let want = min(piece.count, count - bytes.count)
            let got = try read(into: UnsafeMutableRawBufferPointer(rebasing: piece[0..<want]))
            bytes.append(contentsOf: piece[0..<got])
        }
        return bytes
    }

    /// Reads and discards what is left, counting at most `limit` bytes (so a stream that
    /// inflates to gigabytes is not inflated to the end); returns the count, capped at `limit`.
    func skipRest(limit: Int) throws(DatasetError) -> Int {
        var skipped = 0
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { scratch.deallocate() }
        while !finished && skipped < limit {
            skipped += try read(into: scratch)
        }
        return min(skipped, limit)
    }
}

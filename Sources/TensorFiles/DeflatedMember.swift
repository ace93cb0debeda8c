//===--- DeflatedMember.swift ---------------------------------------------===//
//
// A deflated zip member, inflated through zlib with its output bounded.
//
//===----------------------------------------------------------------------===//

import CZlib

/// A deflated member of a mapped zip file. Inflating it (raw deflate, RFC 1951) never
/// produces more than its declared uncompressed size, which the reader has already checked
/// against what the member's .npy header needs; the buffer grows only as bytes really arrive,
/// so a zip bomb (a tiny member that claims or yields gigabytes) costs no more memory than it
/// truly inflates to before it is refused with one line.
struct DeflatedMember: Sendable {
    let file: MappedFile
    let member: ZipMember

    /// Deflate cannot expand by more than about 1032:1 (a 258-byte match costs at least two
    /// bits of Huffman code, taking the block overhead into account); a member declaring more
    /// is not a valid deflate stream of that size.
    static let maximumRatio = 1032

    /// Whether the declared sizes could be a real deflate stream.
    var ratioIsPossible: Bool {
        let (bound, overflow) = member.compressedSize.multipliedReportingOverflow(by: Self.maximumRatio)
        return overflow || member.uncompressedSize <= bound + 1024
    }

    /// The first `count` inflated bytes (fewer if the member is shorter): enough to read an
    /// .npy header without inflating the data.
    func prefix(_ count: Int, tensor: String) throws(TensorFileError) -> [UInt8] {
        try inflate(upTo: min(count, member.uncompressedSize), whole: false, tensor: tensor)
    }

    /// All the inflated bytes, exactly the declared size, CRC-32 checked.
    func inflated(tensor: String) throws(TensorFileError) -> [UInt8] {
        let bytes = try inflate(upTo: member.uncompressedSize, whole: true, tensor: tensor)
        let crc = bytes.withUnsafeBufferPointer { b in
            var c: UInt = crc32(0, nil, 0)
            var offset = 0
            while offset < b.count {
                let n = min(b.count - offset, Int(UInt32.max))
                c = crc32(c, b.baseAddress! + offset, uInt(n))
                offset += n
            }
            return UInt32(truncatingIfNeeded: c)
        }
        guard crc == member.crc32 else {
            throw TensorFileError(path: file.path, tensor: tensor, "CRC-32 mismatch: the member's data is corrupt")
        }
        return bytes
    }

    /// Inflates up to `limit` bytes; with `whole`, the stream must end exactly there.
    private func inflate(upTo limit: Int, whole: Bool, tensor: String) throws(TensorFileError) -> [UInt8] {
        func fail(_ problem: String) -> TensorFileError { TensorFileError(path: file.path, tensor: tensor, problem) }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        // -15: raw deflate (zip members have no zlib or gzip wrapper), the largest window.
        guard inflateInit2_(stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw fail("zlib could not start")
        }
        defer { inflateEnd(stream) }
        let input = UnsafeRawBufferPointer(
            rebasing: file.bytes[member.dataOffset..<member.dataOffset + member.compressedSize])
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, 1 << 24))
        let piece = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 20)
        defer { piece.deallocate() }
        var consumed = 0
        var ended = false
        while !ended && (output.count < limit || whole) {
            let inChunk = min(input.count - consumed, Int(UInt32.max))
            // With `whole`, one byte more than the limit is asked for, to notice a longer stream.
            let want = min(1 << 20, max(1, limit - output.count + (whole ? 1 : 0)))
            stream.pointee.next_in = UnsafeMutablePointer(
                mutating: (input.baseAddress ?? UnsafeRawPointer(piece)).assumingMemoryBound(to: UInt8.self) + consumed)
            stream.pointee.avail_in = uInt(inChunk)
            stream.pointee.next_out = piece
            stream.pointee.avail_out = uInt(want)
            let status = CZlib.inflate(stream, Z_NO_FLUSH)
            consumed += inChunk - Int(stream.pointee.avail_in)
            let produced = want - Int(stream.pointee.avail_out)
            guard output.count + produced <= limit || !whole else {
                throw fail(
                    "inflates to more than its declared \(member.uncompressedSize) bytes (a zip bomb or corrupt)")
            }
            output.append(contentsOf: UnsafeBufferPointer(start: piece, count: min(produced, limit - output.count)))
            switch status {
            case Z_STREAM_END: ended = true
            case Z_OK: continue
            case Z_BUF_ERROR:
                throw fail("truncated deflate stream (ends after \(output.count) of \(member.uncompressedSize) bytes)")
            default:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw fail("corrupt deflate stream: \(detail)")
            }
        }
        if whole {
            guard output.count == limit else {
                throw fail("inflates to \(output.count) bytes, its declared size is \(member.uncompressedSize)")
            }
            guard consumed == input.count else {
                throw fail("\(input.count - consumed) compressed bytes after the end of the deflate stream")
            }
        }
        return output
    }
}

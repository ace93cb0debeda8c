//===--- Gzip.swift -------------------------------------------------------===//
//
// gzip decompression through zlib (the CZlib system library).
//
//===----------------------------------------------------------------------===//

import CZlib

/// Decompresses gzip files (RFC 1952) with zlib's `inflate`.
public enum Gzip {
    /// Whether `bytes` start with the gzip magic bytes `1f 8b`.
    public static func hasMagic(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// `bytes` compressed as one gzip member (zlib level 6, as `gzip` by default). Used to
    /// write test fixtures and derived data files.
    public static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        // 15 + 16: gzip wrapper; memLevel 8 and the default strategy, as gzip.
        guard deflateInit2_(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                            zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            preconditionFailure("zlib deflateInit2 failed")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 64)
        var input = bytes
        let status = input.withUnsafeMutableBufferPointer { inp in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = inp.baseAddress
                stream.avail_in = uInt(inp.count)
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        precondition(status == Z_STREAM_END, "zlib deflate did not finish (\(status))")
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }

    /// The decompressed content of the gzip data `bytes` read from `path` (for messages).
    /// Concatenated gzip members are decompressed one after the other, as `gzip -d` does.
    public static func decompress(_ bytes: [UInt8], path: String) throws(DatasetError) -> [UInt8] {
        guard hasMagic(bytes) else { throw .notGzip(path: path) }
        // The trailer's ISIZE (uncompressed size mod 2^32) is a good first guess for the output.
        var capacity = bytes.count * 4
        if bytes.count >= 18 {
            let n = bytes.count
            let isize = Int(bytes[n - 4]) | Int(bytes[n - 3]) << 8 | Int(bytes[n - 2]) << 16 | Int(bytes[n - 1]) << 24
            if isize > 0 && isize <= 1 << 31 { capacity = isize }
        }
        var output = [UInt8](repeating: 0, count: max(capacity, 64))
        var produced = 0

        var stream = z_stream()
        // 15 + 16: a gzip wrapper with the largest window.
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corruptGzip(path: path, detail: "zlib could not start: \(stream.msg.map { String(cString: $0) } ?? "inflateInit2 failed")")
        }
        defer { inflateEnd(&stream) }

        var consumed = 0
        var status: Int32 = Z_OK
        var failure: DatasetError?
        bytes.withUnsafeBufferPointer { input in
            while true {
                if produced == output.count { output.append(contentsOf: repeatElement(0, count: output.count)) }
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + consumed)
                let inChunk = min(input.count - consumed, Int(UInt32.max))
                stream.avail_in = uInt(inChunk)
                let outChunk = min(output.count - produced, Int(UInt32.max))
                status = output.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress! + produced
                    stream.avail_out = uInt(outChunk)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                consumed += inChunk - Int(stream.avail_in)
                produced += outChunk - Int(stream.avail_out)
                switch status {
                case Z_STREAM_END:
                    // Another gzip member may follow.
                    if consumed < input.count {
                        if input[consumed] == 0x1F && consumed + 1 < input.count && input[consumed + 1] == 0x8B {
                            inflateReset(&stream)
                            continue
                        }
                        failure = .corruptGzip(path: path, detail: "\(input.count - consumed) bytes of trailing garbage after the gzip stream")
                    }
                    return
                case Z_OK:
                    continue
                case Z_BUF_ERROR:
                    // No progress possible: either the output is full (grow and retry) or
                    // the input ran out before the end of the stream.
                    if produced == output.count { continue }
                    failure = .truncatedGzip(path: path)
                    return
                default:
                    let detail = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    failure = .corruptGzip(path: path, detail: detail)
                    return
                }
            }
        }
        if let failure { throw failure }
        output.removeSubrange(produced...)
        return output
    }
}

//===--- Gzip.swift -------------------------------------------------------===//
//
// gzip decompression through zlib (the CZlib system library).
//
//===----------------------------------------------------------------------===//

import CZlib

/// gzip (RFC 1952) helpers over zlib: the magic test and compression for fixtures;
/// ``GzipInflater`` decompresses.
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
        guard
            deflateInit2_(
                &stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else {
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
}

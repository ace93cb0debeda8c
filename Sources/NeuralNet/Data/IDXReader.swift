//===--- IDXReader.swift --------------------------------------------------===//
//
// The IDX format of the MNIST files, gzip-compressed or raw.
//
//===----------------------------------------------------------------------===//

/// An IDX array of unsigned bytes: its dimensions and its data in row-major order.
public struct IDXArray: Sendable, Equatable {
    /// Dimension sizes, outermost first (e.g. `[60000, 28, 28]`).
    public let dimensions: [Int]
    /// `dimensions.reduce(1, *)` bytes.
    public let bytes: [UInt8]

    /// The number of items (the first dimension).
    public var count: Int { dimensions.first ?? 0 }
}

/// Reads IDX files (LeCun's format for MNIST): a big-endian magic number `00 00 TT NN` (data
/// type `TT`, 0x08 for unsigned bytes, and `NN` dimensions), then `NN` big-endian UInt32
/// sizes, then the data.
///
/// Every check gives its own ``DatasetError``: missing file, a `.gz` name on a file that is not
/// gzip, corrupt or truncated gzip, wrong magic (including data types other than unsigned
/// byte, which MNIST never uses), truncated header, dimensions other than those expected,
/// fewer or more data bytes than the dimensions announce.
public enum IDXReader {
    /// Magic number of an unsigned-byte IDX file with `rank` dimensions.
    public static func magic(rank: Int) -> UInt32 { 0x0000_0800 | UInt32(rank) }

    /// The most data bytes an IDX file may announce: 1 GiB, twenty times the largest MNIST
    /// file (47 MB of training images), far below this machine's memory.
    public static let maximumDataBytes = 1 << 30

    /// Reads the IDX file at `path` (gzip when its name ends in `.gz`, raw otherwise) and checks
    /// that it holds unsigned bytes with `rank` dimensions.
    public static func read(path: String, rank: Int) throws(DatasetError) -> IDXArray {
        let raw = try FileBytes.read(path, maximumBytes: maximumFileBytes(rank: rank))
        return try decode(raw, path: path, rank: rank)
    }

    /// Decodes the bytes of an IDX file read from `path` (gzip when the name ends in `.gz`).
    ///
    /// A gzip file is inflated only as far as its header announces: the header first, then
    /// exactly the announced data, then what is left is counted (up to 1 MiB) to report
    /// trailing data. Memory stays within the announced size and never beyond what the stream
    /// really holds, so a small file that inflates to gigabytes costs almost nothing.
    public static func decode(_ raw: [UInt8], path: String, rank: Int) throws(DatasetError) -> IDXArray {
        guard path.hasSuffix(".gz") else { return try parse(raw, rank: rank, path: path) }
        let inflater = try GzipInflater(raw, path: path)
        let headerSize = 4 + 4 * rank
        let header = try inflater.read(upTo: headerSize)
        let dimensions = try parseHeader(header, rank: rank, path: path)
        let needed = try dataSize(dimensions, path: path)
        let data = try inflater.read(upTo: needed)
        if data.count < needed { throw .truncatedData(path: path, expectedBytes: needed, foundBytes: data.count) }
        let limit = 1 << 20
        let extra = try inflater.skipRest(limit: limit)
        if extra >= limit { throw .trailingDataAtLeast(path: path, expectedBytes: needed, extraBytes: limit) }
        if extra > 0 { throw .trailingData(path: path, expectedBytes: needed, foundBytes: needed + extra) }
        return IDXArray(dimensions: dimensions, bytes: data)
    }

    /// Parses IDX content (already decompressed) read from `path` (for messages).
    public static func parse(_ content: [UInt8], rank: Int, path: String) throws(DatasetError) -> IDXArray {
        let dimensions = try parseHeader(content, rank: rank, path: path)
        let needed = try dataSize(dimensions, path: path)
        let available = content.count - (4 + 4 * rank)
        if available < needed { throw .truncatedData(path: path, expectedBytes: needed, foundBytes: available) }
        if available > needed { throw .trailingData(path: path, expectedBytes: needed, foundBytes: available) }
        return IDXArray(dimensions: dimensions, bytes: Array(content[(4 + 4 * rank)...]))
    }

    /// The dimensions from the magic number and sizes at the start of `content`.
    static func parseHeader(_ content: [UInt8], rank: Int, path: String) throws(DatasetError) -> [Int] {
        guard content.count >= 4 else { throw .truncatedHeader(path: path, bytes: content.count) }
        let found = bigEndianUInt32(content, at: 0)
        let expected = magic(rank: rank)
        guard found == expected else { throw .wrongMagic(path: path, found: found, expected: expected) }
        guard content.count >= 4 + 4 * rank else { throw .truncatedHeader(path: path, bytes: content.count) }
        return (0..<rank).map { Int(bigEndianUInt32(content, at: 4 + 4 * $0)) }
    }

    /// The product of `dimensions`, refused above ``maximumDataBytes`` (sizes come from the file).
    static func dataSize(_ dimensions: [Int], path: String) throws(DatasetError) -> Int {
        var needed = 1
        for d in dimensions {
            let (p, overflow) = needed.multipliedReportingOverflow(by: d)
            if overflow || p > maximumDataBytes {
                throw .wrongDimensions(
                    path: path, found: dimensions, expected: "at most \(maximumDataBytes) bytes of data")
            }
            needed = p
        }
        return needed
    }

    /// The largest file worth reading: a raw file of the largest announced size, with room for
    /// gzip's overhead on incompressible data (5 bytes per 64 KiB stored block, a header and
    /// trailer), rounded up generously to 1/1000 more plus 64 KiB.
    static func maximumFileBytes(rank: Int) -> Int { maximumDataBytes + maximumDataBytes / 1000 + (1 << 16) + 4 * rank }

    /// The unsigned-byte IDX encoding of `array` (used by tests and tools to write files).
    public static func encode(dimensions: [Int], bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4 + 4 * dimensions.count + bytes.count)
        func put(_ v: UInt32) {
            out += [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
        }
        put(magic(rank: dimensions.count))
        for d in dimensions { put(UInt32(d)) }
        out += bytes
        return out
    }

    private static func bigEndianUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }
}

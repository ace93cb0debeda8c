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

    /// Reads the IDX file at `path` (gzip when its name ends in `.gz`, raw otherwise) and checks
    /// that it holds unsigned bytes with `rank` dimensions.
    public static func read(path: String, rank: Int) throws(DatasetError) -> IDXArray {
        let raw = try FileBytes.read(path)
        let content: [UInt8]
        if path.hasSuffix(".gz") {
            content = try Gzip.decompress(raw, path: path)
        } else {
            content = raw
        }
        return try parse(content, rank: rank, path: path)
    }

    /// Parses IDX content (already decompressed) read from `path` (for messages).
    public static func parse(_ content: [UInt8], rank: Int, path: String) throws(DatasetError) -> IDXArray {
        guard content.count >= 4 else { throw .truncatedHeader(path: path, bytes: content.count) }
        let found = bigEndianUInt32(content, at: 0)
        let expected = magic(rank: rank)
        guard found == expected else { throw .wrongMagic(path: path, found: found, expected: expected) }
        let headerSize = 4 + 4 * rank
        guard content.count >= headerSize else { throw .truncatedHeader(path: path, bytes: content.count) }
        let dimensions = (0..<rank).map { Int(bigEndianUInt32(content, at: 4 + 4 * $0)) }
        // Product with overflow check (sizes come from the file).
        var needed = 1
        for d in dimensions {
            let (p, overflow) = needed.multipliedReportingOverflow(by: d)
            if overflow { throw .wrongDimensions(path: path, found: dimensions, expected: "a size that fits in memory") }
            needed = p
        }
        let available = content.count - headerSize
        if available < needed { throw .truncatedData(path: path, expectedBytes: needed, foundBytes: available) }
        if available > needed { throw .trailingData(path: path, expectedBytes: needed, foundBytes: available) }
        return IDXArray(dimensions: dimensions, bytes: Array(content[headerSize...]))
    }

    /// The unsigned-byte IDX encoding of `array` (used by tests and tools to write files).
    public static func encode(dimensions: [Int], bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4 + 4 * dimensions.count + bytes.count)
        func put(_ v: UInt32) { out += [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }
        put(magic(rank: dimensions.count))
        for d in dimensions { put(UInt32(d)) }
        out += bytes
        return out
    }

    private static func bigEndianUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }
}

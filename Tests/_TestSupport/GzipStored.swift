/// Gzip files (RFC 1952) whose deflate stream (RFC 1951) is made of stored, uncompressed
/// blocks: a valid gzip file written without zlib, so the reader under test is fed by an
/// independent writer. Each stored block is the byte 0x00 (0x01 for the last block: BFINAL
/// set, BTYPE 00), LEN and its complement NLEN as little-endian 16-bit integers, then LEN
/// bytes; the member ends with the CRC-32 and the length of the data, little-endian.
public enum GzipStored {
    /// The gzip file holding `data`.
    public static func compress(_ data: [UInt8]) -> [UInt8] {
        // ID1 ID2, CM = 8 (deflate), FLG = 0, MTIME = 0, XFL = 0, OS = 255 (unknown).
        var file: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        var start = 0
        repeat {
            let end = min(start + 65_535, data.count)
            let length = UInt16(end - start)
            file.append(end == data.count ? 1 : 0)
            file += littleEndian(length) + littleEndian(~length)
            file += data[start..<end]
            start = end
        } while start < data.count
        file += littleEndian(CRC32.checksum(data)) + littleEndian(UInt32(truncatingIfNeeded: data.count))
        return file
    }

    static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }
}

/// The CRC-32 of gzip and zip (ISO 3309; reflected polynomial 0xEDB88320, initial value and
/// final mask all ones), bit by bit: test data is small, so no table.
public enum CRC32 {
    /// The checksum of `data`; "123456789" gives 0xCBF43926 (the standard check value).
    public static func checksum(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

//===--- ZipDirectory.swift -----------------------------------------------===//
//
// The central directory of a zip archive (an .npz file), with ZIP64 extensions.
//
//===----------------------------------------------------------------------===//

/// One member of a zip archive as its central directory lists it, checked against its local
/// header: where its compressed bytes are and what they inflate to.
struct ZipMember: Sendable {
    let name: String
    /// 0 stored, 8 deflated.
    let method: UInt16
    let crc32: UInt32
    let compressedSize: Int
    let uncompressedSize: Int
    /// Offset of the compressed bytes in the file (after the local header).
    let dataOffset: Int
}

/// Reads the member list of a zip file (PKWARE APPNOTE 6.3: end of central directory record,
/// ZIP64 end record and locator, central directory headers, local file headers). Sizes and
/// offsets come from the central directory and are checked against each local header and the
/// file's size; nothing is read beyond the mapping.
enum ZipDirectory {
    static let endSignature: UInt32 = 0x0605_4B50
    static let zip64EndSignature: UInt32 = 0x0606_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    static let centralSignature: UInt32 = 0x0201_4B50
    static let localSignature: UInt32 = 0x0403_4B50

    static func members(of file: MappedFile) throws(TensorFileError) -> [ZipMember] {
        let bytes = file.bytes
        func fail(_ problem: String, _ member: String? = nil) -> TensorFileError {
            TensorFileError(path: file.path, tensor: member, problem)
        }
        func u16(_ at: Int) -> Int { Int(bytes.loadUnaligned(fromByteOffset: at, as: UInt16.self).littleEndian) }
        func u32(_ at: Int) -> Int { Int(bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian) }
        func u64(_ at: Int) -> UInt64 { bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian }

        // The end record is 22 bytes plus a comment of at most 65535: search back from the end.
        guard bytes.count >= 22 else { throw fail("truncated zip archive: no end of central directory record") }
        var end = -1
        var at = bytes.count - 22
        while at >= max(0, bytes.count - 22 - 65535) {
            if u32(at) == Int(endSignature) && at + 22 + u16(at + 20) == bytes.count {
                end = at
                break
            }
            at -= 1
        }
        guard end >= 0 else { throw fail("not a zip archive: no end of central directory record") }
        var entries = u16(end + 10)
        var directorySize = u32(end + 12)
        var directoryOffset = u32(end + 16)
        guard u16(end + 4) == 0, u16(end + 6) == 0 else { throw fail("multi-disk zip archives are not read") }
        // ZIP64: a locator 20 bytes before the end record points at the ZIP64 end record.
        if end >= 20, u32(end - 20) == Int(zip64LocatorSignature) {
            let recordOffset = u64(end - 20 + 8)
            guard end >= 20 + 56, recordOffset <= UInt64(end - 20 - 56) else {
                throw fail("ZIP64 end record lies outside the file")
            }
            let record = Int(recordOffset)
            guard u32(record) == Int(zip64EndSignature) else {
                throw fail("ZIP64 locator points at no ZIP64 end record")
            }
            let (e, s, o) = (u64(record + 32), u64(record + 40), u64(record + 48))
            guard e <= UInt64(bytes.count), s <= UInt64(bytes.count), o <= UInt64(bytes.count) else {
                throw fail("ZIP64 end record gives sizes beyond the file")
            }
            (entries, directorySize, directoryOffset) = (Int(e), Int(s), Int(o))
        }
        guard directoryOffset <= end, directorySize <= end - directoryOffset else {
            throw fail("central directory (\(directorySize) bytes at \(directoryOffset)) lies outside the file")
        }
        // Each central header has at least 46 bytes: a count beyond that is a lie.
        guard entries <= directorySize / 46 else {
            throw fail("central directory of \(directorySize) bytes cannot hold \(entries) members")
        }

        var members: [ZipMember] = []
        members.reserveCapacity(entries)
        var position = directoryOffset
        let limit = directoryOffset + directorySize
        for index in 0..<entries {
            guard position + 46 <= limit, u32(position) == Int(centralSignature) else {
                throw fail("central directory entry \(index) is malformed")
            }
            let flags = u16(position + 8)
            let method = UInt16(u16(position + 10))
            let crc = UInt32(u32(position + 16))
            var compressed = u32(position + 20)
            var uncompressed = u32(position + 24)
            let nameLength = u16(position + 28)
            let extraLength = u16(position + 30)
            let commentLength = u16(position + 32)
            var localOffset = u32(position + 42)
            let nameStart = position + 46
            guard nameStart + nameLength + extraLength + commentLength <= limit else {
                throw fail("central directory entry \(index) runs past the directory")
            }
            let name = String(decoding: bytes[nameStart..<nameStart + nameLength], as: UTF8.self)
            // ZIP64 extra field (id 1): the 64-bit values of the fields stored as 0xFFFFFFFF, in order.
            var extra = nameStart + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = u16(extra)
                let size = u16(extra + 2)
                guard extra + 4 + size <= extraEnd else { throw fail("malformed extra field", name) }
                if id == 1 {
                    var field = extra + 4
                    func next() throws(TensorFileError) -> Int {
                        guard field + 8 <= extra + 4 + size else { throw fail("ZIP64 extra field is too short", name) }
                        let value = u64(field)
                        field += 8
                        guard value <= UInt64(Int.max) else { throw fail("ZIP64 size does not fit", name) }
                        return Int(value)
                    }
                    if uncompressed == 0xFFFF_FFFF { uncompressed = try next() }
                    if compressed == 0xFFFF_FFFF { compressed = try next() }
                    if localOffset == 0xFFFF_FFFF { localOffset = try next() }
                }
                extra += 4 + size
            }
            guard flags & 1 == 0 else { throw fail("member is encrypted", name) }
            guard method == 0 || method == 8 else {
                throw fail("compression method \(method) is not read (only stored and deflated)", name)
            }
            let member = try checkedLocal(
                name: name, method: method, crc: crc, compressed: compressed, uncompressed: uncompressed,
                localOffset: localOffset, flags: flags, directoryOffset: directoryOffset, file: file)
            members.append(member)
            position = extraEnd + commentLength
        }
        // Members must not share bytes: a member that overlaps another is hostile.
        let sorted = members.sorted { $0.dataOffset < $1.dataOffset }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.dataOffset + a.compressedSize > b.dataOffset {
            throw fail("data overlaps member '\(b.name)'", a.name)
        }
        return members
    }

    /// The member after checking its local header agrees with the central directory.
    private static func checkedLocal(
        name: String, method: UInt16, crc: UInt32, compressed: Int, uncompressed: Int, localOffset: Int,
        flags: Int, directoryOffset: Int, file: MappedFile
    ) throws(TensorFileError) -> ZipMember {
        let bytes = file.bytes
        func fail(_ problem: String) -> TensorFileError { TensorFileError(path: file.path, tensor: name, problem) }
        func u16(_ at: Int) -> Int { Int(bytes.loadUnaligned(fromByteOffset: at, as: UInt16.self).littleEndian) }
        func u32(_ at: Int) -> Int { Int(bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian) }
        guard localOffset <= directoryOffset - 30, u32(localOffset) == Int(localSignature) else {
            throw fail("local header at \(localOffset) is missing or outside the file")
        }
        let nameLength = u16(localOffset + 26)
        let extraLength = u16(localOffset + 28)
        let dataOffset = localOffset + 30 + nameLength + extraLength
        guard dataOffset <= directoryOffset, compressed <= directoryOffset - dataOffset else {
            throw fail("data (\(compressed) bytes) runs past the start of the central directory: truncated or corrupt")
        }
        let localName = String(decoding: bytes[localOffset + 30..<localOffset + 30 + nameLength], as: UTF8.self)
        guard localName == name else { throw fail("local header names '\(localName)', the directory '\(name)'") }
        guard UInt16(u16(localOffset + 8)) == method else {
            throw fail("local header disagrees on the compression method")
        }
        // Bit 3: sizes and CRC follow the data in a descriptor; the local fields are zero.
        if flags & 8 == 0 {
            var localCompressed = u32(localOffset + 18)
            var localUncompressed = u32(localOffset + 22)
            // NumPy forces ZIP64 local headers: 0xFFFFFFFF sizes with the real ones in the extra field.
            if localCompressed == 0xFFFF_FFFF || localUncompressed == 0xFFFF_FFFF {
                var extra = localOffset + 30 + nameLength
                while extra + 4 <= dataOffset {
                    let id = u16(extra)
                    let size = u16(extra + 2)
                    guard extra + 4 + size <= dataOffset else { throw fail("malformed local extra field") }
                    if id == 1 && size >= 16 {
                        let u = bytes.loadUnaligned(fromByteOffset: extra + 4, as: UInt64.self).littleEndian
                        let c = bytes.loadUnaligned(fromByteOffset: extra + 12, as: UInt64.self).littleEndian
                        guard u <= UInt64(Int.max), c <= UInt64(Int.max) else {
                            throw fail("local ZIP64 size does not fit")
                        }
                        (localUncompressed, localCompressed) = (Int(u), Int(c))
                    }
                    extra += 4 + size
                }
            }
            guard localCompressed == compressed, localUncompressed == uncompressed,
                UInt32(u32(localOffset + 14)) == crc
            else {
                throw fail(
                    "local header (\(localCompressed) -> \(localUncompressed) bytes) disagrees with the central directory (\(compressed) -> \(uncompressed))"
                )
            }
        }
        if method == 0, compressed != uncompressed {
            throw fail("stored member with compressed size \(compressed) and uncompressed size \(uncompressed)")
        }
        return ZipMember(
            name: name, method: method, crc32: crc, compressedSize: compressed, uncompressedSize: uncompressed,
            dataOffset: dataOffset)
    }
}

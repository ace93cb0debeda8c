#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Testing
import _TestSupport

/// The shared test helpers hold to their documentation: scratch folders vanish however the
/// body ends, and the writers produce the bytes their formats define (hand-derived here).
@Suite("_TestSupport")
struct TestSupportTests {
    struct Planned: Error {}

    /// A nested tree (folders, files, a symbolic link to outside) is removed when the body
    /// returns and when it throws; the link's target survives.
    @Test func scratchFolderIsRemovedOnReturnAndOnThrow() throws {
        let keeper = try ScratchFolder(prefix: "mpstudy-test-keeper")
        defer { keeper.remove() }
        try FileTree.write("keep", to: keeper.file("target"))
        var seen: [String] = []
        try withScratchFolder { folder in
            seen.append(folder.path)
            try FileTree.makeFolder(folder.file("a"))
            try FileTree.makeFolder(folder.file("a/b"))
            try FileTree.write("x", to: folder.file("a/b/c.txt"))
            #expect(symlink(keeper.file("target"), folder.file("a/link")) == 0)
            #expect(FileTree.files(under: folder.path).keys.sorted() == ["a/b/c.txt"])
        }
        #expect(throws: Planned.self) {
            try withScratchFolder { folder in
                seen.append(folder.path)
                try FileTree.write("y", to: folder.file("d.txt"))
                throw Planned()
            }
        }
        #expect(seen.count == 2 && seen[0] != seen[1])
        #expect(seen.allSatisfy { !FileTree.exists($0) })
        #expect(FileTree.text(keeper.file("target")) == "keep")
    }

    /// CRC-32 check value of "123456789" (ISO 3309 / RFC 1952 catalogue): 0xCBF43926.
    @Test func crc32CheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }

    /// FIPS 180-2 appendix B examples (one block, two blocks) and the empty message.
    @Test func sha256Vectors() {
        #expect(SHA256Digest.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            SHA256Digest.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256Digest.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    /// 70,000 bytes need two stored blocks: 65,535 then 4,465 (0x1171, complement 0xee8e).
    @Test func gzipStoredLayout() {
        let data = (0..<70_000).map { UInt8(truncatingIfNeeded: $0) }
        let gz = GzipStored.compress(data)
        #expect(Array(gz.prefix(4)) == [0x1F, 0x8B, 8, 0])
        #expect(Array(gz[10..<15]) == [0x00, 0xFF, 0xFF, 0x00, 0x00])
        let second = 15 + 65_535
        #expect(Array(gz[second..<(second + 5)]) == [0x01, 0x71, 0x11, 0x8E, 0xEE])
        #expect(gz.count == 10 + 5 + 65_535 + 5 + 4_465 + 8)
        // ISIZE: 70,000 = 0x00011170, little-endian.
        #expect(Array(gz.suffix(4)) == [0x70, 0x11, 0x01, 0x00])
        #expect(
            GzipStored.compress([]) == [
                0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF, 0x01, 0, 0, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0,
            ])
    }

    /// IDX header: 0, 0, type 0x08, rank, then each dimension big-endian.
    @Test func idxHeader() {
        #expect(IDXEncoding.encode(dimensions: [2, 300], bytes: [7]) == [0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 1, 44, 7])
    }

    /// Labels cycle through the classes; bright pixels (170 ± 40) are exactly those of the class.
    @Test func syntheticImagesPattern() {
        let images = SyntheticImages(count: 12, features: 10, classes: 4, seed: 3)
        #expect(images.labels == (0..<12).map { UInt8($0 % 4) })
        for i in 0..<12 {
            for j in 0..<10 {
                let p = images.pixels[i * 10 + j]
                #expect(j % 4 == i % 4 ? (130..<210).contains(p) : (20..<100).contains(p))
            }
        }
        #expect(images == SyntheticImages(count: 12, features: 10, classes: 4, seed: 3))
        #expect(images != SyntheticImages(count: 12, features: 10, classes: 4, seed: 4))
    }
}

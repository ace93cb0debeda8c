//===--- MalformedNPZTests.swift ------------------------------------------===//
//
// Hand-built broken .npz archives, zip bombs among them.
//
//===----------------------------------------------------------------------===//

import Testing
import TensorFiles

@Suite("Malformed .npz archives")
struct MalformedNPZTests {
    typealias B = TensorFileBytes

    /// A 2-element float32 .npy member's bytes.
    static let pair = B.npy(header: B.npyHeader(descr: "<f4", shape: "(2,)"), data: B.f32([0.5, 4]))

    static func expectRefused(
        _ members: [B.Member], values: Bool = false, _ expected: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let error = try B.failure(B.zip(members), name: "bad.npz", values: values)
        let text = error.map(String.init(describing:)) ?? "no error"
        #expect(text.contains("bad.npz") && text.contains(expected), "\(text)", sourceLocation: sourceLocation)
        #expect(B.isOnePrintableLine(text), "\(text)", sourceLocation: sourceLocation)
    }

    @Test("well-formed hand-built archives read, stored and deflated (the builder is right)")
    func wellFormed() throws {
        let (file, values) = try B.open(
            B.zip([.init(name: "a.npy", content: Self.pair), .init(name: "b.npy", content: Self.pair, method: 8)]),
            name: "good.npz")
        #expect(file.tensors.map(\.name) == ["a", "b"])
        #expect(values["a"] == [0.5, 4] && values["b"] == [0.5, 4])
    }

    @Test("not a zip, or cut before the end record")
    func truncated() throws {
        let whole = B.zip([.init(name: "a.npy", content: Self.pair)])
        let error = try B.failure(Array(whole.prefix(whole.count - 5)), name: "bad.npz")
        #expect(error?.description.hasSuffix("bad.npz: not a zip archive: no end of central directory record") == true)
    }

    @Test("a zip bomb: a 128-byte header in a stored block (133 bytes) declaring 2^30 more bytes")
    func bombByRatio() throws {
        let header = B.npy(header: B.npyHeader(descr: "<f4", shape: "(268435456,)"), data: [])
        try Self.expectRefused(
            [.init(name: "w.npy", content: header, method: 8, declaredSize: header.count + (1 << 30))],
            // 128 + 2^30 = 1073741952 declared; the stream is 5 + 128 = 133 bytes, at most 1032 x 133
            // + 1024 = 138280 bytes of output: refused before anything is inflated.
            "tensor 'w': declares 1073741952 bytes from 133 compressed, more than deflate can produce")
    }

    @Test("a member that inflates to more than it declares stops at the declared size")
    func inflatesBeyond() throws {
        // The stream holds the npy plus 1000 extra bytes; the directory declares the npy's size.
        try Self.expectRefused(
            [
                .init(
                    name: "w.npy", content: Self.pair, method: 8, declaredCRC: B.crc32(Self.pair),
                    compressed: B.storedDeflate(Self.pair + [UInt8](repeating: 0, count: 1000)))
            ], values: true, "tensor 'w': inflates to more than its declared \(Self.pair.count) bytes")
    }

    @Test("a member name with control characters is escaped in the message (found by scripts/fuzz.sh npz)")
    func controlCharactersInName() throws {
        // The name "w\u{16}\u{0}.npy" holds a SYN and a NUL; the member is otherwise broken (its
        // stream ends early), so the refusal quotes the name: escaped, on one line.
        let stream = B.storedDeflate(Self.pair)
        try Self.expectRefused(
            [
                .init(
                    name: "w\u{16}\u{0}.npy", content: Self.pair, method: 8,
                    compressed: Array(stream.prefix(stream.count - 3)))
            ], values: true, "tensor 'w\\u{16}\\u{0}': truncated deflate stream")
    }

    @Test("a deflated member whose stream ends early")
    func shortStream() throws {
        let stream = B.storedDeflate(Self.pair)
        try Self.expectRefused(
            [.init(name: "w.npy", content: Self.pair, method: 8, compressed: Array(stream.prefix(stream.count - 3)))],
            values: true, "tensor 'w': truncated deflate stream")
    }

    @Test("a CRC that does not match the data")
    func crc() throws {
        try Self.expectRefused(
            [.init(name: "w.npy", content: Self.pair, method: 8, declaredCRC: 12345)], values: true, "CRC-32 mismatch")
    }

    @Test("the local header disagrees with the central directory")
    func localDisagrees() throws {
        try Self.expectRefused(
            [.init(name: "w.npy", content: Self.pair, localSize: 7)], "local header (\(Self.pair.count) -> 7 bytes)")
    }

    @Test("the declared size disagrees with what the npy header needs")
    func sizeDisagrees() throws {
        let short = Array(Self.pair.dropLast(4))
        try Self.expectRefused([.init(name: "w.npy", content: short)], "tensor 'w': truncated data")
        try Self.expectRefused(
            [.init(name: "w.npy", content: Self.pair + [0, 0])], "tensor 'w': 2 bytes after the data")
    }

    @Test("a member that is not npy, or holds an integer array, names the member")
    func badMembers() throws {
        try Self.expectRefused(
            [.init(name: "notes.txt", content: Array("hello".utf8))], "tensor 'notes.txt': not an .npy")
        let ints = B.npy(header: B.npyHeader(descr: "<i4", shape: "(1,)"), data: [1, 0, 0, 0])
        try Self.expectRefused([.init(name: "ids.npy", content: ints, method: 8)], "tensor 'ids': dtype '<i4'")
    }
}

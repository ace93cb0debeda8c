//===--- MalformedNPYTests.swift ------------------------------------------===//
//
// Hand-built broken .npy files: each refused with one line naming the file and the fault.
//
//===----------------------------------------------------------------------===//

import Testing
import TensorFiles

@Suite("Malformed .npy files")
struct MalformedNPYTests {
    typealias B = TensorFileBytes

    /// The refusal of `bytes` as `bad.npy`: one line, naming the file, containing `expected`.
    static func expectRefused(_ bytes: [UInt8], _ expected: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let error = try B.failure(bytes, name: "bad.npy")
        let text = error.map(String.init(describing:)) ?? "no error"
        #expect(text.contains("bad.npy") && text.contains(expected), "\(text)", sourceLocation: sourceLocation)
        #expect(B.isOnePrintableLine(text), "\(text)", sourceLocation: sourceLocation)
    }

    @Test("a well-formed hand-built file reads (the builder itself is right)")
    func wellFormed() throws {
        let bytes = B.npy(header: B.npyHeader(descr: "<f4", shape: "(2,)"), data: B.f32([1.5, -3]))
        let (_, values) = try B.open(bytes, name: "good.npy")
        #expect(values["good"] == [1.5, -3])
    }

    @Test("truncated data: 2 x 3 float32 needs 24 bytes, 20 are there")
    func truncated() throws {
        try Self.expectRefused(
            B.npy(header: B.npyHeader(descr: "<f4", shape: "(2, 3)"), data: B.f32([1, 2, 3, 4, 5])),
            "truncated data: shape [2, 3] of float32 needs 24 bytes, the file has 20")
    }

    @Test("bytes after the data")
    func trailing() throws {
        try Self.expectRefused(
            B.npy(header: B.npyHeader(descr: "<f4", shape: "(1,)"), data: B.f32([1, 2])),
            "4 bytes after the data")
    }

    @Test("a header length beyond the file")
    func headerBeyondFile() throws {
        try Self.expectRefused(
            B.npy(header: B.npyHeader(descr: "<f4", shape: "(1,)"), data: [], declaredLength: 60000),
            "truncated: the header announces 60000 bytes")
    }

    @Test("a header length beyond any npy header (format 2.0, 4-byte length)")
    func headerTooLarge() throws {
        try Self.expectRefused(
            B.npy(header: B.npyHeader(descr: "<f4", shape: "(1,)"), data: [], major: 2, declaredLength: 0x7FFF_FFFF),
            "header length 2147483647 is larger than any .npy header")
    }

    @Test("an unknown format version")
    func version() throws {
        var bytes = B.npy(header: B.npyHeader(descr: "<f4", shape: "(1,)"), data: B.f32([1]))
        bytes[6] = 4
        try Self.expectRefused(bytes, "unsupported .npy format version 4.0")
    }

    @Test("a preamble cut short")
    func preamble() throws {
        try Self.expectRefused([0x93] + Array("NUMPY".utf8) + [1], "truncated")
    }

    @Test("a header that is not a dict literal")
    func notDict() throws {
        try Self.expectRefused(B.npy(header: "{'descr': '<f4', 'shape': (1,", data: []), "header is not a Python dict")
        try Self.expectRefused(B.npy(header: "[1, 2]", data: []), "header is not a Python dict")
    }

    @Test("control characters in the header are escaped in the message (found by scripts/fuzz.sh npy)")
    func controlCharacters() throws {
        // A NUL where the dict should continue, and a DEL: the parser quotes the character it
        // stopped at, which must reach the terminal as \u{0} and \u{7F}, not raw.
        try Self.expectRefused(B.npy(header: "{'descr':\u{0} '<f4'}", data: []), "unexpected '\\u{0}'")
        try Self.expectRefused(B.npy(header: "{'descr': \u{7F}'<f4'}", data: []), "unexpected '\\u{7F}'")
    }

    @Test("a missing key")
    func missingKey() throws {
        try Self.expectRefused(
            B.npy(header: "{'descr': '<f4', 'shape': (1,), }", data: B.f32([1])),
            "expected descr, fortran_order and shape")
    }

    @Test("a negative dimension")
    func negative() throws {
        try Self.expectRefused(
            B.npy(header: B.npyHeader(descr: "<f4", shape: "(3, -2)"), data: []), "negative dimension -2")
    }

    @Test("a shape whose product overflows: 2^40 x 2^40 (and 2^62 float64: the byte count overflows)")
    func overflow() throws {
        try Self.expectRefused(
            B.npy(header: B.npyHeader(descr: "<f4", shape: "(1099511627776, 1099511627776)"), data: []),
            "more elements than can be addressed")
        try Self.expectRefused(
            B.npy(header: B.npyHeader(descr: "<f8", shape: "(4611686018427387904,)"), data: []),
            "needs more bytes than can be addressed")
        try Self.expectRefused(
            B.npy(header: B.npyHeader(descr: "<f8", shape: "(99999999999999999999,)"), data: []), "integer too large")
    }

    @Test("integer, complex, native-order and structured dtypes are refused naming the dtype")
    func dtypes() throws {
        for descr in ["<i8", "|u1", "<c8", "|b1", "=f4", "<f16"] {
            try Self.expectRefused(
                B.npy(header: B.npyHeader(descr: descr, shape: "(1,)"), data: []), "dtype '\(descr)'")
        }
        try Self.expectRefused(
            B.npy(header: "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", data: []),
            "dtype is structured")
    }

    @Test("a version 1.0 header with a non-ASCII byte")
    func nonASCII() throws {
        try Self.expectRefused(
            B.npy(header: B.npyHeader(descr: "<f4", shape: "(1,)") + "\u{E9}", data: []), "not ASCII")
    }

    @Test("deeply nested brackets stop at a fixed depth instead of recursing on")
    func nesting() throws {
        let deep = String(repeating: "(", count: 5000) + String(repeating: ")", count: 5000)
        try Self.expectRefused(
            B.npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': \(deep), }", data: [], major: 2),
            "nesting too deep")
    }

    @Test("a missing file, a directory and an empty file")
    func notFiles() throws {
        #expect(throws: TensorFileError(path: "/nonexistent/x.npy", "no such file")) {
            try TensorFile(path: "/nonexistent/x.npy")
        }
        #expect(throws: TensorFileError(path: "/tmp", "is a directory")) { try TensorFile(path: "/tmp") }
        let empty = try B.failure([], name: "empty.safetensors")
        #expect(empty.map(String.init(describing:))?.contains("truncated: 0 bytes") == true)
    }
}

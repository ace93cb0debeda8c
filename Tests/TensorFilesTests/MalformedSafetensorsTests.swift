//===--- MalformedSafetensorsTests.swift ----------------------------------===//
//
// Hand-built broken safetensors files: one line each, naming the file and the tensor.
//
//===----------------------------------------------------------------------===//

import Testing
import TensorFiles

@Suite("Malformed safetensors files")
struct MalformedSafetensorsTests {
    typealias B = TensorFileBytes

    static func expectRefused(
        json: String, data: [UInt8], declaredLength: UInt64? = nil, _ expected: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let bytes = B.safetensors(json: json, data: data, declaredLength: declaredLength)
        let error = try B.failure(bytes, name: "bad.safetensors")
        let text = error.map(String.init(describing:)) ?? "no error"
        #expect(text.contains("bad.safetensors") && text.contains(expected), "\(text)", sourceLocation: sourceLocation)
        #expect(B.isOnePrintableLine(text), "\(text)", sourceLocation: sourceLocation)
    }

    @Test("a well-formed hand-built file reads, __metadata__ skipped, names sorted")
    func wellFormed() throws {
        let json = """
            {"__metadata__": {"k": "v"}, "b": {"dtype": "F32", "shape": [1], "data_offsets": [8, 12]}, \
            "a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}
            """
        let (file, values) = try B.open(B.safetensors(json: json, data: B.f32([1, 2, 3])), name: "good.safetensors")
        #expect(file.tensors.map(\.name) == ["a", "b"])
        #expect(values["a"] == [1, 2] && values["b"] == [3])
    }

    /// A text file's first 8 bytes read as a length far beyond the file ("root:x:0" is
    /// 0x303A783A746F6F72) and its 9th is no '{': no tensor file at all, said so.
    @Test("a text file is no tensor file")
    func textFile() throws {
        let error = try B.failure(Array("root:x:0:0:root:/root:/bin/bash\n".utf8), name: "passwd")
        let text = error.map(String.init(describing:)) ?? "no error"
        #expect(text.contains("passwd") && text.contains("not a tensor file"), "\(text)")
        #expect(B.isOnePrintableLine(text), "\(text)")
    }

    @Test("fewer than 8 bytes")
    func short() throws {
        let error = try B.failure([1, 0, 0], name: "bad.safetensors")
        #expect(error?.description.contains("truncated: 3 bytes") == true)
    }

    @Test("a header length beyond the file, and one beyond any header (2^63)")
    func headerLength() throws {
        try Self.expectRefused(json: "{}", data: [], declaredLength: 1000, "the header announces 1000 bytes")
        try Self.expectRefused(
            json: "{}", data: [], declaredLength: 1 << 63, "header length 9223372036854775808 is too large")
    }

    @Test("a header that is not JSON, or not an object")
    func notJSON() throws {
        try Self.expectRefused(json: "{\"a\": ", data: [], "header is not JSON")
        try Self.expectRefused(json: "[1]", data: [], "header is not a JSON object")
    }

    @Test("an entry without data_offsets, or with a shape of strings, names its tensor")
    func badEntry() throws {
        try Self.expectRefused(
            json: #"{"w": {"dtype": "F32", "shape": [1]}}"#, data: B.f32([1]), "tensor 'w': header entry is not")
        try Self.expectRefused(
            json: #"{"w": {"dtype": "F32", "shape": ["1"], "data_offsets": [0, 4]}}"#, data: B.f32([1]),
            "tensor 'w': header entry is not")
    }

    @Test("shape and data_offsets disagree")
    func sizeMismatch() throws {
        try Self.expectRefused(
            json: #"{"w": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 12]}}"#, data: B.f32([1, 2, 3]),
            "tensor 'w': shape [2, 2] of F32 needs 16 bytes, data_offsets span 12")
    }

    @Test("offsets outside the data buffer (a truncated file)")
    func outside() throws {
        try Self.expectRefused(
            json: #"{"w": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}}"#, data: B.f32([1, 2]),
            "tensor 'w': data_offsets [0, 16] lie outside the 8-byte data buffer")
        try Self.expectRefused(
            json: #"{"w": {"dtype": "F32", "shape": [0], "data_offsets": [8, 4]}}"#, data: B.f32([1, 2]),
            "are not increasing")
    }

    @Test("overlapping offsets")
    func overlap() throws {
        let json = """
            {"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, \
            "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}
            """
        try Self.expectRefused(json: json, data: B.f32([1, 2, 3]), "tensor 'b': data_offsets overlap those of 'a'")
    }

    @Test("negative and overflowing shapes are refused before anything is allocated")
    func shapes() throws {
        try Self.expectRefused(
            json: #"{"w": {"dtype": "F32", "shape": [-1, 4], "data_offsets": [0, 0]}}"#, data: [],
            "tensor 'w': shape [-1, 4] has a negative dimension -1")
        try Self.expectRefused(
            json: #"{"w": {"dtype": "F16", "shape": [4294967296, 4294967296], "data_offsets": [0, 0]}}"#, data: [],
            "more elements than can be addressed")
        // 2^62 elements of 2 bytes: the element count fits, the byte count does not.
        try Self.expectRefused(
            json: #"{"w": {"dtype": "BF16", "shape": [4611686018427387904], "data_offsets": [0, 0]}}"#, data: [],
            "needs more bytes than can be addressed")
    }

    @Test("other dtypes are refused naming the tensor and the dtype")
    func dtypes() throws {
        for dtype in ["I64", "U8", "BOOL", "F8_E8M0", "C64"] {
            try Self.expectRefused(
                json: #"{"w": {"dtype": "\#(dtype)", "shape": [1], "data_offsets": [0, 1]}}"#, data: [0],
                "tensor 'w': dtype \(dtype) is not read")
        }
    }
}

//===--- SafetensorsWriterTests.swift -------------------------------------===//
//
// The safetensors writer against the reference implementation's bytes and the reader.
//
//===----------------------------------------------------------------------===//

import Foundation
import Testing
import TensorFiles
import _TestSupport

/// The oracle is the safetensors package itself: Fixtures/written.safetensors was written by
/// safetensors 0.8.0 `serialize` (scripts/make-tensor-fixtures.py) from the same tensors, so
/// the writer must give the same bytes. The spooling writer is checked against the
/// in-memory one and the reader.
@Suite("Safetensors writer")
struct SafetensorsWriterTests {
    /// The fixture's tensors: the base array [[1, -2.5, 0.375], [65504, 2^-24, -0]] as float32
    /// and float16 (exact in both), and bfloat16 values exact in bfloat16 (65280 = 0x477F,
    /// 2^-133 = 0x0001, a bfloat16 subnormal, also a float32 subnormal).
    static let base: [Float] = [1, -2.5, 0.375, 65504, 0x1p-24, -0.0]
    static let brain: [Float] = [1, -2.5, 0.375, 65280, 0x1p-133, -0.0]

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test("float32, float16 and bfloat16 tensors give the bytes safetensors 0.8.0 wrote")
    func matchesReference() throws {
        let written = try SafetensorsWriter.encode(
            [
                (SafetensorsWriter.Entry(name: "dense_1/weight", dtype: .float16, shape: [6]), Self.base),
                (
                    SafetensorsWriter.Entry(name: "predictions/output_gradient", dtype: .bfloat16, shape: [3, 2]),
                    Self.brain
                ),
                (SafetensorsWriter.Entry(name: "dense_1/output", dtype: .float32, shape: [2, 3]), Self.base),
            ], metadata: ["step": "3"])
        let reference = try [UInt8](
            Data(contentsOf: URL(fileURLWithPath: RealFixtureTests.path("written.safetensors"))))
        #expect(written.count == reference.count)
        #expect(written == reference, "written \(Self.hex(written)) reference \(Self.hex(reference))")
    }

    @Test("names are escaped as serde_json escapes them, and read back unchanged")
    func escaping() throws {
        let name = "q\"\\\n\u{01}é/x"
        let header = try SafetensorsWriter.header([SafetensorsWriter.Entry(name: name, dtype: .float64, shape: [])])
        // serde_json: \" and \\, \n short, U+0001 as \u0001, é as its UTF-8, / as is; then
        // spaces to a multiple of 8 (the JSON is 67 bytes: 5 spaces).
        let json = "{\"q\\\"\\\\\\n\\u0001é/x\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}}"
        let padded = Array(json.utf8) + Array(repeating: UInt8(ascii: " "), count: (8 - json.utf8.count % 8) % 8)
        #expect(Array(header.dropFirst(8)) == padded)
        #expect(header.prefix(8) == ArraySlice(TensorFileBytes.le64(UInt64(padded.count))))
        try withScratchFolder { folder in
            let path = folder.file("x.safetensors")
            let bytes = try SafetensorsWriter.encode(
                [(SafetensorsWriter.Entry(name: name, dtype: .float64, shape: []), [0.1])])
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let tensor = try #require(try TensorFile(path: path).tensors.first)
            #expect(tensor.name == name)
            #expect(try tensor.doubleValues() == [Double(Float(0.1))])
        }
    }

    @Test("float16 and bfloat16 round to nearest even, overflow to infinity")
    func narrowRounding() throws {
        // 1 + 2^-11 is halfway between float16 1 (0x3C00) and 1 + 2^-10 (0x3C01): ties to even
        // gives 0x3C00; 1 + 3*2^-11 is halfway between 0x3C01 and 0x3C02: 0x3C02. 65520 is
        // halfway between 65504 (the largest) and 2^16: rounds to infinity 0x7C00.
        // bfloat16: 1 + 2^-8 halfway between 0x3F80 and 0x3F81: 0x3F80; 1 + 3*2^-8: 0x3F82.
        let x: [Float] = [1 + 0x1p-11, 1 + 3 * 0x1p-11, 65520]
        var half: [UInt8] = []
        x.withUnsafeBufferPointer { SafetensorsWriter.appendElements($0, as: .float16, to: &half) }
        #expect(half == [0x00, 0x3C, 0x02, 0x3C, 0x00, 0x7C], "\(Self.hex(half))")
        let y: [Float] = [1 + 0x1p-8, 1 + 3 * 0x1p-8]
        var brain: [UInt8] = []
        y.withUnsafeBufferPointer { SafetensorsWriter.appendElements($0, as: .bfloat16, to: &brain) }
        #expect(brain == [0x80, 0x3F, 0x82, 0x3F], "\(Self.hex(brain))")
    }

    @Test("a repeated name and a shape that does not hold the values are refused")
    func refusals() {
        let e = SafetensorsWriter.Entry(name: "a", dtype: .float32, shape: [1])
        #expect(throws: TensorFileError.self) { try SafetensorsWriter.header([e, e]) }
        #expect(throws: TensorFileError.self) { try SafetensorsWriter.encode([(e, [1, 2])]) }
    }

    @Test("the spool writes what the in-memory writer writes, and leaves no spool behind")
    func spool() throws {
        try withScratchFolder { folder in
            let tensors: [(String, [Int], [Float])] = [
                ("z/output", [2, 3], Self.base), ("a/input", [3], [0.5, -0.0, .infinity]),
                ("m/bias", [2, 0], []), ("s/weight", [], [42]),
            ]
            let path = folder.file("step-00000001.safetensors")
            let spool = try SafetensorsSpool(path: path)
            for (name, shape, values) in tensors {
                try values.withUnsafeBufferPointer { try spool.append(name: name, shape: shape, values: $0) }
            }
            #expect(FileTree.entries(folder.path).contains(".step-00000001.safetensors.spool"))
            #expect(!FileTree.entries(folder.path).contains("step-00000001.safetensors"))
            try spool.finish(metadata: ["step": "1"])
            #expect(FileTree.entries(folder.path) == ["step-00000001.safetensors"])
            let expected = try SafetensorsWriter.encode(
                tensors.map { (SafetensorsWriter.Entry(name: $0.0, dtype: .float32, shape: $0.1), $0.2) },
                metadata: ["step": "1"])
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(bytes == expected, "spooled \(Self.hex(bytes)) in memory \(Self.hex(expected))")
            let read = try TensorFile(path: path)
            for (name, shape, values) in tensors {
                let t = try #require(read.tensors.first { $0.name == name })
                #expect(t.shape == shape)
                #expect(try t.floatValues().array.map(\.bitPattern) == values.map(\.bitPattern))
            }
        }
    }
}

//===--- RealFixtureTests.swift -------------------------------------------===//
//
// The readers on files written by NumPy 2.4.6 and safetensors 0.8.0.
//
//===----------------------------------------------------------------------===//

import Foundation
import Testing
import TensorFiles

/// Files made by scripts/make-tensor-fixtures.py with the reference implementations. The
/// base array there is [[1, -2.5, 0.375], [65504, 2^-24, -0]]: exact in float16 and wider, so
/// every file must give exactly these values (row-major) whatever its type, byte order and
/// layout.
@Suite("Tensor files written by NumPy and safetensors")
struct RealFixtureTests {
    static let base: [Float] = [1, -2.5, 0.375, 65504, 0x1p-24, -0.0]

    static func path(_ name: String) throws -> String {
        let folder = try #require(Bundle.module.path(forResource: "Fixtures", ofType: nil))
        return folder + "/" + name
    }

    static func open(_ name: String) throws -> TensorFile { try TensorFile(path: path(name)) }

    /// Bit-for-bit equality (so -0 differs from +0 and NaN equals NaN of the same bits).
    static func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }

    @Test(
        "npy: every byte order, layout and format version gives the base array",
        arguments: ["f32-c.npy", "f64-be-fortran.npy", "f16-be.npy", "f32-v2.npy", "f16-v3.npy"])
    func npyBase(name: String) throws {
        let file = try Self.open(name)
        #expect(file.kind == .npy)
        #expect(file.tensors.count == 1)
        let tensor = file.tensors[0]
        #expect(tensor.name == String(name.dropLast(4)))
        #expect(tensor.shape == [2, 3])
        #expect(Self.bits(try tensor.floatValues().array) == Self.bits(Self.base))
        #expect(try tensor.doubleValues().map(Float.init).map(\.bitPattern) == Self.bits(Self.base))
    }

    @Test("npy: the types and layouts are read as the header says")
    func npyHeaders() throws {
        let be = try Self.open("f64-be-fortran.npy").tensors[0]
        #expect(be.elementType == .float64 && be.byteOrder == .bigEndian && be.storageOrder == .fortran)
        let half = try Self.open("f16-be.npy").tensors[0]
        #expect(half.elementType == .float16 && half.byteOrder == .bigEndian && half.storageOrder == .c)
        // Aligned little-endian float32 in C order is the file's own memory, not a copy.
        #expect(try Self.open("f32-c.npy").tensors[0].floatValues().isBorrowed)
        #expect(try !Self.open("f16-v3.npy").tensors[0].floatValues().isBorrowed)
    }

    @Test("npy: a Fortran-ordered 2 x 3 x 4 arange comes back in row-major order")
    func fortran3D() throws {
        let tensor = try Self.open("f32-fortran-3d.npy").tensors[0]
        #expect(tensor.shape == [2, 3, 4])
        #expect(tensor.storageOrder == .fortran)
        #expect(try tensor.floatValues().array == (0..<24).map(Float.init))
    }

    @Test("npy: a 0-d float64 array is one element, 0.1 rounded once to float32")
    func scalar() throws {
        let tensor = try Self.open("scalar-f8.npy").tensors[0]
        #expect(tensor.shape == [] && tensor.count == 1)
        #expect(try tensor.doubleValues() == [0.1])
        #expect(try tensor.floatValues().array == [Float(0.1)])
    }

    @Test("npy: an int32 array is refused naming its dtype")
    func integerRefused() throws {
        #expect {
            try Self.open("i32.npy")
        } throws: { error in
            let text = String(describing: error)
            return text.contains("i32.npy") && text.contains("'<i4'")
        }
    }

    @Test("npz: stored members (savez), in the archive's order, each with its own type")
    func storedNPZ() throws {
        let file = try Self.open("stored.npz")
        #expect(file.kind == .npz)
        #expect(file.tensors.map(\.name) == ["weights", "bias"])
        #expect(Self.bits(try file.tensors[0].floatValues().array) == Self.bits(Self.base))
        #expect(file.tensors[1].byteOrder == .bigEndian)
        #expect(try file.tensors[1].floatValues().array == [0.5, -1])
    }

    @Test("npz: deflated members (savez_compressed) inflate to the same values")
    func deflatedNPZ() throws {
        let file = try Self.open("deflated.npz")
        #expect(file.tensors.map(\.name) == ["weights", "zeros"])
        #expect(file.tensors[0].elementType == .float16)
        #expect(Self.bits(try file.tensors[0].floatValues().array) == Self.bits(Self.base))
        #expect(file.tensors[1].shape == [64, 64])
        #expect(try file.tensors[1].floatValues().array == [Float](repeating: 0, count: 4096))
    }

    @Test("safetensors from safetensors.numpy: F16, F32, F64 by name, __metadata__ skipped")
    func numpySafetensors() throws {
        let file = try Self.open("numpy.safetensors")
        #expect(file.kind == .safetensors)
        #expect(file.tensors.map(\.name) == ["w16", "w32", "w64"])
        #expect(file.tensors.map(\.elementType) == [.float16, .float32, .float64])
        for tensor in file.tensors {
            #expect(tensor.shape == [2, 3])
            #expect(Self.bits(try tensor.floatValues().array) == Self.bits(Self.base))
        }
    }

    @Test("safetensors: BF16 and FP8 bit patterns decode to their values")
    func narrowSafetensors() throws {
        let file = try Self.open("narrow.safetensors")
        let byName = Dictionary(uniqueKeysWithValues: file.tensors.map { ($0.name, $0) })
        // Bit patterns and values as derived in scripts/make-tensor-fixtures.py:
        // BF16 0x477F = (1 + 127/128) 2^15 = 65280, 0x0001 = 2^-126 2^-7 = 2^-133.
        #expect(
            Self.bits(try #require(byName["bf16"]).floatValues().array)
                == Self.bits([1, -2.5, 0.375, 65280, 0x1p-133, -0.0]))
        // E4M3 (bias 7): 0x7E = 1.75 2^8 = 448, 0x01 = 2^-6 / 8 = 2^-9, 0x7F NaN.
        let e4m3 = try #require(byName["e4m3"]).floatValues().array
        #expect(Self.bits(Array(e4m3.prefix(6))) == Self.bits([1, -2.5, 0.375, 448, 0x1p-9, -0.0]))
        #expect(e4m3[6].isNaN)
        // E5M2 (bias 15): 0x7B = 1.75 2^15 = 57344, 0x01 = 2^-14 / 4 = 2^-16, 0x7C infinity.
        #expect(try #require(byName["e5m2"]).floatValues().array == [1, -2.5, 0.375, 57344, 0x1p-16, .infinity])
    }

    @Test("safetensors: an I32 tensor is refused naming the tensor and its dtype")
    func integerSafetensors() throws {
        #expect {
            try Self.open("int.safetensors")
        } throws: { error in
            let text = String(describing: error)
            return text.contains("int.safetensors") && text.contains("'ids'") && text.contains("I32")
        }
    }
}

import Foundation
import SoftFloat

/// The operand file both harnesses read: a 32-byte header ("MPSBOPS1", count, seed, 0 as
/// little-endian UInt64s), then for the narrow and the full distribution, for binary16, binary32,
/// binary64 and bfloat16, the arrays a, b and c of `count` little-endian encodings each.
enum OperandFile {
    static let magic = Array("MPSBOPS1".utf8)

    /// Writes both distributions' operands drawn with `seed`.
    static func write(to path: String, count: Int, seed: UInt64) throws {
        var data = Data(magic)
        for w in [UInt64(count), seed, 0] { withUnsafeBytes(of: w.littleEndian) { data.append(contentsOf: $0) } }
        for d in OperandDistribution.allCases {
            let set = OperandSet(count: count, d, seed: seed)
            append(set.half, to: &data)
            append(set.single, to: &data)
            append(set.double, to: &data)
            append(set.brain, to: &data)
        }
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// Reads the operand sets (narrow, full) and the seed.
    static func read(_ path: String) throws -> (sets: [OperandSet], seed: UInt64) {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard data.count >= 32, Array(data.prefix(8)) == magic else {
            throw HarnessError("\(path): not an operand file")
        }
        let bytes = [UInt8](data)
        let count = Int(load(UInt64.self, bytes, 8))
        let seed = load(UInt64.self, bytes, 16)
        guard count > 0, data.count == 32 + 2 * 3 * count * (2 + 4 + 8 + 2) else {
            throw HarnessError("\(path): size \(data.count) does not match count \(count)")
        }
        var offset = 32
        let sets = OperandDistribution.allCases.map { d in
            OperandSet(
                distribution: d, half: triple(Binary16.self, bytes, &offset, count),
                single: triple(Binary32.self, bytes, &offset, count),
                double: triple(Binary64.self, bytes, &offset, count),
                brain: triple(BFloat16.self, bytes, &offset, count))
        }
        return (sets, seed)
    }

    static func append<F>(_ t: OperandTriple<F>, to data: inout Data) {
        for array in [t.a, t.b, t.c] {
            for x in array { withUnsafeBytes(of: x.bits.littleEndian) { data.append(contentsOf: $0) } }
        }
    }

    static func triple<F: BinaryFormat>(_: F.Type, _ bytes: [UInt8], _ offset: inout Int, _ count: Int)
        -> OperandTriple<F>
    {
        func array() -> [BinaryFloat<F>] {
            let width = MemoryLayout<F.Bits>.size
            defer { offset += width * count }
            return (0..<count).map { i in
                BinaryFloat<F>(bits: F.Bits(littleEndian: load(F.Bits.self, bytes, offset + width * i)))
            }
        }
        let a = array()
        let b = array()
        let c = array()
        return OperandTriple(a: a, b: b, c: c)
    }

    static func load<T: FixedWidthInteger>(_: T.Type, _ bytes: [UInt8], _ offset: Int) -> T {
        bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
    }
}

/// A one-line error of the harness.
struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

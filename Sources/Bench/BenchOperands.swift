import SoftFloat
import _MPStudySupport

/// Random operands of `F` with exponents in [-7, 7] (the bench's stated distribution):
/// ordinary numbers, no specials, so the table measures the main path of each operation.
func benchOperands<F: BinaryFormat>(_: F.Type, count: Int, seed: UInt64, positive: Bool = false) -> [BinaryFloat<F>] {
    var rng = SeededGenerator(seed: seed)
    let fractionMask = (UInt64(1) << UInt64(F.fractionBitCount)) - 1
    return (0..<count).map { _ in
        let exponent = UInt64(Int(rng.next() % 15) - 7 + F.bias)
        let sign: UInt64 = positive ? 0 : (rng.next() & 1) << UInt64(F.bitWidth - 1)
        let word = sign | exponent << UInt64(F.fractionBitCount) | (rng.next() & fractionMask)
        return BinaryFloat<F>(bits: F.Bits(truncatingIfNeeded: word))
    }
}

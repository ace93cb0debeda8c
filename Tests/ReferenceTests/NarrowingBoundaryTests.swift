import Reference
import SoftFloat
import Testing

/// Narrowing conversions under the default attributes on every exponent field around the
/// target's edges, against the MPFR oracle: the inline paths of `converted(to:in:)` split there
/// (a normal result; the branch-free selection of overflows to infinity, values below half the
/// least subnormal, zeros, infinities and NaNs; the general rounding in between), so each field
/// on either side of a split is tried with fractions that round down, to a tie and up, both
/// signs, and every special of the source. Bits and flags exact; a NaN's sign and payload
/// follow the rule of DESIGN.md (quieted, the top bits of the source's payload kept).
@Suite struct NarrowingBoundaryTests {
    let oracle = Oracle()

    /// Source encodings: for each source exponent field whose result field (re-biased into `G`)
    /// lies within 3 of G's least subnormal point -(f + 1), of 0 and 1, or of G's all-ones
    /// field, the fractions 0, 1, the tie pattern of G's rounding point and its neighbours, and
    /// all ones; then zeros, the least and largest subnormals, infinities, quiet and signalling
    /// NaNs with payloads; each with both signs.
    func sources<F: BinaryFormat, G: BinaryFormat>(_: F.Type, _: G.Type) -> [BinaryFloat<F>] {
        let dropped = F.fractionBitCount - G.fractionBitCount
        let half: UInt64 = 1 << UInt64(dropped - 1)
        let fractionMask: UInt64 = (1 << UInt64(F.fractionBitCount)) - 1
        let fractions: [UInt64] = [0, 1, half - 1, half, half + 1, 3 * half, fractionMask]
        let maxField = (1 << F.exponentBitCount) - 1
        let centres = [-(G.fractionBitCount + 1), 0, 1, (1 << G.exponentBitCount) - 1]
        var fields = Set<Int>()
        for centre in centres {
            for delta in -3...3 {
                let field = centre + delta + F.bias - G.bias  // the source field giving `centre + delta`
                if field >= 1 && field < maxField { fields.insert(field) }
            }
        }
        var words: [UInt64] = []
        for field in fields.sorted() {
            for fraction in fractions { words.append(UInt64(field) << UInt64(F.fractionBitCount) | fraction) }
        }
        let top = UInt64(maxField) << UInt64(F.fractionBitCount)
        let quiet: UInt64 = 1 << UInt64(F.fractionBitCount - 1)
        words += [0, 1, fractionMask, top, top | quiet, top | quiet | 5, top | 1, top | (fractionMask >> 1)]
        let sign: UInt64 = 1 << UInt64(F.exponentBitCount + F.fractionBitCount)
        return (words + words.map { $0 | sign }).map { BinaryFloat<F>(bits: F.Bits(truncatingIfNeeded: $0)) }
    }

    func check<F: BinaryFormat, G: BinaryFormat>(_: F.Type, to _: G.Type) {
        let dropped = UInt64(F.fractionBitCount - G.fractionBitCount)
        for a in sources(F.self, G.self) {
            var env = FloatEnvironment()
            let result = a.converted(to: G.self, in: &env)
            let expected = oracle.convert(a, to: G.self, rounding: .toNearestOrEven, tininess: .afterRounding)
            let hex = "0x" + String(UInt64(a.bits), radix: 16)
            if a.isNaN {
                // Quieted, with the sign and the top bits of the payload: (fraction >> dropped)
                // with G's quiet bit set.
                let quiet: UInt64 = 1 << UInt64(G.fractionBitCount - 1)
                let fraction = UInt64(result.bits) & ((1 << UInt64(G.fractionBitCount)) - 1)
                #expect(result.isNaN && result.sign == a.sign, "\(F.name) \(hex) -> \(G.name)")
                #expect(fraction == quiet | a.fractionField >> dropped, "\(F.name) \(hex) -> \(G.name)")
                #expect(env.flags == expected.flags, "\(F.name) \(hex) -> \(G.name) flags")
            } else {
                #expect(
                    result.bits == expected.value.bits && env.flags == expected.flags,
                    "\(F.name) \(hex) -> \(G.name): \(result.bits) \(env.flags), MPFR \(expected.value.bits) \(expected.flags)"
                )
            }
        }
    }

    @Test func binary64ToBinary32() { check(Binary64.self, to: Binary32.self) }
    @Test func binary64ToBinary16() { check(Binary64.self, to: Binary16.self) }
    @Test func binary32ToBinary16() { check(Binary32.self, to: Binary16.self) }
    @Test func binary32ToBFloat16() { check(Binary32.self, to: BFloat16.self) }
    @Test func binary16ToE5M2() { check(Binary16.self, to: Float8E5M2.self) }
    @Test func bfloat16ToE5M2() { check(BFloat16.self, to: Float8E5M2.self) }
}

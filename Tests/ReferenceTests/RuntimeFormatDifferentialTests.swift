import Reference
import SoftFloat
import Testing

/// Runtime formats (`BinaryFloat<RuntimeFormatSlot>`) against the MPFR oracle: the edge
/// formats (w 2 and 11, p 2 and 53, each layout) and random ones, every checked operation,
/// every rounding attribute and both tininess rules, 300 generated hard cases each, bits and
/// flags exact. `mpstudy verify --runtime-formats 200 --rounding all --tininess all` is the
/// long run.
@Suite struct RuntimeFormatDifferentialTests {
    static let edges: [RuntimeFormat] = [
        (2, 1, true, true), (2, 1, false, true), (2, 1, false, false), (11, 52, true, true),
        (11, 52, false, true), (2, 52, true, true), (11, 1, false, false), (3, 30, true, true),
    ].map { try! RuntimeFormat(exponentBitCount: $0.0, fractionBitCount: $0.1, hasInfinities: $0.2, hasNaN: $0.3) }

    static let formats = edges + RuntimeFormat.randomSample(count: 12, seed: 2026)

    @Test(arguments: formats)
    func matchesMPFR(_ format: RuntimeFormat) {
        for operation in CheckedOperation.allCases {
            for rounding in RoundingRule.allCases {
                for tininess in Tininess.allCases {
                    let report = FormatChoice.runtime(format).differentialCheck(
                        operation, rounding: rounding, tininess: tininess, count: 300, seed: 2026)
                    #expect(report.cases == 300)
                    let listing = report.mismatches.map(\.description).joined(separator: "\n")
                    #expect(
                        report.mismatchCount == 0,
                        "\(format.name) \(operation.rawValue) \(rounding.name) \(tininess.name):\n\(listing)")
                }
            }
        }
    }

    /// The fma cases `verify --runtime-formats 200` found at p = 31 (a product in [2, 4)
    /// cancelling against an addend 2^2 above its exponent, once handled in 64 bits).
    @Test(arguments: [
        (7, 30, [UInt64(0x2c_bfff_ffff), 0x13_ffff_ffff, 0x11_0000_0000]),
        (9, 30, [UInt64(0x37_ffff_ffff), 0x31_3fff_ffff, 0xa9_8000_0000]),
    ])
    func fmaFoundAtPrecision31(_ w: Int, _ f: Int, _ operands: [UInt64]) throws {
        try RuntimeFormat(exponentBitCount: w, fractionBitCount: f).visit(FusedMultiplyAddCase(operands: operands))
    }

    /// The sample covers what it claims: every width and layout in range, reproducibly.
    @Test func randomSampleSpansTheRanges() {
        let sample = RuntimeFormat.randomSample(count: 400, seed: 1)
        #expect(sample == RuntimeFormat.randomSample(count: 400, seed: 1))
        #expect(Set(sample.map(\.exponentBitCount)) == Set(2...11))
        #expect(Set(sample.map(\.precision)).isSuperset(of: [2, 53]))
        #expect(sample.allSatisfy { (2...53).contains($0.precision) })
        #expect(Set(sample.map(\.layoutDescription)).count == 3)
    }
}

/// One fma case in every rounding attribute against the oracle, bits and flags.
struct FusedMultiplyAddCase: FormatVisitor {
    let operands: [UInt64]
    func visit<F: BinaryFormat>(_: F.Type) {
        let (a, b, c) = (
            BinaryFloat<F>(bits: F.Bits(operands[0])), BinaryFloat<F>(bits: F.Bits(operands[1])),
            BinaryFloat<F>(bits: F.Bits(operands[2]))
        )
        let oracle = Oracle()
        for rounding in RoundingRule.allCases {
            var env = FloatEnvironment(rounding: rounding)
            let actual = a.fusedMultiplyAdd(b, c, in: &env)
            let expected = oracle.fusedMultiplyAdd(a, b, c, rounding: rounding, tininess: .afterRounding)
            #expect(
                expected.value.bits == actual.bits && expected.flags == env.flags,
                "\(F.name) fma \(operands.map { String($0, radix: 16) }) \(rounding.name)")
        }
    }
}

import Bench
import SoftFloat
import Testing

/// The operand-by-operand comparison of scripts/bench-vs-berkeley.sh: every difference in bits or
/// flags counts, NaN-payload-only differences are counted apart, examples are in hex.
@Suite struct ResultComparisonTests {
    let cell = BenchCell(.arithmetic(.add, .binary16), .full)

    func compare(_ expected: [UInt16], _ expectedFlags: [UInt8], _ actual: [UInt16], _ actualFlags: [UInt8])
        -> CellComparison
    {
        expected.withUnsafeBytes { e in
            actual.withUnsafeBytes { a in
                ResultComparer.compare(
                    cell, count: expected.count, expected: e.baseAddress!, expectedFlags: expectedFlags,
                    actual: a.baseAddress!, actualFlags: actualFlags, maxExamples: 2
                ) { [UInt64($0), 0x3C00] }
            }
        }
    }

    @Test func identicalResultsHaveNoMismatch() {
        let r = compare([0x3C00, 0x7E00, 0x0001], [0, 1, 24], [0x3C00, 0x7E00, 0x0001], [0, 1, 24])
        #expect(r.count == 3 && r.mismatches == 0 && r.nanPayloadOnly == 0 && r.examples.isEmpty)
    }

    @Test func bitsFlagsAndPayloadsAreEachMismatches() {
        let r = compare(
            [0x3C00, 0x3C00, 0x7E00, 0xFE00, 0x7E01, 0x7C00],
            [16, 16, 1, 0, 0, 0],
            [0x3C01, 0x3C00, 0x7E00, 0x7E00, 0x7E01, 0x7E00],
            [16, 24, 0, 0, 0, 0])
        // #0 bits, #1 flags, #2 flags of equal NaNs, #3 NaN sign only, #5 infinity against NaN.
        #expect(r.mismatches == 4 + 1)
        #expect(r.nanPayloadOnly == 1)
        #expect(r.examples.count == 2)
        #expect(
            r.examples[0]
                == "add binary16 full #0 operands 0x0000 0x3c00: Berkeley 0x3c00 [inexact], SoftFloat 0x3c01 [inexact]")
        #expect(r.examples[1].hasSuffix("Berkeley 0x3c00 [inexact], SoftFloat 0x3c00 [underflow|inexact]"))
    }
}

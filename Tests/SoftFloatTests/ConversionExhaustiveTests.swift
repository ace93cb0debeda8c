import Reference
import SoftFloat
import Testing

/// Every binary16 and every bfloat16 encoding converted to every format (binary16, binary32,
/// binary64, bfloat16, E4M3, E5M2), all five rounding attributes, both tininess rules for
/// narrowing conversions, E4M3 also saturating, against the MPFR oracle (bits and flags).
@Suite struct ConversionExhaustiveTests {
    func check<S: BinaryFormat>(_: S.Type) {
        for (label, report) in sweepConversions(from: S.self) {
            #expect(report.cases > 0 && report.cases % 0x10000 == 0, "\(label)")
            let listing = report.mismatches.map(\.description).joined(separator: "\n")
            #expect(report.mismatchCount == 0, "\(label):\n\(listing)")
        }
    }

    @Test func everyBinary16ToEveryFormat() { check(Binary16.self) }
    @Test func everyBFloat16ToEveryFormat() { check(BFloat16.self) }
}

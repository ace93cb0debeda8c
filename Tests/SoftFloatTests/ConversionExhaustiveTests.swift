import Reference
import SoftFloat
import Testing

/// Every binary16 and every bfloat16 encoding converted to every format (binary16, binary32,
/// binary64, bfloat16, E4M3, E5M2), all five rounding attributes, tininess after rounding,
/// E4M3 also saturating (ties to even), against the MPFR oracle (bits and flags).
/// binary16 -> binary16/32/64 in every attribute and both tininess rules is already in
/// Binary16ExhaustiveTests; `mpstudy verify --exhaustive` also runs both tininess rules and
/// every saturating attribute. 3.1M oracle calls.
@Suite struct ConversionExhaustiveTests {
    func check<S: BinaryFormat>(_: S.Type, to targets: [FormatKind]) {
        for (label, report) in sweepConversions(
            from: S.self, to: targets, bothTininessRules: false,
            saturatingRoundings: [.toNearestOrEven])
        {
            #expect(report.cases > 0 && report.cases % 0x10000 == 0, "\(label)")
            let listing = report.mismatches.map(\.description).joined(separator: "\n")
            #expect(report.mismatchCount == 0, "\(label):\n\(listing)")
        }
    }

    @Test func everyBinary16ToEveryFormat() { check(Binary16.self, to: [.bfloat16, .e4m3, .e5m2]) }
    @Test func everyBFloat16ToEveryFormat() { check(BFloat16.self, to: FormatKind.allCases) }
}

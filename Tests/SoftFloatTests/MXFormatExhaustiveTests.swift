import Reference
import SoftFloat
import Testing

/// Every operand pair of the OCP MX element formats and of the E8M0 scale (FP4 E2M1: 256
/// pairs, FP6 E2M3 and E3M2: 4,096, E8M0: 65,536) for add, sub, mul and div, in all five
/// rounding attributes, both tininess rules, and saturating and not, against the MPFR oracle:
/// bits (any NaN matching any NaN) and flags exact. A mismatch is listed with its operands in
/// hex. 4 x 20 = 80 sweeps per format, 6.1M oracle calls in all.
@Suite struct MXFormatExhaustiveTests {
    static let operations: [CheckedOperation] = [.add, .sub, .mul, .div]

    func check<F: BinaryFormat>(_: F.Type, _ operation: CheckedOperation) {
        for saturating in [false, true] {
            for rounding in RoundingRule.allCases {
                for tininess in Tininess.allCases {
                    let report = sweepSmallFormatPairs(
                        F.self, operation, rounding: rounding, tininess: tininess, saturating: saturating)
                    #expect(report.cases == 1 << (2 * F.bitWidth))
                    let listing = report.mismatches.map(\.description).joined(separator: "\n")
                    #expect(
                        report.mismatchCount == 0,
                        "\(F.name) \(operation.rawValue) \(rounding.name) \(tininess.name) sat=\(saturating): \(report.mismatchCount) mismatches\n\(listing)"
                    )
                }
            }
        }
    }

    @Test(arguments: operations) func e2m3EveryPair(_ operation: CheckedOperation) {
        check(Float6E2M3.self, operation)
    }

    @Test(arguments: operations) func e3m2EveryPair(_ operation: CheckedOperation) {
        check(Float6E3M2.self, operation)
    }

    @Test(arguments: operations) func e2m1EveryPair(_ operation: CheckedOperation) {
        check(Float4E2M1.self, operation)
    }

    @Test(arguments: operations) func e8m0EveryPair(_ operation: CheckedOperation) {
        check(Float8E8M0.self, operation)
    }
}

/// Every encoding of each MX format converted to every format, and every encoding of every
/// format of at most 16 bits (binary16, bfloat16, E4M3, E5M2 and the MX formats) converted to
/// each MX format, in all five rounding attributes, both tininess rules and every saturating
/// attribute, against the MPFR oracle (bits and flags). binary32 and binary64 sources are too
/// many to enumerate: `verify --op convert` draws them near the MX grids. 9.3M oracle calls.
@Suite struct MXConversionExhaustiveTests {
    static let mxFormats: [FormatKind] = [.e2m3, .e3m2, .e2m1, .e8m0]

    func check<S: BinaryFormat>(_: S.Type, to targets: [FormatKind]) {
        let expected = conversionSweepCases(from: S.self, to: targets)
        var total = 0
        for (label, report) in sweepConversions(from: S.self, to: targets) {
            total += report.cases
            let listing = report.mismatches.map(\.description).joined(separator: "\n")
            #expect(report.mismatchCount == 0, "\(label): \(report.mismatchCount) mismatches\n\(listing)")
        }
        #expect(total == expected)
    }

    @Test func everyE2M3ToEveryFormat() { check(Float6E2M3.self, to: FormatKind.allCases) }
    @Test func everyE3M2ToEveryFormat() { check(Float6E3M2.self, to: FormatKind.allCases) }
    @Test func everyE2M1ToEveryFormat() { check(Float4E2M1.self, to: FormatKind.allCases) }
    @Test func everyE8M0ToEveryFormat() { check(Float8E8M0.self, to: FormatKind.allCases) }
    @Test func everyE4M3AndE5M2ToTheMXFormats() {
        check(Float8E4M3.self, to: Self.mxFormats)
        check(Float8E5M2.self, to: Self.mxFormats)
    }
    @Test func everyBinary16ToTheMXFormats() { check(Binary16.self, to: Self.mxFormats) }
    @Test func everyBFloat16ToTheMXFormats() { check(BFloat16.self, to: Self.mxFormats) }
}

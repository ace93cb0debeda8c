import Reference
import SoftFloat
import Testing

/// Every operand pair of both OCP FP8 formats (65,536 pairs each) for add, sub, mul and div,
/// in all five rounding attributes and both tininess rules, against the MPFR oracle: bits
/// (any NaN matching any NaN) and flags exact. E4M3 also in saturating mode.
/// 65,536 x 4 x 5 x 2 x 2 = 5.2M oracle calls, plus 1.3M saturating.
@Suite struct FP8ExhaustiveTests {
    static let operations: [CheckedOperation] = [.add, .sub, .mul, .div]

    func check<F: BinaryFormat>(_: F.Type, _ operation: CheckedOperation, saturating: Bool) {
        for rounding in RoundingRule.allCases {
            for tininess in saturating ? [Tininess.afterRounding] : Tininess.allCases {
                let report = sweepSmallFormatPairs(F.self, operation, rounding: rounding, tininess: tininess,
                                                   saturating: saturating)
                #expect(report.cases == 65_536)
                let listing = report.mismatches.map(\.description).joined(separator: "\n")
                #expect(report.mismatchCount == 0,
                        "\(F.name) \(operation.rawValue) \(rounding.name) \(tininess.name) sat=\(saturating):\n\(listing)")
            }
        }
    }

    @Test(arguments: operations) func e4m3EveryPair(_ operation: CheckedOperation) {
        check(Float8E4M3.self, operation, saturating: false)
    }

    @Test(arguments: operations) func e4m3EveryPairSaturating(_ operation: CheckedOperation) {
        check(Float8E4M3.self, operation, saturating: true)
    }

    @Test(arguments: operations) func e5m2EveryPair(_ operation: CheckedOperation) {
        check(Float8E5M2.self, operation, saturating: false)
    }
}

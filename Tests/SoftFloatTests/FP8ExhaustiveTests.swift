import Reference
import SoftFloat
import Testing

/// Every operand pair of both OCP FP8 formats (65,536 pairs each) for add, sub, mul and div,
/// in all five rounding attributes, against the MPFR oracle: bits (any NaN matching any NaN)
/// and flags exact. mul and div also under tininess before rounding (a sum below 2^emin is
/// exact, so add and sub cannot raise underflow under either rule); E4M3 also in saturating
/// mode (ties to even and upward). 65,536 x (4 x 5 x 2 + 2 x 5 x 2 + 8) = 4.5M oracle calls;
/// `mpstudy verify --exhaustive` runs every combination.
@Suite struct FP8ExhaustiveTests {
    static let operations: [CheckedOperation] = [.add, .sub, .mul, .div]

    func check<F: BinaryFormat>(_: F.Type, _ operation: CheckedOperation, saturating: Bool) {
        for rounding in RoundingRule.allCases {
            if saturating && rounding != .toNearestOrEven && rounding != .up { continue }
            let both = !saturating && (operation == .mul || operation == .div)
            for tininess in both ? Tininess.allCases : [.afterRounding] {
                let report = sweepSmallFormatPairs(
                    F.self, operation, rounding: rounding, tininess: tininess,
                    saturating: saturating)
                #expect(report.cases == 65_536)
                let listing = report.mismatches.map(\.description).joined(separator: "\n")
                #expect(
                    report.mismatchCount == 0,
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

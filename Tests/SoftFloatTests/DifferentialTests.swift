import Reference
import SoftFloat
import Testing

/// SoftFloat against the MPFR oracle: 10,000 generated hard cases for every format (all ten),
/// arithmetic operation, rounding attribute and tininess rule, bits and flags exact. The other
/// operations run in ReferenceTests (OperationAgreementTests, ParsingAgreementTests).
@Suite struct DifferentialTests {
    static let combinations: [(FormatKind, CheckedOperation)] = FormatKind.verified.flatMap { format in
        CheckedOperation.arithmetic.map { (format, $0) }
    }

    @Test(arguments: combinations)
    func matchesMPFR(_ format: FormatKind, _ operation: CheckedOperation) {
        for rounding in RoundingRule.allCases {
            for tininess in Tininess.allCases {
                let report = format.differentialCheck(
                    operation, rounding: rounding, tininess: tininess,
                    count: 10_000, seed: 2026)
                #expect(report.cases == 10_000)
                let listing = report.mismatches.map(\.description).joined(separator: "\n")
                #expect(
                    report.mismatchCount == 0,
                    "\(format.name) \(operation.rawValue) \(rounding.name) \(tininess.name):\n\(listing)")
            }
        }
    }
}

import Reference
import SoftFloat
import Testing

/// SoftFloat's operations beyond arithmetic against the MPFR oracle, every format, rounding
/// attribute and (where rounding can underflow) tininess rule: generated hard cases (integer
/// boundaries ±2^31, ±2^63, 2^64 and halfway cases for the integer conversions and
/// roundToIntegral), 2,000 per setting, bits and flags exact. Failing cases print their operands in hex.
@Suite struct OperationAgreementTests {
    static let operations: [CheckedOperation] = [
        .remainder, .roundToIntegral, .toInt, .fromInt, .scaleB, .compare, .nextUp, .logB,
        .negate, .abs, .copySign, .minimumMagnitude, .maximumMagnitude, .minimumMagnitudeNumber,
        .maximumMagnitudeNumber,
    ]
    static let combinations: [(FormatKind, CheckedOperation)] = FormatKind.allCases.flatMap { format in
        operations.map { (format, $0) }
    }

    @Test(arguments: combinations)
    func matchesMPFR(_ format: FormatKind, _ operation: CheckedOperation) {
        let tininessRules: [Tininess] =
            operation == .scaleB || operation == .fromInt ? Tininess.allCases : [.afterRounding]
        for rounding in RoundingRule.allCases {
            for tininess in tininessRules {
                let report = format.differentialCheck(
                    operation, rounding: rounding, tininess: tininess,
                    count: 2_000, seed: 2027)
                #expect(report.cases == 2_000)
                let listing = report.mismatches.map(\.description).joined(separator: "\n")
                #expect(
                    report.mismatchCount == 0,
                    "\(format.name) \(operation.rawValue) \(rounding.name) \(tininess.name):\n\(listing)")
            }
        }
    }
}

/// Parsing against `mpfr_strtofr`: 100,000 generated strings (random decimals across the
/// range, long ones, exact midpoints, midpoints perturbed by less than one unit in the last
/// place with up to 300 extra digits, exact values, hex floats) per format and rounding
/// attribute, tininess after rounding; 2,000 more per format and attribute with tininess
/// before rounding. Bits and flags exact. (`mpstudy verify --op parse` runs 10^7.)
@Suite struct ParsingAgreementTests {
    static let combinations: [(FormatKind, RoundingRule)] = FormatKind.allCases.flatMap { format in
        RoundingRule.allCases.map { (format, $0) }
    }

    @Test(arguments: combinations)
    func matchesStrtofr(_ format: FormatKind, _ rounding: RoundingRule) {
        for (tininess, count) in [(Tininess.afterRounding, 100_000), (.beforeRounding, 2_000)] {
            let report = format.differentialCheck(
                .parse, rounding: rounding, tininess: tininess, count: count, seed: 31)
            #expect(report.cases == count)
            let listing = report.mismatches.map(\.description).joined(separator: "\n")
            #expect(report.mismatchCount == 0, "\(format.name) parse \(rounding.name) \(tininess.name):\n\(listing)")
        }
    }
}

import SoftFloat

/// Checks SoftFloat's `operation` (add, sub, mul or div) on every operand pair of an 8-bit
/// format (65,536 pairs) against the MPFR oracle, in one rounding attribute and tininess
/// rule, optionally in saturating mode. Results compare by bits, any NaN matching any NaN;
/// flags compare exactly. Runs on all cores; `progress` is told the cases of each finished
/// first operand (2^bitWidth of them), from the thread that ran it.
public func sweepSmallFormatPairs<F: BinaryFormat>(
    _: F.Type, _ operation: CheckedOperation, rounding: RoundingRule,
    tininess: Tininess, saturating: Bool = false,
    progress: (@Sendable (_ cases: Int) -> Void)? = nil
) -> DifferentialReport {
    precondition(F.bitWidth <= 8, "every pair of a wider format is too many for the MPFR oracle")
    precondition([.add, .sub, .mul, .div].contains(operation), "pair sweeps cover add, sub, mul and div")
    let count = 1 << F.bitWidth
    let check = DifferentialCheck<F>(operation, rounding: rounding, tininess: tininess)
    let name = operation.rawValue + (saturating ? " (saturating)" : "")
    return DifferentialReport.gathered(parts: count, progress: progress) { first in
        let oracle = Oracle()
        var report = DifferentialReport()
        let a = BinaryFloat<F>(bits: F.Bits(truncatingIfNeeded: first))
        for second in 0..<count {
            let b = BinaryFloat<F>(bits: F.Bits(truncatingIfNeeded: second))
            var env = FloatEnvironment(rounding: rounding, tininess: tininess, saturatesOverflow: saturating)
            let actual: BinaryFloat<F>
            let expected: OracleResult<F>
            switch operation {
            case .add:
                actual = a.adding(b, in: &env)
                expected = oracle.add(a, b, rounding: rounding, tininess: tininess, saturating: saturating)
            case .sub:
                actual = a.subtracting(b, in: &env)
                expected = oracle.subtract(a, b, rounding: rounding, tininess: tininess, saturating: saturating)
            case .mul:
                actual = a.multiplied(by: b, in: &env)
                expected = oracle.multiply(a, b, rounding: rounding, tininess: tininess, saturating: saturating)
            default:
                actual = a.divided(by: b, in: &env)
                expected = oracle.divide(a, b, rounding: rounding, tininess: tininess, saturating: saturating)
            }
            check.compare(expected, actual, env.flags, [hex(a), hex(b)], name, &report)
        }
        return report
    }
}

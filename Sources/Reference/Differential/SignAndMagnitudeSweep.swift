import SoftFloat

/// Checks negate and abs on every encoding of a format of at most 16 bits, or copySign and
/// the four magnitude extrema of IEEE 754-2019 9.6 on every operand pair of a format of at
/// most 8 bits, against the MPFR oracle. Sign-bit results compare bit for bit, NaNs included
/// (payload and signalling bit must survive); the extrema compare NaN results by NaN-ness.
/// None of them rounds, so one setting (ties to even, tininess after) covers them; E8M0's
/// negate is also checked saturating. `progress` is told the cases of each finished first
/// operand, from the thread that ran it.
public func sweepSignAndMagnitude<F: BinaryFormat>(
    _: F.Type, _ operation: CheckedOperation, saturating: Bool = false,
    progress: (@Sendable (_ cases: Int) -> Void)? = nil
) -> DifferentialReport {
    let unary = operation == .negate || operation == .abs
    precondition(
        [
            .negate, .abs, .copySign, .minimumMagnitude, .maximumMagnitude, .minimumMagnitudeNumber,
            .maximumMagnitudeNumber,
        ].contains(operation), "sign and magnitude operations only")
    precondition(F.bitWidth <= (unary ? 16 : 8), "too many encodings for an exhaustive sweep")
    let count = 1 << F.bitWidth
    let check = DifferentialCheck<F>(operation, rounding: .toNearestOrEven, tininess: .afterRounding)
    let name = operation.rawValue + (saturating ? " (saturating)" : "")
    // Unary: 2^w inputs in chunks of 256; binary: one first operand per part.
    let parts = unary ? max(1, count / 256) : count
    return DifferentialReport.gathered(parts: parts, progress: progress) { part in
        let oracle = Oracle()
        var report = DifferentialReport()
        if unary {
            for bits in part * min(256, count)..<(part + 1) * min(256, count) {
                let a = BinaryFloat<F>(bits: F.Bits(truncatingIfNeeded: bits))
                var env = FloatEnvironment(saturatesOverflow: saturating)
                if operation == .negate {
                    check.compare(
                        oracle.negate(a, saturating: saturating), a.negated(in: &env), env.flags, [hex(a)], name,
                        &report, exactNaN: true)
                } else {
                    check.compare(
                        oracle.absoluteValue(a), a.absoluteValue, env.flags, [hex(a)], name, &report, exactNaN: true)
                }
            }
            return report
        }
        let a = BinaryFloat<F>(bits: F.Bits(truncatingIfNeeded: part))
        for second in 0..<count {
            let b = BinaryFloat<F>(bits: F.Bits(truncatingIfNeeded: second))
            if operation == .copySign {
                check.compare(
                    oracle.copySign(a, b), a.copyingSign(of: b), [], [hex(a), hex(b)], name, &report,
                    exactNaN: true)
            } else {
                check.checkMagnitudeExtremum(a, b, oracle, &report)
            }
        }
        return report
    }
}

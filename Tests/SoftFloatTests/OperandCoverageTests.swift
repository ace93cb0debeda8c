import Reference
import SoftFloat
import Testing

/// The generated cases really reach the hard cases: over 10,000 cases per operation the
/// oracle's results must include every kind of outcome the operation can produce.
@Suite struct OperandCoverageTests {
    /// Outcome categories seen in the oracle's answers.
    struct Seen {
        var counts: [String: Int] = [:]
        mutating func note(_ name: String, _ condition: Bool) { if condition { counts[name, default: 0] += 1 } }
    }

    func survey<F: BinaryFormat>(_: F.Type, _ op: CheckedOperation, rounding: RoundingRule) -> Seen {
        var generator = OperandGenerator<F>(seed: 99)
        let oracle = Oracle()
        var seen = Seen()
        for _ in 0..<10_000 {
            let (a, b, c) = generator.operands(for: op)
            let r: OracleResult<F>
            switch op {
            case .add: r = oracle.add(a, b, rounding: rounding, tininess: .afterRounding)
            case .sub: r = oracle.subtract(a, b, rounding: rounding, tininess: .afterRounding)
            case .mul: r = oracle.multiply(a, b, rounding: rounding, tininess: .afterRounding)
            case .div: r = oracle.divide(a, b, rounding: rounding, tininess: .afterRounding)
            case .sqrt: r = oracle.squareRoot(a, rounding: rounding, tininess: .afterRounding)
            case .fma: r = oracle.fusedMultiplyAdd(a, b, c, rounding: rounding, tininess: .afterRounding)
            default: return seen
            }
            seen.note("inexact", r.flags.contains(.inexact))
            seen.note("exact", !r.flags.contains(.inexact) && r.value.isFinite && !r.value.isZero)
            seen.note("underflow", r.flags.contains(.underflow))
            seen.note("subnormal result", r.value.isSubnormal)
            seen.note("zero result", r.value.isZero)
            seen.note("NaN result", r.value.isNaN)
            seen.note("invalid", r.flags.contains(.invalid))
            seen.note("signalling NaN operand", a.isSignalingNaN || b.isSignalingNaN)
            seen.note("infinite operand", a.isInfinite || b.isInfinite)
            seen.note("subnormal operand", a.isSubnormal || b.isSubnormal)
            if op != .sqrt {
                seen.note("overflow", r.flags.contains(.overflow))
                seen.note("negative zero result", r.value.isZero && r.value.sign)
            }
            if op == .div { seen.note("division by zero", r.flags.contains(.divisionByZero)) }
        }
        return seen
    }

    @Test(arguments: [CheckedOperation.add, .sub, .mul, .div, .sqrt, .fma])
    func everyOutcomeIsReached(_ op: CheckedOperation) {
        for rounding in [RoundingRule.toNearestOrEven, .down] {
            let seen = [
                survey(Binary16.self, op, rounding: rounding), survey(Binary32.self, op, rounding: rounding),
                survey(Binary64.self, op, rounding: rounding),
            ]
            var required = [
                "inexact", "exact", "zero result", "NaN result",
                "invalid", "signalling NaN operand", "infinite operand", "subnormal operand",
            ]
            // A square root is never below 2^(emin/2): no subnormal result, underflow or overflow.
            if op != .sqrt { required += ["subnormal result", "overflow", "negative zero result"] }
            // A sum below 2^emin is exact (both operands are multiples of the smallest
            // subnormal), so add and sub never underflow; the other operations must.
            let addition = op == .add || op == .sub
            if !addition && op != .sqrt { required.append("underflow") }
            if op == .div { required.append("division by zero") }
            for (format, s) in zip(["binary16", "binary32", "binary64"], seen) {
                if addition {
                    #expect(s.counts["underflow", default: 0] == 0, "\(format) \(op.rawValue) raised underflow")
                }
                for name in required {
                    // At least 5 of 10,000 for every category.
                    #expect(
                        s.counts[name, default: 0] >= 5,
                        "\(format) \(op.rawValue) \(rounding.name): '\(name)' reached \(s.counts[name, default: 0]) times"
                    )
                }
            }
        }
    }
}

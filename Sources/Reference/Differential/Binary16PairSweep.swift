import SoftFloat

/// Checks SoftFloat's binary16 `op` on every one of the 2^32 operand pairs in
/// roundTiesToEven (tininess after rounding) against `HardwareBinary16Oracle`.
/// Results compare by bits, except that any NaN matches any NaN; flags compare exactly.
/// `firstOperands.count` · 2^16 cases; `progress` is told the cases of each finished chunk
/// of 64 first operands, from the thread that ran it.
public func sweepBinary16Pairs(
    _ op: HardwareBinary16Oracle.Operation, oracle: HardwareBinary16Oracle,
    firstOperands: ClosedRange<Int> = 0...0xFFFF,
    progress: (@Sendable (_ cases: Int) -> Void)? = nil
) -> DifferentialReport {
    let chunk = 64
    let chunks = (firstOperands.count + chunk - 1) / chunk
    return DifferentialReport.gathered(parts: chunks, progress: progress) { index in
        var report = DifferentialReport()
        let lower = firstOperands.lowerBound + index * chunk
        for a in lower..<min(lower + chunk, firstOperands.upperBound + 1) {
            let x = SoftFloat16(bits: UInt16(a))
            for b in 0...0xFFFF {
                let y = SoftFloat16(bits: UInt16(b))
                var env = FloatEnvironment()
                let r: SoftFloat16
                switch op {
                case .add: r = x.adding(y, in: &env)
                case .sub: r = x.subtracting(y, in: &env)
                case .mul: r = x.multiplied(by: y, in: &env)
                case .div: r = x.divided(by: y, in: &env)
                }
                let expected = oracle.evaluate(op, UInt16(a), UInt16(b))
                let sameValue = r.bits == expected.bits || (r.isNaN && SoftFloat16(bits: expected.bits).isNaN)
                if !sameValue || env.flags != expected.flags {
                    report.record(
                        Mismatch(
                            format: Binary16.name, operation: op.rawValue, rounding: .toNearestOrEven,
                            tininess: .afterRounding,
                            operands: [hex(x), hex(y)], expected: hexBits(UInt64(expected.bits), width: 16),
                            expectedFlags: expected.flags, actual: hex(r), actualFlags: env.flags))
                }
            }
            report.cases += 0x10000
        }
        return report
    }
}

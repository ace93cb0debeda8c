import SoftFloat
import _MPStudySupport

/// The differential cases of the operations beyond arithmetic (remainder, roundToIntegral,
/// integer conversions, parsing, scaleB, comparisons, nextUp, logB).
extension DifferentialCheck {
    func runOperationChunk(cases: Int, seed: UInt64, oracle: Oracle) -> DifferentialReport {
        var report = DifferentialReport()
        var generator = OperandGenerator<F>(seed: seed)
        var strings = DecimalStringGenerator<F>(seed: seed, oracle: oracle)
        var rng = SeededGenerator(seed: seed ^ 0xA5A5_A5A5)
        for _ in 0..<cases {
            var env = FloatEnvironment(rounding: rounding, tininess: tininess)
            switch operation {
            case .remainder:
                let (a, b, _) = generator.operands(for: .div)
                let actual = a.remainder(dividingBy: b, in: &env)
                compare(oracle.remainder(a, b), actual, env.flags, [hex(a), hex(b)], "remainder", &report)
            case .roundToIntegral:
                let a = generator.integerBoundaryOperand()
                let exact = rng.next() & 1 == 0
                let actual = a.rounded(rounding, exact: exact, in: &env)
                compare(
                    oracle.roundToIntegral(a, rounding: rounding, exact: exact), actual, env.flags, [hex(a)],
                    exact ? "roundToIntegralExact" : "roundToIntegral", &report)
            case .toInt:
                let a = generator.integerBoundaryOperand()
                let exact = rng.next() & 1 == 0
                switch rng.next() % 4 {
                case 0: checkInteger(a, Int32.self, exact, oracle, &report)
                case 1: checkInteger(a, Int64.self, exact, oracle, &report)
                case 2: checkInteger(a, UInt32.self, exact, oracle, &report)
                default: checkInteger(a, UInt64.self, exact, oracle, &report)
                }
            case .fromInt:
                let (negative, magnitude) = generator.integerOperand()
                // As the integer type that holds it: Int64/Int32 for signed, UInt64/UInt32 otherwise.
                let actual: BinaryFloat<F>
                let label: String
                if negative, magnitude <= 1 << 63 {
                    let value = Int64(truncatingIfNeeded: 0 &- magnitude)
                    if let small = Int32(exactly: value) {
                        actual = BinaryFloat<F>(small, in: &env)
                        label = "Int32 \(small)"
                    } else {
                        actual = BinaryFloat<F>(value, in: &env)
                        label = "Int64 \(value)"
                    }
                } else {
                    if let small = UInt32(exactly: magnitude) {
                        actual = BinaryFloat<F>(small, in: &env)
                        label = "UInt32 \(small)"
                    } else {
                        actual = BinaryFloat<F>(magnitude, in: &env)
                        label = "UInt64 \(magnitude)"
                    }
                }
                let isNegative = negative && magnitude <= 1 << 63
                let expected = oracle.convert(
                    integerMagnitude: magnitude, negative: isNegative, to: F.self,
                    rounding: rounding, tininess: tininess)
                compare(expected, actual, env.flags, [label], "fromInt", &report)
            case .parse:
                let text = strings.next()
                let expected = oracle.parse(text, to: F.self, rounding: rounding, tininess: tininess)
                do {
                    let actual = try BinaryFloat<F>(parsing: text, in: &env)
                    compare(
                        expected, actual, env.flags,
                        [
                            text.count > 120
                                ? "\"\(text.prefix(60))...\(text.suffix(40))\" (\(text.count) chars)" : "\"\(text)\""
                        ],
                        "parse", &report)
                } catch {
                    report.cases += 1
                    report.record(
                        Mismatch(
                            format: F.name, operation: "parse", rounding: rounding, tininess: tininess,
                            operands: ["\"\(text)\""], expected: hex(expected.value), expectedFlags: expected.flags,
                            actual: "error: \(error)", actualFlags: []))
                }
            case .scaleB:
                let a = generator.operand()
                let span = F.maxExponent - F.minExponent + F.precision + 8
                let n = Int(rng.next() % UInt64(2 * span + 1)) - span
                let actual = a.scaled(byPowerOfTwo: n, in: &env)
                compare(
                    oracle.scaleB(a, n, rounding: rounding, tininess: tininess), actual, env.flags,
                    [hex(a), "n=\(n)"], "scaleB", &report)
            case .compare:
                let (a, b, _) = generator.operands(for: .sub)
                let signaling = rng.next() & 1 == 0
                let actual = a.compare(b, signaling: signaling, in: &env)
                let (expected, flags) = oracle.compare(a, b, signaling: signaling)
                report.cases += 1
                if actual != expected || flags != env.flags {
                    report.record(
                        Mismatch(
                            format: F.name, operation: signaling ? "compareSignaling" : "compareQuiet",
                            rounding: rounding, tininess: tininess, operands: [hex(a), hex(b)],
                            expected: "\(expected)", expectedFlags: flags, actual: "\(actual)", actualFlags: env.flags))
                }
            case .nextUp:
                let a = generator.operand()
                compare(oracle.nextUp(a), a.nextUp(in: &env), env.flags, [hex(a)], "nextUp", &report)
            case .logB:
                let a = generator.operand()
                compare(oracle.logB(a, rounding: rounding), a.logB(in: &env), env.flags, [hex(a)], "logB", &report)
            case .negate:
                let a = generator.operand()
                compare(
                    oracle.negate(a), a.negated(in: &env), env.flags, [hex(a)], "negate", &report, exactNaN: true)
            case .abs:
                let a = generator.operand()
                compare(
                    oracle.absoluteValue(a), a.absoluteValue, env.flags, [hex(a)], "abs", &report, exactNaN: true)
            case .copySign:
                let (a, b, _) = generator.operands(for: .sub)
                compare(
                    oracle.copySign(a, b), a.copyingSign(of: b), env.flags, [hex(a), hex(b)], "copySign", &report,
                    exactNaN: true)
            case .minimumMagnitude, .maximumMagnitude, .minimumMagnitudeNumber, .maximumMagnitudeNumber:
                var (a, b, _) = generator.operands(for: .sub)
                // A quarter of the cases compare equal magnitudes: b = ±a (the sign bit of the
                // oracle's layout, not SoftFloat's negate).
                if rng.next() % 4 == 0 {
                    let sign = rng.next() & 1 == 0 ? FormatLayout(F.self).signBit : 0
                    b = BinaryFloat<F>(bits: F.Bits(truncatingIfNeeded: a.encodingWord ^ sign))
                }
                checkMagnitudeExtremum(a, b, oracle, &report)
            default:
                preconditionFailure("arithmetic is checked in runChunk")
            }
        }
        return report
    }

    /// One case of a magnitude extremum (`operation` is one of the four).
    func checkMagnitudeExtremum(
        _ a: BinaryFloat<F>, _ b: BinaryFloat<F>, _ oracle: Oracle, _ report: inout DifferentialReport
    ) {
        var env = FloatEnvironment(rounding: rounding, tininess: tininess)
        let actual: BinaryFloat<F>
        let expected: OracleResult<F>
        switch operation {
        case .minimumMagnitude:
            actual = a.minimumMagnitude(b, in: &env)
            expected = oracle.minimumMagnitude(a, b)
        case .maximumMagnitude:
            actual = a.maximumMagnitude(b, in: &env)
            expected = oracle.maximumMagnitude(a, b)
        case .minimumMagnitudeNumber:
            actual = a.minimumMagnitudeNumber(b, in: &env)
            expected = oracle.minimumMagnitude(a, b, number: true)
        default:
            actual = a.maximumMagnitudeNumber(b, in: &env)
            expected = oracle.maximumMagnitude(a, b, number: true)
        }
        compare(expected, actual, env.flags, [hex(a), hex(b)], operation.rawValue, &report)
    }

    func checkInteger<I: FixedWidthInteger>(
        _ a: BinaryFloat<F>, _: I.Type, _ exact: Bool, _ oracle: Oracle,
        _ report: inout DifferentialReport
    ) {
        var env = FloatEnvironment(rounding: rounding, tininess: tininess)
        let actual = a.converted(toInteger: I.self, rounding: rounding, exact: exact, in: &env)
        let (expected, flags) = oracle.convert(a, toInteger: I.self, rounding: rounding, exact: exact)
        report.cases += 1
        if actual != expected || flags != env.flags {
            report.record(
                Mismatch(
                    format: F.name, operation: "to \(I.self)\(exact ? " exact" : "")", rounding: rounding,
                    tininess: tininess, operands: [hex(a)], expected: "\(expected)", expectedFlags: flags,
                    actual: "\(actual)", actualFlags: env.flags))
        }
    }
}

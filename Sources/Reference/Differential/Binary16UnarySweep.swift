import SoftFloat

/// Checks every binary16 input of square root and of the conversions to binary16, binary32
/// and binary64 against the MPFR oracle, in every rounding attribute and tininess rule.
/// Returns one labelled report per (operation, rounding, tininess).
///
/// ``binary16UnarySweepCases`` cases in all, on the calling thread; `progress` is told the
/// cases of every 4096 inputs (four cases each: sqrt and three conversions) as they end.
public func sweepBinary16Unary(progress: ((_ cases: Int) -> Void)? = nil) -> [(
    label: String, report: DifferentialReport
)] {
    var reports: [(String, DifferentialReport)] = []
    let oracle = Oracle()
    for rounding in RoundingRule.allCases {
        for tininess in Tininess.allCases {
            let check = DifferentialCheck<Binary16>(.sqrt, rounding: rounding, tininess: tininess)
            let suffix = "\(rounding.name) \(tininess.name) (every input, MPFR)"
            var sqrt = DifferentialReport()
            var convert = DifferentialReport()
            let start = ContinuousClock.now
            for bits in 0...0xFFFF {
                let a = SoftFloat16(bits: UInt16(bits))
                var env = FloatEnvironment(rounding: rounding, tininess: tininess)
                let root = a.squareRoot(in: &env)
                check.compare(
                    oracle.squareRoot(a, rounding: rounding, tininess: tininess), root, env.flags,
                    [hex(a)], "sqrt", &sqrt)
                let run = ConversionRun(check: check, oracle: oracle, cases: 0, seed: 0)
                run.convert(a, to: Binary16.self, &convert)
                run.convert(a, to: Binary32.self, &convert)
                run.convert(a, to: Binary64.self, &convert)
                if bits % 4096 == 4095 { progress?(4 * 4096) }
            }
            let seconds = (ContinuousClock.now - start) / .seconds(1)
            sqrt.seconds = seconds / 4
            convert.seconds = seconds * 3 / 4
            reports.append(("binary16 sqrt \(suffix)", sqrt))
            reports.append(("binary16 convert to half/single/double \(suffix)", convert))
        }
    }
    return reports
}

/// The cases ``sweepBinary16Unary(progress:)`` checks: every binary16 input, for square root
/// and three conversions, in each of the five rounding attributes and two tininess rules.
public var binary16UnarySweepCases: Int { (1 << 16) * 4 * RoundingRule.allCases.count * Tininess.allCases.count }

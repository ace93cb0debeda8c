import SoftFloat

/// Checks the conversion of every encoding of a 16-bit (or narrower) format `S` to every
/// format in `FormatKind.allCases`, in all five rounding attributes, against the MPFR oracle.
/// Narrowing conversions (where underflow can happen) run under both tininess rules,
/// widening ones (exact) under one; conversions to E4M3 also in saturating mode.
/// Returns one labelled report per target format.
///
/// `targets` limits the target formats; `bothTininessRules: false` checks tininess after
/// rounding only, and `saturatingRoundings` lists the attributes checked in saturating mode
/// (the quicker settings of the unit tests; `mpstudy verify --exhaustive` runs everything).
/// `progress` is told the cases of each finished chunk of (up to) 4096 inputs, from the thread that
/// ran it; ``conversionSweepCases(from:to:bothTininessRules:saturatingRoundings:)`` says how
/// many there are in all.
public func sweepConversions<S: BinaryFormat>(
    from _: S.Type, to targets: [FormatKind] = FormatKind.allCases,
    bothTininessRules: Bool = true,
    saturatingRoundings: [RoundingRule] = RoundingRule.allCases,
    progress: (@Sendable (_ cases: Int) -> Void)? = nil
)
    -> [(label: String, report: DifferentialReport)]
{
    precondition(S.bitWidth <= 16, "every input of a wider format is too many for the MPFR oracle")
    return targets.map {
        $0.visit(
            ConversionSweepTarget<S>(
                bothTininessRules: bothTininessRules, saturatingRoundings: saturatingRoundings,
                progress: progress))
    }
}

/// The number of cases ``sweepConversions(from:to:bothTininessRules:saturatingRoundings:progress:)``
/// checks with the same arguments: 2^bitWidth inputs of `S` per setting of each target.
public func conversionSweepCases<S: BinaryFormat>(
    from _: S.Type, to targets: [FormatKind] = FormatKind.allCases,
    bothTininessRules: Bool = true,
    saturatingRoundings: [RoundingRule] = RoundingRule.allCases
) -> Int {
    targets.reduce(0) { total, target in
        total + target.visit(
            ConversionSweepSettings<S>(
                bothTininessRules: bothTininessRules,
                saturatingRoundings: saturatingRoundings)
        ).count << S.bitWidth
    }
}

/// The (rounding, tininess, saturating) settings a conversion sweep from `S` checks for one
/// target format: the one list both the sweep and its case count read.
struct ConversionSweepSettings<S: BinaryFormat>: FormatVisitor {
    var bothTininessRules: Bool
    var saturatingRoundings: [RoundingRule]

    func visit<T: BinaryFormat>(_: T.Type) -> [(RoundingRule, Tininess, Bool)] {
        let narrowing = T.fractionBitCount < S.fractionBitCount || T.exponentBitCount < S.exponentBitCount
        var list: [(RoundingRule, Tininess, Bool)] = []
        for rounding in RoundingRule.allCases {
            for tininess in narrowing && bothTininessRules ? Tininess.allCases : [.afterRounding] {
                list.append((rounding, tininess, false))
            }
            if !T.hasInfinities && saturatingRoundings.contains(rounding) {
                list.append((rounding, .afterRounding, true))
            }
        }
        return list
    }
}

/// The sweep of `sweepConversions` into one target format.
struct ConversionSweepTarget<S: BinaryFormat>: FormatVisitor {
    var bothTininessRules: Bool
    var saturatingRoundings: [RoundingRule]
    var progress: (@Sendable (Int) -> Void)?

    func visit<T: BinaryFormat>(_: T.Type) -> (label: String, report: DifferentialReport) {
        let settings = ConversionSweepSettings<S>(
            bothTininessRules: bothTininessRules,
            saturatingRoundings: saturatingRoundings
        ).visit(T.self)
        let chunk = min(4096, 1 << S.bitWidth)
        let chunks = (1 << S.bitWidth) / chunk
        let total = DifferentialReport.gathered(parts: chunks * settings.count, progress: progress) { index in
            let (rounding, tininess, saturating) = settings[index / chunks]
            let lower = (index % chunks) * chunk
            let oracle = Oracle()
            let check = DifferentialCheck<T>(.convert, rounding: rounding, tininess: tininess)
            let name = "convert \(S.name)->\(T.name)" + (saturating ? " (saturating)" : "")
            var report = DifferentialReport()
            for bits in lower..<lower + chunk {
                let a = BinaryFloat<S>(bits: S.Bits(truncatingIfNeeded: bits))
                var env = FloatEnvironment(rounding: rounding, tininess: tininess, saturatesOverflow: saturating)
                let actual = a.converted(to: T.self, in: &env)
                let expected = oracle.convert(
                    a, to: T.self, rounding: rounding, tininess: tininess,
                    saturating: saturating)
                check.compare(expected, actual, env.flags, [hex(a)], name, &report)
            }
            return report
        }
        return ("\(S.name) -> \(T.name), every input, \(settings.count) settings (MPFR)", total)
    }
}

import Dispatch
import Foundation
import Reference
import SoftFloat

extension VerifyCommand {
    /// `--runtime-formats N`: N random runtime formats, each checked on every selected
    /// operation, rounding attribute and tininess rule (`--count` cases apiece) as one sweep
    /// with one result line; then a line of totals. True if anything mismatched.
    func runRuntimeFormatSweeps(count formats: Int) -> Bool {
        let (cases, seed) = (count ?? Self.defaultCount, seed ?? Self.defaultSeed)
        let operations = (op ?? Self.defaultOperations).values
        let rules = (rounding ?? Self.defaultRoundings).values
        let tininessRules = (tininess ?? Self.defaultTininess).values
        let combinations = operations.count * rules.count * tininessRules.count
        // Added up as the sweeps end (one after another, on this thread).
        var (checked, mismatches) = (0, 0)
        let start = DispatchTime.now()
        let sweeps = RuntimeFormat.randomSample(count: formats, seed: seed).map { format in
            let label =
                "\(format.name) (w \(format.exponentBitCount), p \(format.precision), emin \(format.minExponent), "
                + "emax \(format.maxExponent), \(format.layoutDescription))"
            return VerifySweep(name: label, cases: cases * combinations) { progress in
                var total = DifferentialReport()
                for operation in operations {
                    for rule in rules {
                        for tiny in tininessRules {
                            total.merge(
                                FormatChoice.runtime(format).differentialCheck(
                                    operation, rounding: rule, tininess: tiny, count: cases, seed: seed,
                                    progress: progress))
                        }
                    }
                }
                checked += total.cases
                mismatches += total.mismatchCount
                return .differential([(label, total)])
            }
        }
        let failed = runSweeps(sweeps)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        print(
            "runtime formats: \(formats) formats x \(operations.count) operations x \(rules.count) roundings x "
                + "\(tininessRules.count) tininess x \(cases) cases = \(checked) cases, \(mismatches) mismatches, "
                + "\(String(format: "%.1f", seconds)) s")
        return failed
    }
}

import ArgumentParser
import Reference
import Foundation
import SoftFloat

/// `mpstudy verify`: differential checks of SoftFloat against MPFR and the hardware.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check SoftFloat bit for bit, flags included, against GNU MPFR.",
        discussion: """
            Draws operands that hit the hard cases (exponent boundaries, ties, carries, \
            cancellation, subnormals, overflow, signed zeros, infinities, NaNs), computes each \
            case with SoftFloat and with the MPFR oracle, and prints every mismatch with its \
            operands, expected and actual bits and flags in hex. Exits non-zero on any mismatch.

            Operations: \(CheckedOperation.coverageList).

            --exhaustive checks every binary16 pair for add, sub, mul and div (roundTiesToEven) \
            against the host's binary64 arithmetic, every binary16 input of sqrt and of the \
            conversions against MPFR in every rounding attribute and tininess rule, every pair of \
            both FP8 formats for add, sub, mul and div in every attribute and tininess rule (E4M3 \
            also saturating), and every binary16 and bfloat16 value converted to every format.
            """)

    /// What the random checks cover when an option is not given.
    static let defaultFormats = Selection<FormatKind>.all
    static let defaultOperations = Selection<CheckedOperation>.all
    static let defaultRoundings = Selection<RoundingRule>([.toNearestOrEven])
    static let defaultTininess = Selection<Tininess>([.afterRounding])
    static let defaultCount = 1_000_000
    static let defaultSeed: UInt64 = 1

    @Option(help: "Formats to check.", default: VerifyCommand.defaultFormats.description)
    var format: Selection<FormatKind>?
    @Option(help: "Operations to check.", default: VerifyCommand.defaultOperations.description)
    var op: Selection<CheckedOperation>?
    @Option(help: "Rounding attributes to check.", default: VerifyCommand.defaultRoundings.description)
    var rounding: Selection<RoundingRule>?
    @Option(help: "Tininess rules to check.", default: VerifyCommand.defaultTininess.description)
    var tininess: Selection<Tininess>?
    @Option(parsing: .unconditional,
            help: "Cases per (format, operation, rounding, tininess), at least 1. (default: \(VerifyCommand.defaultCount))")
    var count: Int?
    @Option(help: "Seed of the operand generator. (default: \(VerifyCommand.defaultSeed))")
    var seed: UInt64?
    @Flag(help: "Run the exhaustive sweeps (binary16 pairs and unary inputs, FP8 pairs, binary16/bfloat16 conversions) instead of random cases.")
    var exhaustive = false
    @Flag(help: "Check the bulk float32 -> float16/bfloat16 rounding kernels on all 2^32 inputs against SoftFloat.")
    var kernels = false

    /// The random checks' options as given (nil: not given), by option name.
    private var randomCheckOptions: [(name: String, given: Bool)] {
        [("--format", format != nil), ("--op", op != nil), ("--rounding", rounding != nil),
         ("--tininess", tininess != nil), ("--count", count != nil), ("--seed", seed != nil)]
    }

    /// Refuses what would be silently ignored: both sweeps at once, or options of the random
    /// checks with a sweep (which has its own fixed coverage).
    func validate() throws {
        if exhaustive && kernels {
            throw ValidationError("--exhaustive and --kernels are separate sweeps; give one of them")
        }
        if exhaustive || kernels {
            let given = randomCheckOptions.filter(\.given).map(\.name)
            if !given.isEmpty {
                throw ValidationError("\(given.joined(separator: ", ")) apply to the random checks, not to --\(exhaustive ? "exhaustive" : "kernels")")
            }
        }
        if let count, count <= 0 {
            throw ValidationError("--count must be a positive number of cases, not \(count)")
        }
    }

    func run() throws {
        let failed = kernels ? runKernelSweep() : exhaustive ? runExhaustive() : runRandom()
        if failed { throw ExitCode.failure }
    }

    /// Prints one report line (and its mismatches); true if anything mismatched.
    func print(_ label: String, _ report: DifferentialReport) -> Bool {
        let rate = report.casesPerSecond
        Swift.print("\(label): \(report.cases) cases, \(report.mismatchCount) mismatches, "
                    + "\(String(format: "%.2f", report.seconds)) s, \(Int(rate.rounded())) cases/s")
        for m in report.mismatches { Swift.print("  " + m.description) }
        if report.mismatchCount > report.mismatches.count {
            Swift.print("  ... and \(report.mismatchCount - report.mismatches.count) more")
        }
        return report.mismatchCount > 0
    }

    func runRandom() -> Bool {
        var failed = false
        let (count, seed) = (count ?? Self.defaultCount, seed ?? Self.defaultSeed)
        for format in (format ?? Self.defaultFormats).values {
            for operation in (op ?? Self.defaultOperations).values {
                for rule in (rounding ?? Self.defaultRoundings).values {
                    for tiny in (tininess ?? Self.defaultTininess).values {
                        let report = format.differentialCheck(operation, rounding: rule, tininess: tiny,
                                                              count: count, seed: seed)
                        failed = print("\(format.name) \(operation.rawValue) \(rule.name) \(tiny.name)", report) || failed
                    }
                }
            }
        }
        return failed
    }

    func runExhaustive() -> Bool {
        var failed = false
        let oracle = HardwareBinary16Oracle()
        for operation in HardwareBinary16Oracle.Operation.allCases {
            let report = sweepBinary16Pairs(operation, oracle: oracle)
            failed = print("binary16 \(operation.rawValue) every pair nearestEven after (hardware oracle)", report) || failed
        }
        for (label, report) in sweepBinary16Unary() {
            failed = print(label, report) || failed
        }
        failed = sweepFP8(Float8E4M3.self, saturating: [false, true]) || failed
        failed = sweepFP8(Float8E5M2.self, saturating: [false]) || failed
        for (label, report) in sweepConversions(from: Binary16.self) + sweepConversions(from: BFloat16.self) {
            failed = print(label, report) || failed
        }
        return failed
    }

    /// Every pair of an FP8 format, add/sub/mul/div, every rounding and tininess rule (MPFR).
    func sweepFP8<F: BinaryFormat>(_: F.Type, saturating modes: [Bool]) -> Bool {
        var failed = false
        for saturating in modes {
            for operation in [CheckedOperation.add, .sub, .mul, .div] {
                var total = DifferentialReport()
                for rounding in RoundingRule.allCases {
                    for tininess in Tininess.allCases {
                        total.merge(sweepSmallFormatPairs(F.self, operation, rounding: rounding, tininess: tininess,
                                                          saturating: saturating))
                    }
                }
                let label = "\(F.name) \(operation.rawValue) every pair, every rounding and tininess\(saturating ? ", saturating" : "") (MPFR)"
                failed = print(label, total) || failed
            }
        }
        return failed
    }
}

import ArgumentParser
import Reference
import Foundation
import Precision
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

            --format also takes runtime formats: eXmY (IEEE-like, e6m9), eXmYfn (no infinities), \
            custom:p=P,emax=E,emin=E[,inf=yes|no,nan=yes|no] (w 2-11, p 2-53; built-in names win). \
            --runtime-formats N draws N runtime formats from --seed (w 2-11, p 2-53; half \
            IEEE-like, a quarter without infinities, a quarter without infinities and NaN) and \
            checks every --op, --rounding and --tininess in each, --count cases apiece: one line \
            per format, then the totals (mpstudy verify --runtime-formats 200 --count 10000 \
            --rounding all --tininess all).

            --exhaustive checks every binary16 pair for add, sub, mul and div (roundTiesToEven) \
            against the host's binary64 arithmetic, every binary16 input of sqrt and of the \
            conversions against MPFR in every rounding attribute and tininess rule, every pair of \
            both FP8 formats and of the OCP MX formats (FP6 E2M3 and E3M2, FP4 E2M1, the E8M0 \
            scale) for add, sub, mul and div in every attribute and tininess rule (E4M3 and the \
            MX formats also saturating), every binary16, bfloat16, FP8 and MX value converted to \
            every format, and negate, abs, copySign and the magnitude extrema on every input \
            (pair) of binary16, bfloat16 (negate, abs), FP8 and MX.
            """)

    /// What the random checks cover when an option is not given.
    static let defaultFormats = Selection<FormatChoice>.all
    static let defaultOperations = Selection<CheckedOperation>.all
    static let defaultRoundings = Selection<RoundingRule>([.toNearestOrEven])
    static let defaultTininess = Selection<Tininess>([.afterRounding])
    static let defaultCount = 1_000_000
    static let defaultSeed: UInt64 = 1

    @Option(help: "Formats to check.", default: VerifyCommand.defaultFormats.description)
    var format: Selection<FormatChoice>?
    @Option(
        name: .customLong("runtime-formats"), parsing: .unconditional,
        help: "Check this many random runtime formats (drawn from --seed) instead of --format.")
    var runtimeFormats: Int?
    @Option(help: "Operations to check.", default: VerifyCommand.defaultOperations.description)
    var op: Selection<CheckedOperation>?
    @Option(help: "Rounding attributes to check.", default: VerifyCommand.defaultRoundings.description)
    var rounding: Selection<RoundingRule>?
    @Option(help: "Tininess rules to check.", default: VerifyCommand.defaultTininess.description)
    var tininess: Selection<Tininess>?
    @Option(
        parsing: .unconditional,
        help: "Cases per (format, operation, rounding, tininess), at least 1. (default: \(VerifyCommand.defaultCount))")
    var count: Int?
    @Option(help: "Seed of the operand generator. (default: \(VerifyCommand.defaultSeed))")
    var seed: UInt64?
    @Flag(
        help:
            "Run the exhaustive sweeps (binary16 pairs and unary inputs, FP8 and MX pairs, binary16/bfloat16/FP8/MX conversions, sign and magnitude operations) instead of random cases."
    )
    var exhaustive = false
    @Flag(
        help:
            "Check the bulk float32 -> float16/bfloat16 rounding kernels and the scaled kernels' element rounding (E4M3, E5M2, E3M2, E2M3, E2M1, with statistics) on all 2^32 inputs against SoftFloat."
    )
    var kernels = false
    @Option(
        name: .customLong("kernel-format"),
        help: "With --kernels: the sweeps' target formats (float16 and bfloat16 kernels, scaled element formats).",
        default: "all")
    var kernelFormats: Selection<KernelSweepFormat>?
    @Option(
        name: .customLong("kernel-set"),
        help: "With --kernels: the kernel implementations to sweep (those this CPU lacks are skipped).",
        default: "all this CPU runs")
    var kernelSets: Selection<RoundingKernels>?

    /// The random checks' options as given (nil: not given), by option name.
    private var randomCheckOptions: [(name: String, given: Bool)] {
        [
            ("--format", format != nil), ("--op", op != nil), ("--rounding", rounding != nil),
            ("--tininess", tininess != nil), ("--count", count != nil), ("--seed", seed != nil),
            ("--runtime-formats", runtimeFormats != nil),
        ]
    }

    /// Refuses what would be silently ignored: both sweeps at once, or options of the random
    /// checks with a sweep (which has its own fixed coverage).
    func validate() throws {
        if exhaustive && kernels {
            throw ValidationError("--exhaustive and --kernels are separate sweeps; give one of them")
        }
        if !kernels && (kernelFormats != nil || kernelSets != nil) {
            throw ValidationError(
                "--kernel-format and --kernel-set select among the --kernels sweeps; give --kernels too")
        }
        if exhaustive || kernels {
            let given = randomCheckOptions.filter(\.given).map(\.name)
            if !given.isEmpty {
                throw ValidationError(
                    "\(given.joined(separator: ", ")) apply to the random checks, not to --\(exhaustive ? "exhaustive" : "kernels")"
                )
            }
        }
        if let runtimeFormats {
            if format != nil {
                throw ValidationError("--runtime-formats draws its own formats; give it or --format, not both")
            }
            if runtimeFormats <= 0 || runtimeFormats > 100_000 {
                throw ValidationError(
                    "--runtime-formats must be a number of formats from 1 to 100000, not \(runtimeFormats)")
            }
        }
        if let count, count <= 0 {
            throw ValidationError("--count must be a positive number of cases, not \(count)")
        }
    }

    func run() throws {
        if let runtimeFormats {
            if runRuntimeFormatSweeps(count: runtimeFormats) { throw ExitCode.failure }
            return
        }
        let sweeps = kernels ? kernelSweeps() : exhaustive ? exhaustiveSweeps() : randomSweeps()
        if runSweeps(sweeps) { throw ExitCode.failure }
    }

    /// One line per (format, operation, rounding, tininess): `count` random cases each.
    func randomSweeps() -> [VerifySweep] {
        let (count, seed) = (count ?? Self.defaultCount, seed ?? Self.defaultSeed)
        var sweeps: [VerifySweep] = []
        for format in (format ?? Self.defaultFormats).values {
            for operation in (op ?? Self.defaultOperations).values {
                for rule in (rounding ?? Self.defaultRoundings).values {
                    for tiny in (tininess ?? Self.defaultTininess).values {
                        let label = "\(format.name) \(operation.rawValue) \(rule.name) \(tiny.name)"
                        sweeps.append(
                            VerifySweep(name: label, cases: count) { progress in
                                .differential([
                                    (
                                        label,
                                        format.differentialCheck(
                                            operation, rounding: rule, tininess: tiny,
                                            count: count, seed: seed, progress: progress)
                                    )
                                ])
                            })
                    }
                }
            }
        }
        return sweeps
    }

    /// `--exhaustive`: every binary16 pair against the hardware, every binary16 unary input,
    /// every FP8 and MX pair, every binary16, bfloat16, FP8 and MX conversion, and the
    /// sign-bit and magnitude operations (MPFR).
    func exhaustiveSweeps() -> [VerifySweep] {
        let oracle = HardwareBinary16Oracle()
        var sweeps = HardwareBinary16Oracle.Operation.allCases.map { operation in
            let label = "binary16 \(operation.rawValue) every pair nearestEven after (hardware oracle)"
            return VerifySweep(name: label, cases: 1 << 32) { progress in
                .differential([(label, sweepBinary16Pairs(operation, oracle: oracle, progress: progress))])
            }
        }
        sweeps.append(
            VerifySweep(
                name: "binary16 sqrt and conversions, every input, every rounding and tininess (MPFR)",
                cases: binary16UnarySweepCases
            ) { progress in
                .differential(sweepBinary16Unary(progress: progress))
            })
        sweeps +=
            fp8Sweeps(Float8E4M3.self, saturating: [false, true]) + fp8Sweeps(Float8E5M2.self, saturating: [false])
        sweeps += conversionSweeps(from: Binary16.self) + conversionSweeps(from: BFloat16.self)
        sweeps += conversionSweeps(from: Float8E4M3.self) + conversionSweeps(from: Float8E5M2.self)
        sweeps +=
            fp8Sweeps(Float6E2M3.self, saturating: [false, true])
            + fp8Sweeps(Float6E3M2.self, saturating: [false, true])
            + fp8Sweeps(Float4E2M1.self, saturating: [false, true])
            + fp8Sweeps(Float8E8M0.self, saturating: [false, true])
        sweeps += conversionSweeps(from: Float6E2M3.self) + conversionSweeps(from: Float6E3M2.self)
        sweeps += conversionSweeps(from: Float4E2M1.self) + conversionSweeps(from: Float8E8M0.self)
        for kind in [FormatKind.binary16, .bfloat16, .e4m3, .e5m2, .e2m3, .e3m2, .e2m1, .e8m0] {
            sweeps += kind.visit(SignAndMagnitudeSweeps())
        }
        return sweeps
    }

    /// negate and abs on every encoding, copySign and the magnitude extrema on every pair
    /// (8-bit formats only), against MPFR: one line per operation.
    struct SignAndMagnitudeSweeps: FormatVisitor {
        func visit<F: BinaryFormat>(_: F.Type) -> [VerifySweep] {
            let unary: [CheckedOperation] = [.negate, .abs]
            let pairs: [CheckedOperation] =
                F.bitWidth <= 8
                ? [.copySign, .minimumMagnitude, .maximumMagnitude, .minimumMagnitudeNumber, .maximumMagnitudeNumber]
                : []
            return (unary + pairs).map { operation in
                let isUnary = unary.contains(operation)
                let label = "\(F.name) \(operation.rawValue) every \(isUnary ? "input" : "pair") (MPFR)"
                return VerifySweep(name: label, cases: 1 << ((isUnary ? 1 : 2) * F.bitWidth)) { progress in
                    .differential([(label, sweepSignAndMagnitude(F.self, operation, progress: progress))])
                }
            }
        }
    }

    /// Every pair of an FP8 format, add/sub/mul/div, every rounding and tininess rule (MPFR):
    /// one line per operation (and saturating mode).
    func fp8Sweeps<F: BinaryFormat>(_: F.Type, saturating modes: [Bool]) -> [VerifySweep] {
        var sweeps: [VerifySweep] = []
        let settings = RoundingRule.allCases.count * Tininess.allCases.count
        for saturating in modes {
            for operation in [CheckedOperation.add, .sub, .mul, .div] {
                let label =
                    "\(F.name) \(operation.rawValue) every pair, every rounding and tininess\(saturating ? ", saturating" : "") (MPFR)"
                sweeps.append(
                    VerifySweep(name: label, cases: settings << (2 * F.bitWidth)) { progress in
                        var total = DifferentialReport()
                        for rounding in RoundingRule.allCases {
                            for tininess in Tininess.allCases {
                                total.merge(
                                    sweepSmallFormatPairs(
                                        F.self, operation, rounding: rounding, tininess: tininess,
                                        saturating: saturating, progress: progress))
                            }
                        }
                        return .differential([(label, total)])
                    })
            }
        }
        return sweeps
    }

    /// Every encoding of `S` converted to each format (MPFR): one line per target format.
    func conversionSweeps<S: BinaryFormat>(from _: S.Type) -> [VerifySweep] {
        FormatKind.allCases.map { target in
            VerifySweep(
                name: "\(S.name) -> \(target.rawValue), every input (MPFR)",
                cases: conversionSweepCases(from: S.self, to: [target])
            ) { progress in
                .differential(sweepConversions(from: S.self, to: [target], progress: progress))
            }
        }
    }
}

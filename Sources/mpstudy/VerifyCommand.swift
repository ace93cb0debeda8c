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

            Operations: add, sub, mul, div, sqrt, fma, convert (to and from every other \
            format), remainder, roundToIntegral (and its exact variant), toInt (Int32, Int64, \
            UInt32, UInt64, exact and inexact variants, boundary values), fromInt, parse \
            (decimal and hex strings against mpfr_strtofr: random, long, exact ties and \
            near-ties), scaleB, compare (quiet and signalling), nextUp, logB.

            --exhaustive checks every binary16 pair for add, sub, mul and div (roundTiesToEven) \
            against the host's binary64 arithmetic, every binary16 input of sqrt and of the \
            conversions against MPFR in every rounding attribute and tininess rule, every pair of \
            both FP8 formats for add, sub, mul and div in every attribute and tininess rule (E4M3 \
            also saturating), and every binary16 and bfloat16 value converted to every format.
            """)

    @Option(help: "half, single, double, bfloat16, e4m3, e5m2 or all.")
    var format: String = "all"
    @Option(help: "add, sub, mul, div, sqrt, fma, convert, remainder, roundToIntegral, toInt, fromInt, parse, scaleB, compare, nextUp, logB or all.")
    var op: String = "all"
    @Option(help: "nearestEven, nearestAway, towardZero, up, down or all.")
    var rounding: String = "nearestEven"
    @Option(help: "after, before or all.")
    var tininess: String = "after"
    @Option(parsing: .unconditional, help: "Cases per (format, operation, rounding, tininess).")
    var count: Int = 1_000_000
    @Option(help: "Seed of the operand generator.")
    var seed: UInt64 = 1
    @Flag(help: "Run the exhaustive sweeps (binary16 pairs and unary inputs, FP8 pairs, binary16/bfloat16 conversions) instead of random cases.")
    var exhaustive = false
    @Flag(help: "Check the bulk float32 -> float16/bfloat16 rounding kernels on all 2^32 inputs against SoftFloat.")
    var kernels = false

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be a positive number of cases, not \(count)") }
        _ = try selectedFormats()
        _ = try selectedOperations()
        _ = try selectedRoundings()
        _ = try selectedTininess()
    }

    func selectedFormats() throws -> [FormatKind] {
        try choices(format, all: FormatKind.verified, option: "format") { FormatKind(name: $0) }
    }
    func selectedOperations() throws -> [CheckedOperation] {
        try choices(op, all: CheckedOperation.allCases, option: "op") { name in
            CheckedOperation.allCases.first { $0.rawValue.lowercased() == name.lowercased() }
        }
    }
    func selectedRoundings() throws -> [RoundingRule] {
        try choices(rounding, all: RoundingRule.allCases, option: "rounding") { RoundingRule(name: $0) }
    }
    func selectedTininess() throws -> [Tininess] {
        try choices(tininess, all: Tininess.allCases, option: "tininess") { Tininess(name: $0) }
    }

    func run() throws {
        let failed = kernels ? runKernelSweep() : exhaustive ? runExhaustive() : try runRandom()
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

    func runRandom() throws -> Bool {
        var failed = false
        for format in try selectedFormats() {
            for operation in try selectedOperations() {
                for rule in try selectedRoundings() {
                    for tiny in try selectedTininess() {
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

/// Parses a comma-separated list of names (or `all`), refusing unknown ones with the valid list.
func choices<T>(_ text: String, all: [T], option: String, parse: (String) -> T?) throws -> [T] {
    if text.lowercased() == "all" { return all }
    return try text.split(separator: ",").map { name in
        guard let value = parse(String(name)) else {
            throw ValidationError("unknown --\(option) '\(name)'; valid: \(validNames(for: option)), all")
        }
        return value
    }
}

func validNames(for option: String) -> String {
    switch option {
    case "format": FormatKind.verified.map(\.name).joined(separator: ", ")
    case "op": CheckedOperation.allCases.map(\.rawValue).joined(separator: ", ")
    case "rounding": RoundingRule.allCases.map(\.name).joined(separator: ", ")
    default: Tininess.allCases.map(\.name).joined(separator: ", ")
    }
}

import ArgumentParser
import Bench
import Foundation
import Precision
import Reporter

/// `mpstudy bench`: throughput measurements, printed as tables measured in one run.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput (build with -c release for meaningful figures).",
        subcommands: [SoftFloatBench.self, RoundingBench.self, ElementSweepBench.self, GEMMBench.self])
}

/// `mpstudy bench softfloat`: the loops, operands and statistic of scripts/bench-vs-berkeley.sh's
/// Swift harness (Sources/Bench/Shared), so its figures are that harness's figures.
struct SoftFloatBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "softfloat",
        abstract: "Operations per second of SoftFloat, the MPFR oracle and the hardware.",
        discussion: """
            add, sub, mul, div, sqrt and fma in binary16, binary32 and binary64 and the conversions \
            f32->f16, f16->f32, f64->f32, f64->f16, f32->bf16 and bf16->f32, round to nearest even, \
            one thread, on two operand sets: narrow (exponents in [-7, 7], no specials) and full \
            (every exponent, subnormals, zeros, infinities, NaNs). Each round times every cell for \
            --seconds of CPU time over arrays of --count operands, results stored; SoftFloat's figure \
            (operations per second of the thread's CPU time, so other jobs' time does not count) is \
            the median over --rounds rounds (min-max beside it). These are the loops and operands of \
            scripts/bench-vs-berkeley.sh (same defaults). MPFR is the oracle as used by `verify` \
            (bits in, bits out); hardware is Float16/Float/Double; both one round, for context.
            """)

    @Option(help: "Seconds of CPU time per cell per round.")
    var seconds: Double = 0.1

    @Option(help: "Rounds (SoftFloat's figure is their median).")
    var rounds: Int = 5

    @Option(help: "Operands per array.")
    var count: Int = 65536

    @Option(help: "Operand seed.")
    var seed: UInt64 = 12

    @Flag(help: "SoftFloat only (no MPFR oracle or hardware columns).")
    var softfloatOnly = false

    @Option(
        help: ArgumentHelp(
            "Print one round's timing lines, labelled ROUND, in scripts/bench-vs-berkeley.sh's tab-separated form instead of the table (SoftFloat only).",
            valueName: "round"))
    var timingLines: Int?

    func validate() throws {
        guard seconds > 0 && seconds <= 10 else {
            throw ValidationError("--seconds must be in (0, 10], not \(seconds)")
        }
        guard (1...100).contains(rounds) else { throw ValidationError("--rounds must be in 1...100, not \(rounds)") }
        guard (1...(1 << 24)).contains(count) else {
            throw ValidationError("--count must be in 1...16777216, not \(count)")
        }
    }

    func run() {
        var options = SoftFloatBenchmarkOptions()
        options.seconds = seconds
        options.rounds = timingLines == nil ? rounds : 1
        options.count = count
        options.seed = seed
        options.references = !softfloatOnly && timingLines == nil
        if let round = timingLines {
            for r in benchmarkSoftFloat(options) {
                let fields = [
                    "mpstudy", "\(round)", r.cell.operation, r.cell.format, r.cell.distribution.name,
                    String(format: "%.2f", r.softFloat[0] / 1e6), String(r.checksum, radix: 16),
                ]
                print(fields.joined(separator: "\t"))
            }
            return
        }
        let display = ProgressDisplay(lineInterval: 0)
        let rows = benchmarkSoftFloat(options) { round in
            display.update(force: true) { _ in "bench softfloat: round \(round) of \(options.rounds) done" }
        }
        display.clear()
        print("SoftFloat throughput, millions of operations per second (round to nearest even, one thread)")
        print("")
        let header = [
            "operation", "format", "data set", "SoftFloat median (min–max)", "MPFR oracle", "hardware",
            "SoftFloat / MPFR",
        ]
        let body = rows.map { r in
            let sorted = r.softFloat.sorted()
            let median =
                sorted.count % 2 == 1
                ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            return [
                r.cell.operation, r.cell.format, r.cell.distribution.name,
                "\(mops(median)) (\(mops(sorted.first!))–\(mops(sorted.last!)))", r.mpfr.map(mops) ?? "–",
                r.hardware.map(mops) ?? "–", r.mpfr.map { String(format: "%.1fx", median / $0) } ?? "–",
            ]
        }
        print(benchTable(header: header, rows: body, labelColumns: 3), terminator: "")
        print("")
        print("\(count) operands per array, seed \(seed), \(options.rounds) rounds of \(seconds) s per cell")
    }

    func mops(_ rate: Double) -> String { String(format: "%.1f", rate / 1e6) }
}

/// `mpstudy bench rounding`.
struct RoundingBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rounding",
        abstract:
            "Elements per second of the bulk rounding kernels: float16/bfloat16, and per-tensor FP8, MX and NVFP4 quantisation.",
        discussion: """
            One thread, a 4M-element tensor with exponents in [-30, 20] and 10% zeros; with \
            statistics means every counter, the exponent histogram, the error sums and the \
            without-scaling counterfactual in the same pass. The scaled schemes always keep their \
            statistics (element counters, histogram of x/scale, error sums in units of u, and per \
            block the clamped scales, elements flushed inside their block and exponent spreads), \
            with blocks along rows and along columns of a 1024 x 4096 matrix.
            """)

    @Option(help: "Seconds per measurement round (five rounds per cell; CPU seconds in the scaled table).")
    var seconds: Double = 0.2
    @Option(help: "Rounds of the scaled table (kernel sets interleaved round by round; the median is shown).")
    var rounds: Int = 5
    @Flag(help: "Only the scaled-quantisation table.")
    var scaledOnly = false

    func validate() throws {
        guard seconds > 0 && seconds <= 10 else {
            throw ValidationError("--seconds must be in (0, 10], not \(seconds)")
        }
        guard (1...100).contains(rounds) else { throw ValidationError("--rounds must be in 1...100, not \(rounds)") }
    }

    func run() {
        if !scaledOnly { runRounding() }
        runScaled()
    }

    /// The float16/bfloat16 table.
    func runRounding() {
        let rows = benchmarkRounding(minimumSeconds: seconds)
        print("Bulk rounding from float32, millions of elements per second (one thread)")
        print("")
        print(
            benchTable(
                header: ["format", "kernel", "statistics", "Melem/s"],
                rows: rows.map {
                    [
                        $0.format.rawValue, $0.kernel, $0.withStatistics ? "all counters" : "off",
                        String(format: "%.0f", $0.elementsPerSecond / 1e6),
                    ]
                }), terminator: "")
        print("")
    }

    /// The scaled-quantisation table: median of `rounds` interleaved rounds, with the range.
    func runScaled() {
        let scaled = benchmarkScaledQuantization(minimumSeconds: seconds, rounds: rounds)
        print(
            "Scaled quantisation from float32 with all statistics, millions of elements per second of the thread's CPU time (one thread; median of \(rounds) rounds, kernel sets interleaved; wall-time median beside it)"
        )
        print("")
        print(
            benchTable(
                header: ["scheme", "blocks along", "kernel", "Melem/s", "min-max", "wall"],
                rows: scaled.map {
                    [
                        $0.scheme, $0.axis.rawValue, $0.kernel, String(format: "%.0f", $0.elementsPerSecond / 1e6),
                        String(format: "%.0f-%.0f", $0.slowest / 1e6, $0.fastest / 1e6),
                        String(format: "%.0f", $0.wallElementsPerSecond / 1e6),
                    ]
                }, labelColumns: 3), terminator: "")
    }
}

/// A bench table: Reporter's padded Markdown table (readable in a terminal), the label
/// columns (the first `labelColumns`) left-aligned and the measurements right-aligned.
func benchTable(header: [String], rows: [[String]], labelColumns: Int = 2) -> String {
    var table = MarkdownTable(
        headers: header,
        alignments: Array(repeating: .left, count: labelColumns)
            + Array(repeating: .right, count: header.count - labelColumns))
    for row in rows { table.append(row) }
    return table.text
}

/// `mpstudy bench element-sweep`: inputs per second of `verify --kernels`' element sweeps.
struct ElementSweepBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "element-sweep",
        abstract: "Inputs per second of verify --kernels' element sweeps, against the reference they replaced.",
        discussion: """
            The sweep (kernel, specialised SoftFloat reference, statistics) over --inputs float32 \
            patterns from 0x3F000000, interleaved round by round with the former sweep (values \
            only, the reference called per input through an existential format type).
            """)

    @Option(help: "Element format: e4m3, e5m2, e3m2, e2m3 or e2m1.")
    var element: String = "e4m3"
    @Option(help: "Kernel set: portable, avx2 or avx512 (at most what this CPU runs).")
    var kernel: String = "avx2"
    @Option(help: "Float32 patterns per round.")
    var inputs: Int = 1 << 22
    @Option(help: "Rounds.")
    var rounds: Int = 5
    @Option(help: "Threads (default: all cores).")
    var threads: Int?

    func run() throws {
        guard let e = ElementFormat(rawValue: element) else { throw ValidationError("unknown element \(element)") }
        guard let k = RoundingKernels.allCases.first(where: { $0.name == kernel }), k <= .widest else {
            throw ValidationError("kernel set \(kernel) unknown or not run by this CPU")
        }
        guard inputs > 0 && inputs <= 1 << 32, (1...100).contains(rounds) else {
            throw ValidationError("--inputs must be in 1...2^32 and --rounds in 1...100")
        }
        let n = threads ?? ProcessInfo.processInfo.activeProcessorCount
        let rows = benchmarkElementSweep(e, kernels: k, inputs: inputs, threads: n, rounds: rounds)
        print(
            "Element sweep \(e.rawValue), \(k) kernel, \(inputs) inputs per round, \(n) threads, \(rounds) rounds interleaved"
        )
        print("")
        print(
            benchTable(
                header: ["reference", "M inputs/s", "min-max"],
                rows: rows.map {
                    [
                        $0.reference, String(format: "%.2f", $0.median / 1e6),
                        String(format: "%.2f-%.2f", $0.slowest / 1e6, $0.fastest / 1e6),
                    ]
                }, labelColumns: 1), terminator: "")
    }
}

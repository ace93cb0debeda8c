import ArgumentParser
import Bench
import Foundation
import Reporter

/// `mpstudy bench`: throughput measurements, printed as tables measured in one run.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput (build with -c release for meaningful figures).",
        subcommands: [SoftFloatBench.self, RoundingBench.self])
}

/// `mpstudy bench softfloat`.
struct SoftFloatBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "softfloat",
        abstract: "Operations per second of SoftFloat, the MPFR oracle and the hardware.",
        discussion: """
            Every operation in binary16, binary32 and binary64, round to nearest even, one \
            thread, 4096 random operands with exponents in [-7, 7] (no specials), best of five \
            rounds. MPFR is the oracle as used by `verify` (bits in, bits out, exponent range \
            set and restored per call); hardware is Float16/Float/Double.
            """)

    @Option(help: "Seconds per measurement round (five rounds per cell).")
    var seconds: Double = 0.05

    func validate() throws {
        guard seconds > 0 && seconds <= 10 else {
            throw ValidationError("--seconds must be in (0, 10], not \(seconds)")
        }
    }

    func run() {
        let rows = benchmarkSoftFloat(minimumSeconds: seconds)
        print("SoftFloat throughput, millions of operations per second (round to nearest even, one thread)")
        print("")
        let header = ["operation", "format", "SoftFloat", "MPFR oracle", "hardware", "SoftFloat / MPFR"]
        let body = rows.map { r in
            [
                r.operation, r.format, mops(r.softFloat), mops(r.mpfr), mops(r.hardware),
                String(format: "%.1fx", r.softFloat / r.mpfr),
            ]
        }
        print(benchTable(header: header, rows: body), terminator: "")
        let slowest = rows.min { $0.softFloat / $0.mpfr < $1.softFloat / $1.mpfr }!
        print("")
        print(
            "Smallest SoftFloat/MPFR ratio: \(String(format: "%.1fx", slowest.softFloat / slowest.mpfr)) (\(slowest.operation), \(slowest.format))"
        )
    }

    func mops(_ rate: Double) -> String { String(format: "%.1f", rate / 1e6) }
}

/// `mpstudy bench rounding`.
struct RoundingBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rounding",
        abstract: "Elements per second of the bulk float32 -> float16/bfloat16 rounding kernels.",
        discussion: """
            One thread, a 4M-element tensor with exponents in [-30, 20] and 10% zeros; with \
            statistics means every counter, the exponent histogram, the error sums and the \
            without-scaling counterfactual in the same pass.
            """)

    @Option(help: "Seconds per measurement round (five rounds per cell).")
    var seconds: Double = 0.2

    func validate() throws {
        guard seconds > 0 && seconds <= 10 else {
            throw ValidationError("--seconds must be in (0, 10], not \(seconds)")
        }
    }

    func run() {
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
    }
}

/// A bench table: Reporter's padded Markdown table (readable in a terminal), the two
/// label columns left-aligned and the measurements right-aligned.
func benchTable(header: [String], rows: [[String]]) -> String {
    var table = MarkdownTable(
        headers: header, alignments: [.left, .left] + Array(repeating: .right, count: header.count - 2))
    for row in rows { table.append(row) }
    return table.text
}

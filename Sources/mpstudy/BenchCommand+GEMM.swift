import ArgumentParser
import Bench
import Foundation
import NeuralNet

/// `mpstudy bench gemm`: each GEMM library on the matrix products of one training step, side by
/// side, against the machine's FMA peak.
struct GEMMBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemm",
        abstract: "GFLOP/s of oneDNN's and OpenBLAS's sgemm on the products of one training step, beside the FMA peak.",
        discussion: """
            The products of one step of the case-study model (784-units-units-10, batch --batch): \
            each layer's forward X·W and weight gradient Xᵀ·dZ, and the input gradient dZ·Wᵀ of \
            the two upper layers, on the fixed panels training uses, --threads at a time. Each \
            round runs every library once per product, the libraries interleaved (their order \
            reversed every other round); the table gives the median GFLOP/s over --rounds rounds \
            (min-max beside it) and, per library, the step's sum of medians against the FMA peak \
            (a register-only FMA loop on every thread, measured after the products). OpenBLAS \
            runs with the kernel set mpstudy chooses for this CPU. Training uses OpenBLAS unless \
            MPSTUDY_GEMM=onednn.
            """)

    @Option(parsing: .unconditional, help: "Batch rows of the step.")
    var batch = 8192
    @Option(parsing: .unconditional, help: "Units of each hidden layer.")
    var units = 4096
    @Option(parsing: .unconditional, help: "Interleaved rounds (the median is shown).")
    var rounds = 5
    @Option(parsing: .unconditional, help: "Threads (default: all cores).")
    var threads: Int?
    @Option(
        name: .customLong("minimum-panel"), parsing: .unconditional,
        help:
            "Least rows or columns of a panel (training's is \(GEMMPanels.defaultMinimumExtent); for studying the cut)."
    )
    var minimumPanel = GEMMPanels.defaultMinimumExtent

    func validate() throws {
        guard (1...65536).contains(batch) else { throw ValidationError("--batch must be in 1...65536, not \(batch)") }
        guard (1...16384).contains(units) else { throw ValidationError("--units must be in 1...16384, not \(units)") }
        guard (1...100).contains(rounds) else { throw ValidationError("--rounds must be in 1...100, not \(rounds)") }
        guard (1...65536).contains(minimumPanel) else {
            throw ValidationError("--minimum-panel must be in 1...65536, not \(minimumPanel)")
        }
        if let threads, !(1...1024).contains(threads) {
            throw ValidationError("--threads must be in 1...1024, not \(threads)")
        }
    }

    func run() {
        // OpenBLAS's kernels are chosen while it loads: re-execute with the right core first.
        OpenBLASCoreRelaunch.relaunchIfNeeded(evenIfUnused: true)
        let threads = threads ?? BLASRuntime.availableCores
        let libraries: [GEMMLibrary] = [.oneDNN, .openBLAS]
        let products = StepProduct.trainingStep(batch: batch, inputs: 784, units: units, classes: 10)
        let loadBefore = BLASRuntime.loadAverage
        let rows = benchmarkGEMM(
            products: products, libraries: libraries, threads: threads, rounds: rounds,
            panels: GEMMPanels(minimumExtent: minimumPanel))
        let peak = FMAPeak.measure(threads: threads)
        let loadAfter = BLASRuntime.loadAverage
        print(
            "GEMM of one training step (batch \(batch), 784-\(units)-\(units)-10), \(threads) thread\(threads == 1 ? "" : "s") on fixed panels of at least \(minimumPanel), \(rounds) rounds, libraries interleaved"
        )
        print(
            "CPU: \(BLASRuntime.cpuModel); \(BLASRuntime.gemmChoice.library.displayName) runs training (\(BLASRuntime.gemmChoice.reason))"
        )
        print("Libraries: \(BLASRuntime.oneDNNVersion); \(BLASRuntime.openBLASSummary)")
        print("1-minute load average: \(load(loadBefore)) before, \(load(loadAfter)) after")
        print("")
        var table: [[String]] = []
        for product in products {
            let cells = libraries.map { library in
                rows.first { $0.product.name == product.name && $0.library == library }!
            }
            table.append(
                [
                    "\(product.name)", "\(product.m) x \(product.n) x \(product.k)",
                    String(format: "%.1f", product.flops / 1e9),
                ]
                    + cells.map {
                        String(format: "%.1f (%.1f-%.1f)", $0.medianGFLOPS, $0.slowestGFLOPS, $0.fastestGFLOPS)
                    } + [String(format: "%.2fx", cells[0].medianGFLOPS / cells[1].medianGFLOPS)])
        }
        let flops = products.reduce(0) { $0 + $1.flops }
        let stepSeconds = libraries.map { library in
            rows.filter { $0.library == library }.reduce(0) { $0 + $1.medianSeconds }
        }
        table.append(
            ["step (sum of medians)", "", String(format: "%.1f", flops / 1e9)]
                + stepSeconds.map { String(format: "%.1f", flops / $0 / 1e9) }
                + [String(format: "%.2fx", stepSeconds[1] / stepSeconds[0])])
        print(
            benchTable(
                header: ["product", "m x n x k", "GFLOP", "oneDNN GFLOP/s", "OpenBLAS GFLOP/s", "oneDNN/OpenBLAS"],
                rows: table), terminator: "")
        print("")
        if let peak {
            print("FMA peak \(peak.description)")
            for (library, seconds) in zip(libraries, stepSeconds) {
                print(
                    String(
                        format: "%@: step GEMM %.0f ms, %.1f%% of the peak; floor %.0f ms, GEMM / floor %.3fx",
                        library.displayName, seconds * 1e3, 100 * peak.seconds(flops: flops) / seconds,
                        peak.seconds(flops: flops) * 1e3, seconds / peak.seconds(flops: flops)))
            }
        }
    }

    private func load(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "unknown" }
}

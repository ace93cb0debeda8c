import Testing

/// `verify` and `bench` through the binary, at sizes that run in seconds in a debug build.
/// (`bench rounding` measures a 4M-element tensor per round, minutes in debug: only its help
/// and usage errors are run here.)
@Suite("verify and bench")
struct VerifyBenchEndToEndTests {
    @Test func verifyOneOperation() throws {
        let result = try mpstudyInScratch(["verify", "--format", "half", "--op", "add", "--count", "200"])
        expectSuccess(result)
        #expect(result.output.hasPrefix("half add nearestEven after: 200 cases, 0 mismatches"), "\(result)")
    }

    /// `all` expands to every rounding (5) and tininess rule (2): ten lines, no mismatch.
    @Test func verifyAllRoundings() throws {
        let result = try mpstudyInScratch([
            "verify", "--format", "e4m3", "--op", "mul", "--rounding", "all",
            "--tininess", "all", "--count", "20",
        ])
        expectSuccess(result)
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 10 && lines.allSatisfy { $0.contains(": 20 cases, 0 mismatches") }, "\(result)")
    }

    @Test func benchSoftFloat() throws {
        let result = try mpstudyInScratch([
            "bench", "softfloat", "--seconds", "0.001", "--count", "256", "--rounds", "1",
        ])
        expectSuccess(result)
        #expect(result.output.contains("SoftFloat throughput") && result.output.contains("| add"), "\(result)")
        #expect(result.output.contains("| bf16->f32") && result.output.contains("| full"), "\(result)")
    }

    /// The lines scripts/bench-vs-berkeley.sh reads: one per cell, seven tab-separated fields.
    @Test func benchSoftFloatTimingLines() throws {
        let result = try mpstudyInScratch([
            "bench", "softfloat", "--seconds", "0.001", "--count", "256", "--timing-lines", "3",
        ])
        expectSuccess(result)
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 48, "\(result)")
        #expect(lines.allSatisfy { $0.hasPrefix("mpstudy\t3\t") && $0.split(separator: "\t").count == 7 }, "\(result)")
        #expect(lines.first?.hasPrefix("mpstudy\t3\tadd\tbinary16\tnarrow\t") == true, "\(result)")
    }

    /// The element sweep against the former reference, on one block of 2^16 patterns: a
    /// two-row table.
    @Test func benchElementSweep() throws {
        let result = try mpstudyInScratch([
            "bench", "element-sweep", "--element", "e2m1", "--kernel", "portable", "--inputs", "65536", "--rounds", "1",
        ])
        expectSuccess(result)
        #expect(result.output.hasPrefix("Element sweep e2m1, portable kernel, 65536 inputs per round"), "\(result)")
        #expect(
            result.output.contains("| specialised bulk (now)")
                && result.output.contains("| existential per input (before)"),
            "\(result)")
    }

    /// Both libraries on the eight products of a small step (784-32-32-10, batch 64): one row
    /// per product with the shapes the Dense layers pass (hand-listed here), the step row, and
    /// each library against the FMA peak.
    @Test func benchGEMM() throws {
        let result = try mpstudyInScratch([
            "bench", "gemm", "--batch", "64", "--units", "32", "--rounds", "1", "--threads", "2",
        ])
        expectSuccess(result)
        for row in [
            "| dense_1 X·W ", "| 64 x 32 x 784", "| dense_1 Xᵀ·dZ ", "| 784 x 32 x 64", "| dense_2 dZ·Wᵀ ",
            "| 64 x 32 x 32", "| dense_logits X·W ", "| 64 x 10 x 32", "| dense_logits dZ·Wᵀ ",
            "| step (sum of medians)",
        ] {
            #expect(result.output.contains(row), "\(row) missing: \(result)")
        }
        #expect(!result.output.contains("dense_1 dZ·Wᵀ"), "\(result)")
        #expect(
            result.output.contains("oneDNN: step GEMM") && result.output.contains("OpenBLAS: step GEMM"), "\(result)")
    }
}

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
        let result = try mpstudyInScratch(["bench", "softfloat", "--seconds", "0.001"])
        expectSuccess(result)
        #expect(result.output.contains("SoftFloat throughput") && result.output.contains("| add"), "\(result)")
    }
}

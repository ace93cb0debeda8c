import Testing

/// Options that contradict each other, or name nothing, are refused before any work with one
/// line (issue 11, item 12), instead of being ignored: each case would otherwise run (the
/// full exhaustive sweep, a check of nothing that exits 0, an analysis of no layer).
@Suite("Contradictory and empty options exit 64 with one line")
struct ContradictoryOptionsEndToEndTests {
    static let cases: [BadInput] = [
        BadInput(
            ["verify", "--exhaustive", "--kernels"], "two sweeps at once", mentions: ["--exhaustive", "--kernels"]),
        BadInput(
            ["verify", "--exhaustive", "--count", "1", "--format", "half"], "random-check options with a sweep",
            mentions: ["--count", "--format", "--exhaustive"]),
        BadInput(
            ["verify", "--kernels", "--seed", "3"], "random-check options with a sweep",
            mentions: ["--seed", "--kernels"]),
        BadInput(
            ["verify", "--kernel-format", "e4m3"], "a choice among the kernel sweeps without them",
            mentions: ["--kernel-format", "--kernels"]),
        BadInput(
            ["verify", "--exhaustive", "--kernel-set", "avx2"], "a choice among the kernel sweeps without them",
            mentions: ["--kernel-set", "--kernels"]),
        BadInput(
            ["verify", "--kernels", "--kernel-format", ","], "a list naming nothing", mentions: ["--kernel-format"]),
        BadInput(["verify", "--format", ",", "--op", "add"], "a list naming nothing", mentions: ["--format"]),
        BadInput(["verify", "--op", "", "--count", "1"], "a list naming nothing", mentions: ["--op"]),
        BadInput(["analyze", "--layer", ""], "a list naming nothing", mentions: ["--layer"]),
        BadInput(["analyze", "--tensor", " , "], "a list naming nothing", mentions: ["--tensor"]),
        BadInput(["analyze", "--compare", ","], "a list naming nothing", mentions: ["--compare"]),
        BadInput(
            ["explain", "0.1", "--all-formats", "--format", "e4m3"], "one format and all of them",
            mentions: ["--all-formats", "--format"]),
    ]

    @Test(arguments: cases)
    func refused(_ input: BadInput) throws {
        expectRefusal(try mpstudyInScratch(input.arguments), status: ExitStatus.usage, mentions: input.mentions)
    }
}

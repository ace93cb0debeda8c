import Testing

/// `--help` of every command (and `mpstudy help <command>`): exit 0, the full text on standard
/// output, nothing on standard error, every option named, and the valid names of each
/// name-valued option listed (help lists come from the types, so they cannot drift).
@Suite("Help of every command")
struct HelpEndToEndTests {
    struct Command: Sendable, CustomTestStringConvertible {
        let path: [String]
        let mentions: [String]
        var testDescription: String { (["mpstudy"] + path).joined(separator: " ") + " --help" }
    }

    static let formats = ["half", "single", "double", "bfloat16", "e4m3", "e5m2", "e2m3", "e3m2", "e2m1", "e8m0"]
    static let roundings = ["nearestEven", "nearestAway", "towardZero", "up", "down"]
    static let policies = [
        "float32", "mixed_float16", "mixed_bfloat16", "float16", "fp8_delayed", "fp8_current", "mxfp8", "mxfp6",
        "mxfp4",
        "nvfp4",
    ]
    static let recipeOptions = [
        "--amax-history", "--amax-rule", "--fp8-margin", "--fp8-format", "--fp6-format", "--backward-same-element",
    ]
    static let modelOptions = [
        "--epochs", "--batch-size", "--units", "--validation-split", "--learning-rate", "--seed",
        "--data", "--threads", "--loss-scale", "dynamic", "none", "MPSTUDY_GEMM",
    ]

    /// Every command and what its help must mention.
    static let commands: [Command] = [
        Command(path: [], mentions: ["--help"] + subcommands),
        Command(path: ["formats"], mentions: ["--json"]),
        Command(
            path: ["explain"],
            mentions: [
                "--format", "--rounding", "--tininess", "--saturating", "--all-formats", "--json",
                "after", "before",
            ] + formats + roundings),
        Command(path: ["decode"], mentions: ["<bits>", "--format", "--json"] + formats),
        Command(
            path: ["calc"],
            mentions: ["--format", "--rounding", "--saturating", "--json", "sqrt", "fma"] + formats + roundings),
        Command(
            path: ["verify"],
            mentions: [
                "--format", "--op", "--rounding", "--tininess", "--count", "--seed", "--exhaustive",
                "--kernels", "--kernel-format", "--kernel-set", "add", "sqrt", "fma", "logB",
            ] + formats + roundings),
        Command(path: ["bench"], mentions: ["softfloat", "rounding", "element-sweep", "gemm"]),
        Command(path: ["bench", "softfloat"], mentions: ["--seconds"]),
        Command(path: ["bench", "rounding"], mentions: ["--seconds", "--rounds", "--scaled-only"]),
        Command(path: ["bench", "element-sweep"], mentions: ["--element", "--kernel", "--inputs", "--rounds"]),
        Command(
            path: ["bench", "gemm"],
            mentions: ["--batch", "--units", "--rounds", "--threads", "--minimum-panel", "MPSTUDY_GEMM"]),
        Command(
            path: ["train"],
            mentions: ["--policy", "--rmsprop-epsilon", "inside", "outside", "--profile"]
                + modelOptions + policies + recipeOptions),
        Command(
            path: ["analyze"],
            mentions: [
                "--policy", "--compare", "--layer", "--tensor", "--output", "--shadow-every",
                "dense_1", "dense_2", "dense_logits", "predictions",
                "activations", "gradients", "kernel-gradients", "kernels", "updates",
            ]
                + modelOptions + policies + recipeOptions),
        Command(path: ["report"], mentions: ["run.json", "--output", "--index"]),
        Command(path: ["convert"], mentions: ["--from", "--to", "--saturating", "--flags", "little-endian"] + formats),
        Command(
            path: ["explain-block"],
            mentions: ["<values>", "--scheme", "--scale", "mxfp8", "mxfp6", "mxfp4", "nvfp4", "fp8-e4m3"]),
        Command(
            path: ["sweep"],
            mentions: [
                "--policy", "--seeds", "--loss-scale", "--units", "--epochs", "--batch-size", "--learning-rate",
                "--study-file", "--output", "--run", "local", "parallel", "slurm", "--jobs", "--resume", "--force",
                "--cpus", "--memory", "--time", "--partition", "--submit",
            ] + policies),
        Command(path: ["study"], mentions: ["<folder>", "95%", "signed-rank"]),
        Command(
            path: ["inspect"],
            mentions: [
                "<file>", "--format", "--tensor", "--output", ".npy", ".npz", ".safetensors", "mxfp8", "nvfp4", "e2m1",
            ]),
    ]

    /// The subcommands `mpstudy --help` must list; each has its cases in this target.
    static let subcommands = [
        "analyze", "train", "sweep", "study", "formats", "explain", "explain-block", "convert", "decode", "calc",
        "inspect", "report", "verify", "bench",
    ]

    @Test(arguments: commands)
    func helpOption(_ command: Command) throws {
        let result = try mpstudyInScratch(command.path + ["--help"])
        expectSuccess(result)
        for word in command.mentions {
            #expect(result.output.contains(word), "\(command.testDescription) mentions \(word)")
        }
    }

    /// `mpstudy help <command>` prints the same text as `<command> --help`.
    @Test(arguments: commands.filter { !$0.path.isEmpty })
    func helpSubcommand(_ command: Command) throws {
        let viaHelp = try mpstudyInScratch(["help"] + command.path)
        expectSuccess(viaHelp)
        #expect(viaHelp.output == (try mpstudyInScratch(command.path + ["--help"])).output)
    }

    /// The subcommands listed by `mpstudy --help` and `mpstudy bench --help` are exactly those
    /// this target covers: a new command fails here until it has end-to-end cases.
    @Test func everyListedSubcommandIsCovered() throws {
        #expect(Self.listedSubcommands(try mpstudyInScratch(["--help"]).output) == Self.subcommands.sorted())
        #expect(
            Self.listedSubcommands(try mpstudyInScratch(["bench", "--help"]).output) == [
                "element-sweep", "gemm", "rounding", "softfloat",
            ])
    }

    /// The names in the SUBCOMMANDS section of a help text (lines indented by exactly two spaces).
    static func listedSubcommands(_ help: String) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "SUBCOMMANDS:") else { return [] }
        return lines[(start + 1)...].prefix { !$0.isEmpty }.compactMap { line -> String? in
            guard line.hasPrefix("  "), line.dropFirst(2).first != " " else { return nil }
            return line.dropFirst(2).split(separator: " ").first.map(String.init)
        }.sorted()
    }

    /// `mpstudy --version`: one line (version and git revision) on standard output, exit 0.
    @Test func version() throws {
        let result = try mpstudyInScratch(["--version"])
        expectSuccess(result)
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains { $0.isNumber }, "\(result)")
    }
}

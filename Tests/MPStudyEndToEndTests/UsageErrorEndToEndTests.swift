import Testing
import _TestSupport

/// Every class of usage error in every command it applies to: exit 64, one line on standard
/// error naming the offending input, nothing on standard output. Each runs in an empty
/// scratch folder, so `train` and `analyze` find no data there: a usage error that were
/// checked only after loading the data would surface as the data error (exit 1) and fail.
@Suite("Usage errors exit 64 with one line")
struct UsageErrorEndToEndTests {
    static let unknownOption: [BadInput] = [
        BadInput(["--frobnicate"], "unknown option", mentions: ["--frobnicate"]),
        BadInput(["formats", "--frobnicate"], "unknown option", mentions: ["--frobnicate"]),
        BadInput(["explain", "1", "--frobnicate"], "unknown option", mentions: ["--frobnicate"]),
        BadInput(["decode", "0x3c00", "--frobnicate"], "unknown option", mentions: ["--frobnicate"]),
        BadInput(["calc", "1 + 1", "--frobnicate"], "unknown option", mentions: ["--frobnicate"]),
        BadInput(["verify", "--frobnicate"], "unknown option", mentions: ["--frobnicate"]),
        BadInput(["bench", "softfloat", "--frobnicate"], "unknown option", mentions: ["--frobnicate"]),
        BadInput(["bench", "rounding", "--frobnicate"], "unknown option", mentions: ["--frobnicate"]),
        BadInput(["bench", "gemm", "--frobnicate"], "unknown option", mentions: ["--frobnicate"]),
        BadInput(["bench", "gemm", "--rounds", "0"], "out of range", mentions: ["--rounds"]),
        BadInput(["bench", "gemm", "--batch", "-3"], "out of range", mentions: ["--batch"]),
        BadInput(["train", "--frobnicate"], "unknown option", mentions: ["--frobnicate"]),
        BadInput(["analyze", "--frobnicate"], "unknown option", mentions: ["--frobnicate"]),
        BadInput(["report", "run.json", "--frobnicate"], "unknown option", mentions: ["--frobnicate"]),
        BadInput(["frobnicate"], "unknown command", mentions: ["frobnicate"]),
        BadInput(["bench", "frobnicate"], "unknown command", mentions: ["frobnicate"]),
    ]

    static let positionals: [BadInput] = [
        BadInput(["explain"], "missing positional", mentions: ["value"]),
        BadInput(["explain", "--format", "single"], "missing positional", mentions: ["value"]),
        BadInput(["decode"], "missing positional", mentions: ["bits"]),
        BadInput(["calc"], "missing positional", mentions: ["expression"]),
        BadInput(["report"], "missing positional", mentions: ["run.json"]),
        BadInput(["explain", "1.5", "77777"], "extra positional", mentions: ["77777"]),
        BadInput(["decode", "0x3c00", "0x4000"], "extra positional", mentions: ["0x4000"]),
        BadInput(["calc", "1 + 1", "88888"], "extra positional", mentions: ["88888"]),
        BadInput(["formats", "extra99"], "extra positional", mentions: ["extra99"]),
        BadInput(["verify", "extra99"], "extra positional", mentions: ["extra99"]),
        BadInput(["bench", "softfloat", "extra99"], "extra positional", mentions: ["extra99"]),
        BadInput(["train", "extra99"], "extra positional", mentions: ["extra99"]),
        BadInput(["analyze", "extra99"], "extra positional", mentions: ["extra99"]),
        BadInput(["report", "a.json", "extra99"], "extra positional", mentions: ["extra99"]),
        BadInput(["report", "a.json", "--index", "Reports"], "conflicting arguments", mentions: ["index"]),
        BadInput(["report", "--index", "Reports", "--output", "out"], "conflicting arguments", mentions: ["output"]),
    ]

    static let unknownNames: [BadInput] = [
        BadInput(["explain", "1", "--format", "quarter"], "unknown format", mentions: ["quarter"]),
        BadInput(["decode", "0x3c", "--format", "quarter"], "unknown format", mentions: ["quarter"]),
        BadInput(["calc", "1 + 1", "--format", "quarter"], "unknown format", mentions: ["quarter"]),
        BadInput(["verify", "--format", "quarter", "--count", "1"], "unknown format", mentions: ["quarter"]),
        // Near misses of the MX names (e2m2 and e8m1 are runtime formats now: refused only when
        // they break the rules of runtime formats).
        BadInput(["explain", "1", "--format", "fp5"], "unknown format", mentions: ["fp5"]),
        BadInput(["decode", "0x3", "--format", "e2m"], "unknown format", mentions: ["e2m"]),
        BadInput(["calc", "1 + 1", "--format", "e12m1"], "invalid format", mentions: ["e12m1", "exponent width 12"]),
        BadInput(["explain", "1", "--format", "e5m0"], "invalid format", mentions: ["e5m0", "p = 1"]),
        BadInput(
            ["verify", "--format", "half,custom:p=3,emax=16,emin=-14", "--count", "1"], "invalid format",
            mentions: ["emax=16 disagrees"]),
        BadInput(
            ["inspect", "x.npy", "--format", "e4m3,custom:p=3,emax=15,emin=-13"], "invalid format",
            mentions: ["emin=-13"]),
        BadInput(["inspect", "x.npy", "--format", "e8m0"], "unknown format or scheme", mentions: ["e8m0"]),
        BadInput(["explain", "1", "--rounding", "sideways"], "unknown rounding", mentions: ["sideways"]),
        BadInput(["calc", "1 + 1", "--rounding", "sideways"], "unknown rounding", mentions: ["sideways"]),
        BadInput(["verify", "--rounding", "sideways", "--count", "1"], "unknown rounding", mentions: ["sideways"]),
        BadInput(["explain", "1", "--tininess", "never"], "unknown tininess", mentions: ["never"]),
        BadInput(["verify", "--tininess", "never", "--count", "1"], "unknown tininess", mentions: ["never"]),
        BadInput(["verify", "--op", "pow", "--count", "1"], "unknown operation", mentions: ["pow"]),
        BadInput(["train", "--policy", "float8"], "unknown policy", mentions: ["float8"]),
        BadInput(["analyze", "--policy", "float8"], "unknown policy", mentions: ["float8"]),
        BadInput(["analyze", "--compare", "float32,float8"], "unknown policy", mentions: ["float8"]),
        BadInput(["analyze", "--layer", "dense_9"], "unknown layer", mentions: ["dense_9"]),
        BadInput(["analyze", "--tensor", "weights"], "unknown tensor group", mentions: ["weights"]),
        BadInput(["train", "--loss-scale", "lots"], "unknown loss scale", mentions: ["lots"]),
        BadInput(["analyze", "--loss-scale", "lots"], "unknown loss scale", mentions: ["lots"]),
        BadInput(["train", "--rmsprop-epsilon", "middle"], "unknown epsilon placement", mentions: ["middle"]),
    ]

    static let malformedNumbers: [BadInput] = [
        BadInput(["explain", "1.2.3"], "malformed number", mentions: ["1.2.3"]),
        BadInput(["explain", "12abc", "--format", "single"], "malformed number", mentions: ["12abc"]),
        BadInput(["decode", "0xZZ"], "malformed number", mentions: ["0xZZ"]),
        BadInput(["decode", "3c00"], "malformed number", mentions: ["3c00"]),
        BadInput(["decode", "0x12345"], "number too wide for the format", mentions: ["0x12345"]),
        // FP6 is 6 bits: 0x3f is its widest pattern, 0x40 needs a seventh bit.
        BadInput(["decode", "0x40", "--format", "e2m3"], "number too wide for the format", mentions: ["0x40"]),
        BadInput(["decode", "0b10000", "--format", "fp4"], "number too wide for the format", mentions: ["0b10000"]),
        BadInput(["calc", "1 +"], "malformed expression"),
        BadInput(["calc", "(1 + 2"], "malformed expression"),
        BadInput(["calc", "1.2.3 * 2"], "malformed number", mentions: ["1.2.3"]),
        BadInput(["train", "--epochs", "five"], "malformed number", mentions: ["five"]),
        BadInput(["analyze", "--batch-size", "8k"], "malformed number", mentions: ["8k"]),
        BadInput(["analyze", "--units", "1.5"], "malformed number", mentions: ["1.5"]),
        BadInput(["train", "--learning-rate", "fast"], "malformed number", mentions: ["fast"]),
        BadInput(["analyze", "--validation-split", "most"], "malformed number", mentions: ["most"]),
        BadInput(["train", "--seed", "-1"], "malformed number", mentions: ["-1"]),
        BadInput(["analyze", "--threads", "two"], "malformed number", mentions: ["two"]),
        BadInput(["analyze", "--shadow-every", "often"], "malformed number", mentions: ["often"]),
        BadInput(["verify", "--count", "many"], "malformed number", mentions: ["many"]),
        BadInput(["verify", "--seed", "x1"], "malformed number", mentions: ["x1"]),
        BadInput(["bench", "softfloat", "--seconds", "soon"], "malformed number", mentions: ["soon"]),
        BadInput(["bench", "rounding", "--seconds", "soon"], "malformed number", mentions: ["soon"]),
    ]

    static let outOfRange: [BadInput] = [
        BadInput(["train", "--epochs", "0"], "out-of-range number", mentions: ["epochs"]),
        BadInput(["analyze", "--epochs", "0"], "out-of-range number", mentions: ["epochs"]),
        BadInput(["train", "--batch-size", "0"], "out-of-range number", mentions: ["batch"]),
        BadInput(["analyze", "--batch-size", "-8"], "out-of-range number", mentions: ["batch"]),
        BadInput(["train", "--units", "0"], "out-of-range number", mentions: ["units"]),
        BadInput(["analyze", "--units", "0"], "out-of-range number", mentions: ["units"]),
        BadInput(["train", "--validation-split", "1"], "out-of-range number", mentions: ["validation"]),
        BadInput(["analyze", "--validation-split", "-0.1"], "out-of-range number", mentions: ["validation"]),
        BadInput(["train", "--learning-rate", "0"], "out-of-range number", mentions: ["learning"]),
        BadInput(["analyze", "--learning-rate", "-1"], "out-of-range number", mentions: ["learning"]),
        BadInput(["train", "--threads", "0"], "out-of-range number", mentions: ["threads"]),
        BadInput(["analyze", "--threads", "0"], "out-of-range number", mentions: ["threads"]),
        BadInput(["analyze", "--shadow-every", "-1"], "out-of-range number", mentions: ["shadow"]),
        BadInput(["train", "--loss-scale", "0"], "out-of-range number", mentions: ["0"]),
        BadInput(["analyze", "--loss-scale", "-5"], "out-of-range number", mentions: ["-5"]),
        BadInput(["verify", "--count", "0"], "out-of-range number", mentions: ["count"]),
        BadInput(["verify", "--count", "-5"], "out-of-range number", mentions: ["count"]),
        BadInput(["bench", "softfloat", "--seconds", "0"], "out-of-range number", mentions: ["seconds"]),
        BadInput(["bench", "rounding", "--seconds", "11"], "out-of-range number", mentions: ["seconds"]),
    ]

    /// Recipe options: unknown recipes and values, a history of 0, and an option that no
    /// policy of the run uses (also through --compare, which can make it used).
    static let recipeOptions: [BadInput] = [
        BadInput(["train", "--policy", "mxfp3"], "unknown recipe", mentions: ["mxfp3"]),
        BadInput(["analyze", "--compare", "fp8_later"], "unknown recipe", mentions: ["fp8_later"]),
        BadInput(["train", "--policy", "fp8_delayed", "--amax-history", "0"], "history of 0", mentions: ["0"]),
        BadInput(["analyze", "--policy", "fp8_delayed", "--amax-rule", "mean"], "unknown rule", mentions: ["mean"]),
        BadInput(["train", "--policy", "mxfp8", "--fp8-format", "e5m2"], "unknown FP8 format", mentions: ["e5m2"]),
        BadInput(["train", "--policy", "mxfp6", "--fp6-format", "e2m1"], "unknown FP6 format", mentions: ["e2m1"]),
        BadInput(
            ["train", "--policy", "mixed_float16", "--amax-history", "16"], "unused", mentions: ["--amax-history"]),
        BadInput(["analyze", "--policy", "fp8_current", "--amax-rule", "max"], "unused", mentions: ["--amax-rule"]),
        BadInput(
            ["train", "--policy", "nvfp4", "--backward-same-element"], "unused", mentions: ["--backward-same-element"]),
        BadInput(
            ["analyze", "--policy", "float32", "--compare", "mxfp8", "--fp6-format", "e3m2"], "unused",
            mentions: ["--fp6-format"]),
        BadInput(
            ["train", "--policy", "mxfp4", "--stochastic-gradients"], "unused", mentions: ["--stochastic-gradients"]),
    ]

    @Test(arguments: recipeOptions)
    func recipeOption(_ input: BadInput) throws {
        expectRefusal(try mpstudyInScratch(input.arguments), status: ExitStatus.usage, mentions: input.mentions)
    }

    @Test(arguments: unknownOption + positionals)
    func optionsAndArguments(_ input: BadInput) throws {
        expectRefusal(try mpstudyInScratch(input.arguments), status: ExitStatus.usage, mentions: input.mentions)
    }

    @Test(arguments: unknownNames)
    func unknownName(_ input: BadInput) throws {
        expectRefusal(try mpstudyInScratch(input.arguments), status: ExitStatus.usage, mentions: input.mentions)
    }

    @Test(arguments: malformedNumbers + outOfRange)
    func badNumber(_ input: BadInput) throws {
        expectRefusal(try mpstudyInScratch(input.arguments), status: ExitStatus.usage, mentions: input.mentions)
    }
}

/// An `MPSTUDY_GEMM` that names no GEMM library is a usage error of the commands that train,
/// found before any work (no data in the scratch folder, so a later check would exit 1).
@Suite("A bad MPSTUDY_GEMM exits 64 with one line")
struct GEMMEnvironmentEndToEndTests {
    @Test(arguments: [["train", "--epochs", "1"], ["analyze", "--epochs", "1"]])
    func refused(_ arguments: [String]) throws {
        let result = try withScratchFolder(prefix: "mpstudy-e2e") { folder in
            try mpstudy(arguments, in: folder, timeout: 60, environment: ["MPSTUDY_GEMM": "mkl"])
        }
        expectRefusal(result, status: ExitStatus.usage, mentions: ["MPSTUDY_GEMM=mkl", "openblas or onednn"])
    }
}

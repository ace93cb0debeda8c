import ArgumentParser
import NeuralNet
import Precision
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The options every command that trains the case-study model shares (`train`, `analyze`),
/// with the blog's settings as defaults, and their one mapping to a ``TrainingConfiguration``.
/// Numbers take their value unconditionally, so a negative number is read (and refused by
/// validation) instead of taken for a flag.
struct ModelRunOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Passes over the training split (at least 1).")
    var epochs = 5

    @Option(name: .customLong("batch-size"), parsing: .unconditional, help: "Samples per training step.")
    var batchSize = 8192

    @Option(parsing: .unconditional, help: "Units of each of the two hidden layers.")
    var units = 4096

    @Option(
        name: .customLong("validation-split"), parsing: .unconditional,
        help: "Fraction of the training arrays held out (the last ones), in [0, 1).")
    var validationSplit = 0.2

    @Option(name: .customLong("learning-rate"), parsing: .unconditional, help: "RMSprop learning rate.")
    var learningRate = 0.001

    @Option(parsing: .unconditional, help: "Seed of initialisation and shuffling.")
    var seed: UInt64 = 0

    @Option(help: "Folder holding the four MNIST IDX files (.gz or raw) and SHA256SUMS.")
    var data = "Data/mnist"

    @Flag(
        name: .customLong("no-verify"),
        help:
            "Train on data that SHA256SUMS does not vouch for (missing, unlisted or mismatching sums). By default the data is refused unless every file matches its SHA-256."
    )
    var noVerify = false

    /// Refuses an `MPSTUDY_GEMM` that names no GEMM library, before any work (a usage error):
    /// the products would otherwise silently run on the default library.
    func validate() throws {
        if let value = getenv(GEMMLibrary.environmentVariable).map({ String(cString: $0) }),
            GEMMLibraryChoice.parse(value) == nil
        {
            throw ValidationError(GEMMLibraryChoice.problem(with: value))
        }
    }

    /// What the MNIST loader does with SHA256SUMS: require every file to match, unless `--no-verify`.
    var checksums: MNIST.ChecksumPolicy { noVerify ? .skip : .require }

    @Option(
        parsing: .unconditional,
        help:
            "Threads for matrix products and elementwise work (default: all cores). Same seed and options give the same numbers, whatever the thread count. The matrix products run on OpenBLAS's sgemm, or oneDNN's with MPSTUDY_GEMM=onednn."
    )
    var threads: Int?

    @Option(
        name: .customLong("loss-scale"), parsing: .unconditional,
        help: ArgumentHelp(
            "Loss scaling: \(LossScaling.commandLineValues). Default: the policy's Keras default (dynamic for mixed_float16, none otherwise)."
        ),
        completion: .list(["dynamic", "none"]), transform: { text in try LossScaling.parseCommandLine(text) })
    var lossScale: LossScaling?

    /// The configuration these options ask for under `policy`, checked by
    /// ``TrainingConfiguration/validate()``: the one mapping and the one set of rules for every
    /// command that trains. Without `--threads` every core is used.
    func trainingConfiguration(policy: PrecisionPolicy) throws(TrainingConfigurationError) -> TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.policy = policy
        configuration.lossScaling = lossScale
        configuration.epochs = epochs
        configuration.batchSize = batchSize
        configuration.units = units
        configuration.validationSplit = validationSplit
        configuration.learningRate = learningRate
        configuration.seed = seed
        configuration.threads = threads ?? BLASRuntime.availableCores
        try configuration.validate()
        return configuration
    }
}

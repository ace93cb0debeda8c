import ArgumentParser
import NeuralNet
import Precision

/// `mpstudy train`: trains the case-study model in float32 on MNIST with Keras `fit`
/// semantics and prints Keras-style epoch lines and the test loss and accuracy.
///
/// Thin: parsing and printing only; data loading, training and formatting live in NeuralNet.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the blog's Keras MNIST model (784-4096-4096-10, RMSprop) under a precision policy.",
        discussion: """
        Keras fit semantics: pixels / 255, the last validation-split fraction held out before \
        shuffling, the rest shuffled every epoch, running-mean loss and accuracy per epoch, \
        inference-mode validation and test evaluation. Same seed and thread count, same numbers.
        """
    )

    @Option(help: "Keras precision policy: float32, mixed_float16, mixed_bfloat16 or float16.")
    var policy = "float32"

    @Option(name: .customLong("loss-scale"),
            help: "Loss scaling: dynamic, none, or a fixed positive scale (default: the policy's Keras default).")
    var lossScale: String?

    @Option(parsing: .unconditional, help: "Passes over the training split.")
    var epochs = 5

    @Option(name: .customLong("batch-size"), parsing: .unconditional, help: "Samples per training step.")
    var batchSize = 8192

    @Option(parsing: .unconditional, help: "Units of each of the two hidden layers.")
    var units = 4096

    @Option(name: .customLong("validation-split"), parsing: .unconditional,
            help: "Fraction of the training arrays held out (the last ones), in [0, 1).")
    var validationSplit = 0.2

    @Option(name: .customLong("learning-rate"), parsing: .unconditional, help: "RMSprop learning rate.")
    var learningRate = 0.001

    @Option(name: .customLong("rmsprop-epsilon"),
            help: "Where RMSprop's epsilon goes: 'inside' sqrt(v + eps) (Keras 3, default) or 'outside' sqrt(v) + eps (tf.keras 2.0-2.10).")
    var rmspropEpsilon = "inside"

    @Option(parsing: .unconditional, help: "Seed of initialisation and shuffling.")
    var seed: UInt64 = 0

    @Option(help: "Folder holding the four MNIST IDX files (.gz or raw) and SHA256SUMS.")
    var data = "Data/mnist"

    @Option(parsing: .unconditional, help: "Threads for OpenBLAS and elementwise work (default: all cores).")
    var threads: Int?

    @Flag(help: "Print where the time of a training step goes (GEMM vs everything else).")
    var profile = false

    /// Errors are typed NeuralNet errors with one-line descriptions; `MPStudy.main` prints
    /// them as `mpstudy: error: ...` and exits non-zero.
    func run() throws {
        var config = TrainingConfiguration()
        config.policy = try PrecisionPolicy(parsing: policy)
        if let lossScale {
            guard let scaling = LossScaling(argument: lossScale) else { throw TrainingConfigurationError.unknownLossScale(lossScale) }
            config.lossScaling = scaling
        }
        config.epochs = epochs
        config.batchSize = batchSize
        config.units = units
        config.validationSplit = validationSplit
        config.learningRate = learningRate
        config.rmspropEpsilon = try RMSprop.EpsilonPlacement(parsing: rmspropEpsilon)
        config.seed = seed
        config.threads = threads ?? BLASRuntime.availableCores
        try config.validate()

        // Before any output or work: may re-execute the program with a better OpenBLAS core.
        BLASRuntime.relaunchWithTunedCoreIfNeeded()

        let mnist = try MNIST.load(from: data)
        let trainer = try Trainer(configuration: config, data: mnist.train, classes: MNIST.classes)
        let output = TrainOutput(showsProgress: standardErrorIsTerminal())
        output.header(trainer: trainer, mnist: mnist, dataFolder: data)
        trainer.fit { output.handle($0) }
        output.testStarted()
        let test = trainer.evaluate(mnist.test, phase: .test)
        output.footer(trainer: trainer, test: test, profile: profile)
    }
}

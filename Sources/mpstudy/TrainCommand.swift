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

    @OptionGroup var model: ModelRunOptions

    @Option(name: .customLong("rmsprop-epsilon"),
            help: "Where RMSprop's epsilon goes: 'inside' sqrt(v + eps) (Keras 3, default) or 'outside' sqrt(v) + eps (tf.keras 2.0-2.10).")
    var rmspropEpsilon = "inside"

    @Flag(help: "Print where the time of a training step goes (GEMM vs everything else).")
    var profile = false

    /// Errors are typed NeuralNet errors with one-line descriptions; `MPStudy.main` prints
    /// them as `mpstudy: error: ...` and exits non-zero.
    func run() throws {
        var config = TrainingConfiguration()
        config.policy = try PrecisionPolicy(parsing: policy)
        if let lossScale = model.lossScale {
            guard let scaling = LossScaling(argument: lossScale) else { throw TrainingConfigurationError.unknownLossScale(lossScale) }
            config.lossScaling = scaling
        }
        config.epochs = model.epochs
        config.batchSize = model.batchSize
        config.units = model.units
        config.validationSplit = model.validationSplit
        config.learningRate = model.learningRate
        config.rmspropEpsilon = try RMSprop.EpsilonPlacement(parsing: rmspropEpsilon)
        config.seed = model.seed
        config.threads = model.threads ?? BLASRuntime.availableCores
        try config.validate()

        // Before any output or work: may re-execute the program with a better OpenBLAS core.
        BLASRuntime.relaunchWithTunedCoreIfNeeded()

        let mnist = try MNIST.load(from: model.data)
        let trainer = try Trainer(configuration: config, data: mnist.train, classes: MNIST.classes)
        let output = TrainOutput(showsProgress: standardErrorIsTerminal())
        output.header(trainer: trainer, mnist: mnist, dataFolder: model.data)
        trainer.fit { output.handle($0) }
        output.testStarted()
        let test = trainer.evaluate(mnist.test, phase: .test)
        output.footer(trainer: trainer, test: test, profile: profile)
    }
}

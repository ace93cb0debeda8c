import ArgumentParser
import NeuralNet
import Precision

/// `mpstudy train`: trains the case-study model on MNIST with Keras `fit` semantics under a
/// precision policy and prints Keras-style epoch lines and the test loss and accuracy.
///
/// Thin: every option is checked in `validate()` (the shared ``ModelRunOptions`` mapping);
/// data loading, training and formatting live in NeuralNet.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the blog's Keras MNIST model (784-4096-4096-10, RMSprop) under a precision policy.",
        discussion: """
            Keras fit semantics: pixels / 255, the last validation-split fraction held out before \
            shuffling, the rest shuffled every epoch, running-mean loss and accuracy per epoch, \
            inference-mode validation and test evaluation. Same seed and options, same numbers, whatever the thread count.
            """
    )

    @Option(
        help:
            "Precision policy: a Keras policy, or a low-precision recipe (fp8_delayed, fp8_current, mxfp8, mxfp6, mxfp4, nvfp4; see the recipe options)."
    )
    var policy: PrecisionPolicy = .float32

    @OptionGroup var model: ModelRunOptions

    @OptionGroup(title: "Recipe options") var recipe: RecipeOptions

    @Option(
        name: .customLong("rmsprop-epsilon"),
        help:
            "Where RMSprop's epsilon goes: inside sqrt(v + eps) (Keras 3) or outside, sqrt(v) + eps (tf.keras 2.0-2.10)."
    )
    var rmspropEpsilon: RMSprop.EpsilonPlacement = .insideSquareRoot

    @Flag(
        help:
            "Print where the time of a training step goes (GEMM vs everything else) and compare it with the floor: the step's GEMM flops at the machine's FMA peak, measured after training."
    )
    var profile = false

    func validate() throws {
        do {
            try recipe.check([policy])
            _ = try trainingConfiguration()
        } catch let error as RecipeOptionError {
            throw ValidationError(error)
        } catch let error as TrainingConfigurationError {
            throw ValidationError(error)
        }
    }

    /// The run these options ask for (checked; the recipe options applied to a recipe policy).
    func trainingConfiguration() throws -> TrainingConfiguration {
        var configuration = try model.trainingConfiguration(policy: try recipe.applied(to: policy))
        configuration.rmspropEpsilon = rmspropEpsilon
        return configuration
    }

    func run() throws {
        let configuration = try trainingConfiguration()
        // Before any output or work: may re-execute the program with a better OpenBLAS core.
        OpenBLASCoreRelaunch.relaunchIfNeeded()
        // Ctrl-C or SIGTERM: one line `mpstudy: interrupted`, exit 128 + signal (nothing to clean up).
        Interruption.install()

        let mnist = try MNIST.load(from: model.data, checksums: model.checksums)
        let trainer = try Trainer(configuration: configuration, data: mnist.train, classes: MNIST.classes)
        let runs = TrainingRuns(count: 1)
        let progress = runs.printer(run: 0, divergenceNote: "; the test evaluation below uses the diverged weights")
        let output = TrainOutput()
        output.header(trainer: trainer, mnist: mnist, dataFolder: model.data)
        trainer.fit { progress.handle($0) }
        progress.status("evaluating the test set...")
        let test = trainer.evaluate(mnist.test, phase: .test)
        runs.runFinished()
        output.footer(trainer: trainer, test: test, profile: profile)
    }
}

import NeuralNet
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes `text` to standard error, unbuffered.
func writeStandardError(_ text: String) {
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { _ = write(2, $0.baseAddress, $0.count) }
}

/// Whether standard error is a terminal (progress lines are shown only then).
func standardErrorIsTerminal() -> Bool { isatty(2) == 1 }

/// The printing side of `mpstudy train`: Keras-style lines on standard output, a progress
/// line with ETA on standard error when it is a terminal.
struct TrainOutput {
    let showsProgress: Bool

    func header(trainer: Trainer, mnist: MNIST, dataFolder: String) {
        let model = trainer.model
        let sizes = [model.inputSize] + model.denseLayers.map(\.units)
        let schedule = trainer.schedule
        print("mpstudy train: policy \(trainer.configuration.policy.name), model \(sizes.map(String.init).joined(separator: "-")) "
              + "(\(model.layerNames.joined(separator: ", ")); \(model.parameterCount) parameters), "
              + "RMSprop lr \(trainer.configuration.learningRate)"
              + (trainer.configuration.rmspropEpsilon == .insideSquareRoot ? "" : " (epsilon outside the root, tf.keras 2.0-2.10)")
              + ", batch \(schedule.batchSize), seed \(trainer.configuration.seed)")
        print("data: \(dataFolder): \(schedule.sampleCount) training images (\(schedule.trainingCount) fit + "
              + "\(schedule.validationCount) validation), \(mnist.test.count) test; "
              + (mnist.checksumsVerified ? "SHA-256 verified against SHA256SUMS" : mnist.checksumNotes.joined(separator: "; ")))
        print("BLAS: \(BLASRuntime.summary)")
        flush()
    }

    func handle(_ event: TrainingEvent) {
        switch event {
        case let .epochStarted(epoch, epochs):
            print("Epoch \(epoch)/\(epochs)")
            flush()
        case let .stepFinished(progress):
            if showsProgress { writeStandardError("\r\u{1B}[K" + progress.line) }
        case let .validationStarted(epoch):
            if showsProgress { writeStandardError("\r\u{1B}[KEpoch \(epoch): validating...") }
        case let .epochFinished(summary):
            if showsProgress { writeStandardError("\r\u{1B}[K") }
            print(summary.kerasLine)
            flush()
        case let .diverged(step, reason):
            if showsProgress { writeStandardError("\r\u{1B}[K") }
            print("Training diverged at step \(step): \(reason)")
            flush()
        }
    }

    func testStarted() {
        if showsProgress { writeStandardError("\r\u{1B}[Kevaluating the test set...") }
    }

    func footer(trainer: Trainer, test: EvaluationResult, profile: Bool) {
        if showsProgress { writeStandardError("\r\u{1B}[K") }
        print(test.kerasLine)
        print("Test loss: \(KerasFormat.metric(test.metrics.meanLoss))")
        print("Test accuracy: \(KerasFormat.metric(test.metrics.accuracy))")
        let report = trainer.profileReport
        print("training: \(trainer.stepsDone) steps, \(KerasFormat.fixed(report.secondsPerStep * 1000, decimals: 0)) ms/step mean; "
              + "weights sha256 \(trainer.weightsDigest())")
        if profile { report.lines.forEach { print($0) } }
        flush()
    }

    private func flush() { fflush(nil) }
}

import NeuralNet

/// The printing side of `mpstudy train` around the training (``TrainingProgressPrinter``
/// shows the epochs): the run's header before it, the test evaluation and timing after it.
struct TrainOutput {
    /// The policy, model, optimizer, data and BLAS lines.
    func header(trainer: Trainer, mnist: MNIST, dataFolder: String) {
        let model = trainer.model
        let sizes = [model.inputSize] + model.denseLayers.map(\.units)
        let schedule = trainer.schedule
        print(
            "mpstudy train: policy \(trainer.configuration.policy.name), model \(sizes.map(String.init).joined(separator: "-")) "
                + "(\(model.layerNames.joined(separator: ", ")); \(model.parameterCount) parameters), "
                + "RMSprop lr \(trainer.configuration.learningRate)"
                + (trainer.configuration.rmspropEpsilon == .insideSquareRoot
                    ? "" : " (epsilon outside the root, tf.keras 2.0-2.10)")
                + ", batch \(schedule.batchSize), seed \(trainer.configuration.seed)")
        print(
            "data: \(dataFolder): \(schedule.sampleCount) training images (\(schedule.trainingCount) fit + "
                + "\(schedule.validationCount) validation), \(mnist.test.count) test; "
                + (mnist.checksumsVerified
                    ? "SHA-256 verified against SHA256SUMS" : mnist.checksumNotes.joined(separator: "; ")))
        print("BLAS: \(BLASRuntime.summary)")
        flushStandardOutput()
    }

    /// The test evaluation, Keras style, and the step timing (with `--profile`, its split).
    func footer(trainer: Trainer, test: EvaluationResult, profile: Bool) {
        print(test.kerasLine)
        print("Test loss: \(KerasFormat.metric(test.metrics.meanLoss))")
        print("Test accuracy: \(KerasFormat.metric(test.metrics.accuracy))")
        let report = trainer.profileReport
        print(
            "training: \(trainer.stepsDone) steps, \(KerasFormat.fixed(report.secondsPerStep * 1000, decimals: 0)) ms/step mean; "
                + "weights sha256 \(trainer.weightsDigest())")
        if profile { ProfileOutput.print(report, threads: trainer.configuration.threads) }
        flushStandardOutput()
    }
}

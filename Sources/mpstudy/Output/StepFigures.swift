import NeuralNet

/// The figures of a step line, read off NeuralNet's ``StepProgress`` (a value tests can
/// build: StepProgress has no public initialiser).
struct StepFigures: Equatable {
    var epoch: Int
    var epochs: Int
    /// 1-based step inside the epoch.
    var step: Int
    var stepsPerEpoch: Int
    /// Running means over the epoch so far.
    var loss: Double
    var accuracy: Double
    /// The trainer's estimate of the seconds left in this run (training and test evaluation).
    var runRemainingSeconds: Double
}

extension StepFigures {
    init(_ p: StepProgress) {
        self.init(
            epoch: p.epoch, epochs: p.epochs, step: p.step, stepsPerEpoch: p.stepsPerEpoch,
            loss: p.running.meanLoss, accuracy: p.running.accuracy, runRemainingSeconds: p.remainingSeconds)
    }
}

import NeuralNet

/// How `train` and `analyze` show a training run while it goes: the one printer both use.
///
/// - Standard output, as Keras prints them: `Epoch e/E` when an epoch starts and its
///   progress-bar line (``EpochSummary/kerasLine``) when it ends, each flushed at once.
/// - Standard error, through the command's ``ProgressDisplay``: a line per step (running loss
///   and accuracy, elapsed time, ETA of the whole command) and a line when validation or the
///   test evaluation starts. On a terminal it is one live line, redrawn; elsewhere (a pipe, a
///   log) whole `mpstudy: progress: ...` lines, one per step but at most one per
///   ``lineInterval`` seconds, the first and last step of every epoch always.
/// - A divergence: one `mpstudy: warning: training diverged at step N: <reason>` line on
///   standard error, followed by what the command does about it.
struct TrainingProgressPrinter {
    /// Least seconds between two step lines in a log: a step of the case study takes seconds
    /// (a line each), a step of a tiny model milliseconds (a line a second, not thousands).
    static let lineInterval = 1.0

    /// The command's trainings (for the ETA of all of them) and its display.
    let runs: TrainingRuns
    /// This run's position among them, from 0.
    let index: Int
    /// Appended to the divergence warning: what the command does with the diverged run.
    let divergenceNote: String

    /// Put before every progress line: `[2/3] ` when a command trains several runs.
    var prefix: String { runs.count > 1 ? "[\(index + 1)/\(runs.count)] " : "" }

    /// Prints what `event` shows.
    func handle(_ event: TrainingEvent) {
        switch event {
        case let .epochStarted(epoch, epochs):
            runs.display.clear()
            print("Epoch \(epoch)/\(epochs)")
            flushStandardOutput()
        case let .stepFinished(progress):
            show(StepFigures(progress))
        case let .validationStarted(epoch):
            status("Epoch \(epoch): validating...")
        case let .epochFinished(summary):
            runs.display.clear()
            print(summary.kerasLine)
            flushStandardOutput()
        case let .diverged(step, reason):
            runs.display.message("mpstudy: warning: training diverged at step \(step): \(reason)\(divergenceNote)")
        }
    }

    /// Shows a step's line when it is due: the first and last step of every epoch always.
    func show(_ step: StepFigures) {
        runs.display.update(force: step.step == 1 || step.step == step.stepsPerEpoch) { now in
            prefix + stepLine(step, now: now)
        }
    }

    /// `Epoch 2/5  step 3/6  loss: 0.4123 - accuracy: 0.8765  elapsed 1m02s  ETA 3m10s` at time
    /// `now`: elapsed since the command's first training began, ETA until its last one ends
    /// (`(all 3 runs)` says so when there are several).
    func stepLine(_ step: StepFigures, now: Double) -> String {
        let remaining = runs.remainingSeconds(run: index, runRemaining: step.runRemainingSeconds, now: now)
        return "Epoch \(step.epoch)/\(step.epochs)  step \(step.step)/\(step.stepsPerEpoch)  "
            + "loss: \(KerasFormat.metric(step.loss)) - accuracy: \(KerasFormat.metric(step.accuracy))  "
            + "elapsed \(ProgressEstimate.duration(now - runs.start))  "
            + ProgressEstimate.eta(remaining) + (runs.count > 1 ? " (all \(runs.count) runs)" : "")
    }

    /// Shows `text` as the progress line at once (a phase: validating, evaluating the test set).
    func status(_ text: String) {
        runs.display.update(force: true) { _ in prefix + text }
    }
}

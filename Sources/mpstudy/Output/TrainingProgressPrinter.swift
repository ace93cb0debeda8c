import NeuralNet

/// How `train` and `analyze` show a training run while it goes: the one printer both use.
///
/// - Standard output, as Keras prints them: `Epoch e/E` when an epoch starts and its
///   progress-bar line (``EpochSummary/kerasLine``) when it ends, each flushed at once.
/// - Standard error, when it is a terminal: a live line (step, running loss and accuracy,
///   ETA, or what is being done) rewritten in place and cleared before anything else is
///   printed. Elsewhere no live line (a pipe or a log file would collect every redraw).
/// - A divergence: one `mpstudy: warning: training diverged at step N: <reason>` line on
///   standard error, followed by what the command does about it.
struct TrainingProgressPrinter {
    /// Whether the live line is shown.
    let live: Bool
    /// Put before the live line: `[2/3] ` when a command trains several runs.
    let prefix: String
    /// Appended to the divergence warning: what the command does with the diverged run.
    let divergenceNote: String

    /// A printer for run `index` (from 0) of `count`, showing the live line when standard error
    /// is a terminal.
    init(run index: Int = 0, of count: Int = 1, divergenceNote: String = "", live: Bool = standardErrorIsTerminal()) {
        self.live = live
        prefix = count > 1 ? "[\(index + 1)/\(count)] " : ""
        self.divergenceNote = divergenceNote
    }

    /// Prints what `event` shows.
    func handle(_ event: TrainingEvent) {
        switch event {
        case let .epochStarted(epoch, epochs):
            print("Epoch \(epoch)/\(epochs)")
            flushStandardOutput()
        case let .stepFinished(progress):
            status(progress.line)
        case let .validationStarted(epoch):
            status("Epoch \(epoch): validating...")
        case let .epochFinished(summary):
            clear()
            print(summary.kerasLine)
            flushStandardOutput()
        case let .diverged(step, reason):
            clear()
            writeStandardError("mpstudy: warning: training diverged at step \(step): \(reason)\(divergenceNote)\n")
        }
    }

    /// Shows `text` as the live line (nothing when there is none).
    func status(_ text: String) {
        if live { writeStandardError("\r\u{1B}[K" + prefix + text) }
    }

    /// Removes the live line, before other output.
    func clear() {
        if live { writeStandardError("\r\u{1B}[K") }
    }
}

import Analyzer
import NeuralNet
import Reporter
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The printing side of `mpstudy analyze`: a header and Keras-style epoch lines on standard
/// output, a progress line with ETA on standard error when it is a terminal, then the
/// per-layer tables of the selected layers, the findings, the comparison and where the
/// report went. A divergence is one `mpstudy: warning:` line on standard error.
struct AnalyzeOutput {
    let showsProgress: Bool

    func runStarted(_ s: AnalysisSettings, index: Int, of count: Int, mnist: MNIST, dataFolder: String) {
        let prefix = count > 1 ? "[\(index + 1)/\(count)] " : ""
        print("\(prefix)mpstudy analyze: policy \(s.policy) (compute \(s.computeFormat.rawValue), variables \(s.variableFormat.rawValue)), "
              + "loss scaling \(s.lossScaling), units \(s.units), batch \(s.batchSize), epochs \(s.epochs), seed \(s.seed), "
              + "shadow pass " + (s.shadowEvery > 0 && s.computeFormat != .float32 ? "every \(s.shadowEvery) steps" : "off"))
        if index == 0 {
            print("data: \(dataFolder): \(mnist.train.count) training images, \(mnist.test.count) test; "
                  + (mnist.checksumsVerified ? "SHA-256 verified against SHA256SUMS" : mnist.checksumNotes.joined(separator: "; ")))
        }
        flush()
    }

    func handle(_ event: TrainingEvent, run index: Int, of count: Int) {
        let prefix = count > 1 ? "[\(index + 1)/\(count)] " : ""
        switch event {
        case let .epochStarted(epoch, epochs):
            print("Epoch \(epoch)/\(epochs)")
            flush()
        case let .stepFinished(progress):
            if showsProgress { writeStandardError("\r\u{1B}[K" + prefix + progress.line) }
        case let .validationStarted(epoch):
            if showsProgress { writeStandardError("\r\u{1B}[K\(prefix)Epoch \(epoch): validating...") }
        case let .epochFinished(summary):
            clearProgress()
            print(summary.kerasLine)
            flush()
        case let .diverged(step, reason):
            clearProgress()
            writeStandardError("mpstudy: warning: training diverged at step \(step): \(reason); the report covers the steps up to it\n")
        }
    }

    func runFinished(_ record: RunRecord) {
        clearProgress()
        if let test = record.test {
            print("Test loss: \(KerasFormat.metric(test.metrics.loss)) - Test accuracy: \(KerasFormat.metric(test.metrics.accuracy))")
        } else if let d = record.divergence {
            print("Diverged at step \(d.step): \(d.reason). No test evaluation.")
        }
        print("training: \(record.steps.count) steps, \(KerasFormat.fixed(record.millisecondsPerStep, decimals: 0)) ms/step mean (analysis included)")
        flush()
    }

    /// The per-layer tables of the selected layers and the findings.
    func layerTables(_ record: RunRecord) {
        for layer in record.settings.layers.layers {
            print("\n## \(layer)\n")
            print(MarkdownWriter.layerSection(record, layer: layer), terminator: "")
        }
        let findings = Findings.compute(record)
        if !findings.isEmpty {
            print("\n## Findings\n")
            for finding in findings { print("- \(FindingText.sentence(finding))") }
        }
        flush()
    }

    func comparison(_ rows: [PolicyOutcome]) {
        print("\n## Policy comparison\n")
        print(MarkdownWriter.comparisonTable(rows), terminator: "")
        flush()
    }

    func written(_ folder: String, compared: [String]) {
        print("\nreport: \(folder)/ (" + RunFolderWriter.fileNames.joined(separator: ", ") + ", charts/)"
              + (compared.isEmpty ? "" : "; compared runs in " + compared.map { "\($0)/" }.joined(separator: ", ")))
        flush()
    }

    private func clearProgress() {
        if showsProgress { writeStandardError("\r\u{1B}[K") }
    }

    private func flush() { fflush(nil) }
}

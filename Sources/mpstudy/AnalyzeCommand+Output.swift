import Analyzer
import NeuralNet
import Reporter
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The printing side of `mpstudy analyze` around each training (``TrainingProgressPrinter``
/// shows the epochs and a divergence): a header per run, its test result and timing, then
/// the per-layer tables of the selected layers, the findings, the comparison and where the
/// report went.
struct AnalyzeOutput {
    /// The run's settings and, before the first run, the data.
    func runStarted(_ s: AnalysisSettings, index: Int, of count: Int, mnist: MNIST, dataFolder: String) {
        let prefix = count > 1 ? "[\(index + 1)/\(count)] " : ""
        print(
            "\(prefix)mpstudy analyze: policy \(s.policy) (compute \(s.computeFormat.rawValue), variables \(s.variableFormat.rawValue)), "
                + "loss scaling \(s.lossScaling), units \(s.units), batch \(s.batchSize), epochs \(s.epochs), seed \(s.seed), "
                + "shadow pass "
                + (s.shadowEvery > 0 && s.computeFormat != .float32 ? "every \(s.shadowEvery) steps" : "off"))
        if index == 0 {
            print(
                "data: \(dataFolder): \(mnist.train.count) training images, \(mnist.test.count) test; "
                    + (mnist.checksumsVerified
                        ? "SHA-256 verified against SHA256SUMS" : mnist.checksumNotes.joined(separator: "; ")))
        }
        flush()
    }

    /// The test evaluation (or where the run diverged) and the step timing.
    func runFinished(_ record: RunRecord) {
        if let test = record.test {
            print(
                "Test loss: \(KerasFormat.metric(test.metrics.loss)) - Test accuracy: \(KerasFormat.metric(test.metrics.accuracy))"
            )
        } else if let d = record.divergence {
            print("Diverged at step \(d.step): \(d.reason). No test evaluation.")
        }
        print(
            "training: \(record.steps.count) steps, \(KerasFormat.fixed(record.millisecondsPerStep, decimals: 0)) ms/step mean (analysis included)"
        )
        flush()
    }

    /// The per-layer tables of the selected layers and the findings.
    func layerTables(_ record: RunRecord) {
        print(LayerTablesText.text(record, layers: record.settings.layers.layers), terminator: "")
        flush()
    }

    func comparison(_ rows: [PolicyOutcome]) {
        print("\n## Policy comparison\n")
        print(MarkdownWriter.comparisonTable(rows), terminator: "")
        flush()
    }

    func written(_ folder: String, compared: [String]) {
        print(
            "\nreport: \(folder)/ (" + RunFolderWriter.fileNames.joined(separator: ", ") + ", charts/)"
                + (compared.isEmpty ? "" : "; compared runs in " + compared.map { "\($0)/" }.joined(separator: ", ")))
        flush()
    }

    /// Where the tensors of `--dump-tensors` went, and the steps asked for that never ran.
    func dumped(_ dump: CaptureDump) {
        let written = dump.writtenSteps
        let missing = dump.steps.subtracting(written).sorted()
        print(
            "dump: \(dump.target.path)/ (manifest.json, \(written.count) step file\(written.count == 1 ? "" : "s"): steps "
                + written.map(String.init).joined(separator: ", ") + ")")
        if !missing.isEmpty {
            writeStandardError(
                "mpstudy: warning: --dump-tensors: step\(missing.count == 1 ? "" : "s") "
                    + missing.prefix(10).map(String.init).joined(separator: ", ") + (missing.count > 10 ? ", ..." : "")
                    + " did not run (training has fewer steps, or diverged before them)\n")
        }
        flush()
    }

    private func flush() { fflush(nil) }
}

import Analyzer
import NeuralNet
import Precision
import Testing
import _TestSupport
@testable import Reporter

/// Whole analyses on a tiny model and synthetic data, through the real trainer.
@Suite struct AnalysisDeterminismTests {
    /// `count` images of 16 pixels in 10 classes (the shared synthetic set of `_TestSupport`).
    static func images(count: Int, seed: UInt64) -> LabeledImages {
        let images = SyntheticImages(count: count, features: 16, classes: 10, seed: seed)
        return LabeledImages(pixels: images.pixels, labels: images.labels, features: images.features)
    }

    static func settings(policy: PrecisionPolicy, lossScaling: LossScaling? = nil) -> AnalysisSettings {
        AnalysisSettings(
            policy: policy.name, computeFormat: policy.compute, variableFormat: policy.variable,
            lossScaling: lossScaling ?? policy.defaultLossScaling, lossScalingExplicit: lossScaling != nil,
            epochs: 2, batchSize: 64, units: 8, seed: 3, validationSplit: 0.2, learningRate: 0.001,
            threads: 1, data: "synthetic", shadowEvery: 2,
            layers: LayerSelection(layers: ["dense_2"]), tensors: .all)
    }

    static func analyze(_ settings: AnalysisSettings) throws -> RunRecord {
        let environment = RunEnvironment(blas: "", cores: 0, vectorRoundingKernels: false, commandLine: [])
        return try AnalysisSession(settings: settings).run(
            train: images(count: 320, seed: 0), test: images(count: 50, seed: 1), classes: 10, environment: environment)
    }

    /// Drops the last column (`seconds`) of every line.
    static func withoutSeconds(_ csv: String) -> [String] {
        csv.split(separator: "\n").map { line in String(line[..<line.lastIndex(of: ",")!]) }
    }

    @Test func sameSeedGivesIdenticalFiles() throws {
        let a = try Self.analyze(Self.settings(policy: .mixedFloat16))
        let b = try Self.analyze(Self.settings(policy: .mixedFloat16))
        // 256 fit samples in batches of 64: 4 steps per epoch, 8 steps.
        #expect(a.steps.count == 8 && a.divergence == nil && a.test?.metrics.samples == 50)
        let layers = CSVWriter.layers(a)
        #expect(layers == CSVWriter.layers(b))
        #expect(CSVWriter.histograms(a) == CSVWriter.histograms(b))
        #expect(Self.withoutSeconds(CSVWriter.steps(a)) == Self.withoutSeconds(CSVWriter.steps(b)))
        #expect(
            CSVWriter.steps(a).hasPrefix(
                "policy,step,epoch,batch,samples,loss,accuracy,loss_scale,skipped,nonfinite_gradients,seconds\n"))
        // Every step records the layers' rounding sites and updates; drift on steps 1, 3, 5, 7.
        for tensor in [
            "dense_2,forward_output", "dense_2,activation", "dense_2,gradient", "dense_2,kernel_gradient",
            "dense_2,kernel_update",
        ] {
            #expect(layers.split(separator: "\n").filter { $0.contains(",\(tensor),") }.count == 8, "\(tensor)")
        }
        let drifts = a.steps.filter { $0.tensor("dense_1", "activation")?.drift != nil }.map(\.step)
        #expect(drifts == [1, 3, 5, 7])
    }

    /// A fixed loss scale of 1e30 overflows the float16 gradients; fixed scaling applies them
    /// anyway, so the weights turn NaN and the next loss is NaN: the trainer stops, and the
    /// record and its report say so.
    @Test func divergedRunIsRecordedAndReported() throws {
        let record = try Self.analyze(Self.settings(policy: .mixedFloat16, lossScaling: .fixed(1e30)))
        let divergence = try #require(record.divergence)
        #expect(record.steps.count == divergence.step)
        #expect(record.steps.last?.metrics?.loss.isNaN == true)
        #expect(record.test == nil)
        try withScratchFolder { scratch in
            let folder = try OutputFolder(preparing: scratch.file("diverged"))
            try RunFolderWriter.write(record, to: folder)
            let summary = try #require(FileTree.text(folder.file("summary.md")))
            #expect(summary.contains("> **Diverged at step \(divergence.step):"))
            let back = try JSONWriter.record(from: try #require(FileTree.text(folder.file("run.json"))))
            #expect(back.divergence == divergence && back.steps.count == record.steps.count)
            #expect(
                FileTree.entries(folder.path) == [
                    "charts", "histograms.csv", "layers.csv", "run.json", "steps.csv", "summary.md",
                ])
        }
    }
}

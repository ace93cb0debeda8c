import Analyzer
import Precision

/// A run record around given steps, with small fixed settings.
enum RunRecordFixture {
    static func settings(
        policy: PrecisionPolicy = .mixedFloat16, layers: [String] = ["dense_2"],
        tensors: TensorSelection = .all
    ) -> AnalysisSettings {
        AnalysisSettings(
            policy: policy.name, computeFormat: policy.compute, variableFormat: policy.variable,
            lossScaling: policy.defaultLossScaling, lossScalingExplicit: false, epochs: 1, batchSize: 4,
            units: 8, seed: 0, validationSplit: 0.2, learningRate: 0.001, threads: 1, data: "synthetic",
            shadowEvery: 1, layers: LayerSelection(layers: layers), tensors: tensors)
    }

    static func run(steps: [StepRecord], settings: AnalysisSettings = settings()) -> RunRecord {
        RunRecord(
            settings: settings,
            environment: RunEnvironment(blas: "test", cores: 1, vectorRoundingKernels: false, commandLine: []),
            layers: ["dense_1", "dense_2", "dense_logits", "predictions"], parameters: 100, trainingSamples: 8,
            validationSamples: 2, testSamples: 5, stepsPerEpoch: steps.count, steps: steps)
    }
}

import Analyzer
import Precision

/// A one-step run record small enough to write its report files out by hand:
/// - `dense_2/activation`: 4 zeros rounded to float16 (bin 256), drift ||d||² = 1, ||a32||² = 4
///   (relative error norm 0.5);
/// - `dense_2/gradient`: 4 elements carrying scale 1024, one flushed, one subnormal, relative
///   errors [1, 0, 0, 0] (mean 0.25, RMS 0.5, max 1; in u = 2^-11: 512, 1024, 2048),
///   exponents -30, -20, 0, 0; unscaled it would have had 2 flushes and 1 subnormal;
/// - `dense_2/kernel_update`: 8 elements, 4 nonzero updates, 1 lost in float32, 2 in float16.
/// The step: 2 samples, loss sum 1.5 (mean 0.75), 1 correct, scale 1024, 0.25 s.
enum ReportFixture {
    static func record(divergence: Divergence? = nil, loss: Double = 0.75) -> RunRecord {
        var activation = RoundingStatistics()
        activation.count = 4
        activation.histogram.bins[ExponentHistogram.zeroBin] = 4
        var gradient = RoundingStatistics()
        gradient.count = 4
        gradient.underflow = 1
        gradient.subnormal = 1
        gradient.errorCount = 4
        gradient.errorSum = 1
        gradient.errorSquares = 1
        gradient.errorMax = 1
        for e in [-30, -20, 0, 0] { gradient.histogram.bins[e + 127] += 1 }
        var unscaled = ScaledCounts()
        unscaled.underflow = 2
        unscaled.subnormal = 1
        var updates = UpdateStatistics()
        updates.count = 8
        updates.nonzero = 4
        updates.lostInFloat32 = 1
        updates.lostInCompute = 2
        let tensors = [
            TensorRecord(
                layer: "dense_2", tensor: "activation", format: .float16, shape: [2, 2], lossScale: 1,
                rounding: activation, drift: DriftRecord(squaredDifference: 1, squaredReference: 4)),
            TensorRecord(
                layer: "dense_2", tensor: "gradient", format: .float16, shape: [2, 2], lossScale: 1024,
                rounding: gradient, unscaled: unscaled),
            TensorRecord(layer: "dense_2", tensor: "kernel_update", updates: updates),
        ]
        let metrics = StepMetrics(
            samples: 2, loss: loss, accuracy: 0.5, lossScale: 1024, skipped: false,
            nonFiniteGradients: 0, seconds: 0.25)
        let policy = PrecisionPolicy.mixedFloat16
        let settings = AnalysisSettings(
            policy: policy.name, computeFormat: policy.compute, variableFormat: policy.variable,
            lossScaling: .fixed(1024), lossScalingExplicit: true, epochs: 1, batchSize: 2, units: 8, seed: 7,
            validationSplit: 0.2, learningRate: 0.001, threads: 1, data: "synthetic", shadowEvery: 1,
            layers: LayerSelection(layers: ["dense_2"]), tensors: .all)
        return RunRecord(
            settings: settings,
            environment: RunEnvironment(
                blas: "test BLAS", cores: 1, vectorRoundingKernels: false, commandLine: ["analyze"]),
            layers: ["dense_1", "dense_2", "dense_logits", "predictions"], parameters: 100, trainingSamples: 2,
            validationSamples: 0, testSamples: 0, stepsPerEpoch: 1,
            steps: [StepRecord(step: 1, epoch: 1, batch: 0, metrics: metrics, tensors: tensors)],
            divergence: divergence)
    }
}

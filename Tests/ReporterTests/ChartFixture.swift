import Analyzer
import Precision

/// Run records for the chart tests, with every number chosen by hand.
enum ChartFixture {
    static func settings(
        policy: PrecisionPolicy = .mixedFloat16, lossScaling: LossScaling = .dynamic(),
        layers: [String] = ["dense_1", "dense_2"], tensors: TensorSelection = .all
    ) -> AnalysisSettings {
        AnalysisSettings(
            policy: policy.name, computeFormat: policy.compute, variableFormat: policy.variable,
            lossScaling: lossScaling, lossScalingExplicit: false, epochs: 2, batchSize: 4, units: 8, seed: 1,
            validationSplit: 0.2, learningRate: 0.001, threads: 1, data: "synthetic", shadowEvery: 0,
            layers: LayerSelection(layers: layers), tensors: tensors)
    }

    static let environment = RunEnvironment(blas: "test", cores: 1, vectorRoundingKernels: false, commandLine: [])

    /// Rounding statistics of `count` elements with the given histogram (exponent -> count;
    /// -127 stands for bin 0) plus `zeros` and `nonFinite`.
    static func rounding(
        _ bins: [Int: UInt64], zeros: UInt64 = 0, nonFinite: UInt64 = 0, underflow: UInt64 = 0,
        overflow: UInt64 = 0
    ) -> RoundingStatistics {
        var r = RoundingStatistics()
        for (e, n) in bins { r.histogram.bins[e == -127 ? 0 : e + 127] += n }
        r.histogram.bins[ExponentHistogram.zeroBin] = zeros
        r.histogram.bins[ExponentHistogram.nonFiniteBin] = nonFinite
        r.count = bins.values.reduce(0, +) + zeros + nonFinite
        r.underflow = underflow
        r.overflow = overflow
        return r
    }

    static func metrics(loss: Double, accuracy: Double = 0.5, scale: Float, skipped: Bool = false) -> StepMetrics {
        StepMetrics(
            samples: 4, loss: loss, accuracy: accuracy, lossScale: scale, skipped: skipped,
            nonFiniteGradients: skipped ? 3 : 0,
            seconds: 0.01)
    }

    /// One step rounding `dense_2/gradient` to float16 with the given histogram and scale.
    static func gradientRecord(steps: [(bins: [Int: UInt64], scale: Float)], format: ComputeFormat = .float16)
        -> RunRecord
    {
        let records = steps.enumerated().map { i, s in
            StepRecord(
                step: i + 1, epoch: 1, batch: i, metrics: metrics(loss: 1, scale: s.scale),
                tensors: [
                    TensorRecord(
                        layer: "dense_2", tensor: "gradient", format: format, shape: [2, 2], lossScale: s.scale,
                        rounding: rounding(s.bins), unscaled: ScaledCounts())
                ])
        }
        return RunRecord(
            settings: settings(), environment: environment, layers: ["dense_1", "dense_2"], parameters: 10,
            trainingSamples: 4, validationSamples: 1, testSamples: 1, stepsPerEpoch: steps.count, steps: records)
    }

    /// Four steps of a mixed_float16 run with dynamic scaling that skips step 2 and diverges at
    /// step 4 (loss NaN; step 3's loss is infinite):
    /// - `dense_1/activation`: 12 elements each step (10 at exponent -3, 2 zeros), none flushed;
    /// - `dense_2/gradient` (steps 1-3 only): 7 elements, scale 2^15, 2^15, 2^14; step 1 flushes 1
    ///   of 7; exponents -10 (4), 0 (2), 1 zero;
    /// - `dense_2/kernel_update`: no rounding (not a heat map row).
    static func diverged() -> RunRecord {
        let scales: [Float] = [32768, 32768, 16384, 16384]
        let losses: [Double] = [2.0, 1.0, .infinity, .nan]
        let steps = (1...4).map { n in
            var tensors = [
                TensorRecord(
                    layer: "dense_1", tensor: "activation", format: .float16, shape: [3, 4], lossScale: 1,
                    rounding: rounding([-3: 10], zeros: 2))
            ]
            if n <= 3 {
                tensors.append(
                    TensorRecord(
                        layer: "dense_2", tensor: "gradient", format: .float16, shape: [7, 1], lossScale: scales[n - 1],
                        rounding: rounding([-10: 4, 0: 2], zeros: 1, underflow: n == 1 ? 1 : 0),
                        unscaled: ScaledCounts()))
            }
            var updates = UpdateStatistics()
            updates.count = 4
            tensors.append(TensorRecord(layer: "dense_2", tensor: "kernel_update", updates: updates))
            return StepRecord(
                step: n, epoch: 1, batch: n - 1,
                metrics: metrics(
                    loss: losses[n - 1], accuracy: 0.25 * Double(n), scale: scales[n - 1], skipped: n == 2),
                tensors: tensors)
        }
        return RunRecord(
            settings: settings(), environment: environment, layers: ["dense_1", "dense_2"], parameters: 10,
            trainingSamples: 16, validationSamples: 4, testSamples: 4, stepsPerEpoch: 4, steps: steps,
            divergence: Divergence(step: 4, reason: "the loss is NaN"))
    }

    /// ``diverged()`` compared with a float32 run of 8 steps (2 epochs of 4, validation after each).
    static func comparison() -> RunRecord {
        var run = diverged()
        let float32Steps = (1...8).map { n in metrics(loss: 2.0 / Double(n), accuracy: 0.1 * Double(n), scale: 1) }
        let epochs = (1...2).map { e in
            EpochRecord(
                epoch: e, steps: 4, training: MetricsRecord(samples: 16, loss: 1, accuracy: 0.5),
                validation: MetricsRecord(samples: 4, loss: 0.5 / Double(e), accuracy: 0.6 + 0.1 * Double(e)),
                trainingSeconds: 1, seconds: 1)
        }
        run.comparison = [
            run.outcome(folder: "."),
            PolicyOutcome(
                policy: "float32", lossScaling: "none", folder: "float32", steps: 8, millisecondsPerStep: 1,
                finalLoss: 0.25, testLoss: 0.3, testAccuracy: 0.8, divergence: nil, stepMetrics: float32Steps,
                epochs: epochs),
        ]
        return run
    }
}

import Precision
import Testing
@testable import Analyzer

/// Plain-word findings and the numbers in them.
@Suite struct FindingsTests {
    /// 10^7 gradient elements per step: 70,000 would flush unscaled (0.7%), 1 flushes with
    /// scale 32768 (10^-7 = 0.00001%).
    @Test func lossScalingFinding() {
        var record = TensorRecord(layer: "dense_2", tensor: "gradient", format: .float16, shape: [1000, 10000], lossScale: 32768)
        record.rounding = SyntheticEvents.statistics(count: 10_000_000, underflow: 1)
        record.unscaled = SyntheticEvents.counts(underflow: 70_000)
        let run = RunRecordFixture.run(steps: [StepRecord(step: 1, epoch: 1, batch: 0, metrics: nil, tensors: [record])])
        let texts = Findings.compute(run).map(\.text)
        #expect(texts.contains("dense_2 activation gradients: 0.7% would flush to zero without loss scaling; with scale 32768, 0.00001%."))
    }

    @Test func divergenceSkipsLostUpdatesAndDrift() {
        var update = TensorRecord(layer: "dense_2", tensor: "kernel_update")
        var u = UpdateStatistics()
        u.count = 10; u.nonzero = 8; u.lostInFloat32 = 0; u.lostInCompute = 2
        update.updates = u
        var activation = TensorRecord(layer: "dense_2", tensor: "activation")
        activation.drift = DriftRecord(squaredDifference: 1, squaredReference: 10_000)
        let steps = [
            StepRecord(step: 1, epoch: 1, batch: 0,
                       metrics: StepMetrics(samples: 4, loss: 2, accuracy: 0.25, lossScale: 32768, skipped: true, nonFiniteGradients: 3, seconds: 1),
                       tensors: [activation, update]),
            StepRecord(step: 2, epoch: 1, batch: 1,
                       metrics: StepMetrics(samples: 4, loss: .nan, accuracy: 0, lossScale: 16384, skipped: false, nonFiniteGradients: 0, seconds: 1),
                       tensors: []),
        ]
        var run = RunRecordFixture.run(steps: steps)
        run.divergence = Divergence(step: 2, reason: "loss is nan")
        #expect(Findings.compute(run).map(\.text) == [
            "Training diverged at step 2: loss is nan. The report covers the 2 steps recorded up to then; no test evaluation was run.",
            "1 of 2 steps were skipped because their gradients were not finite (step 1); each halved the loss scale.",
            "The loss scale went from 32768 at step 1 to 16384 at step 2.",
            "dense_2 kernel updates: 25% of the nonzero updates would be lost if the weights were kept in float16; 0% are lost in the float32 master weights.",
            "dense_2 output drifts from the float32 shadow pass by 1% (relative error norm, mean of 1 check; max 1%).",
        ])
    }

    /// 3 NaN and 1 infinite input among 8 elements: 50%.
    @Test func nonFiniteInputs() {
        var record = TensorRecord(layer: "dense_2", tensor: "gradient", format: .float16, shape: [2, 4], lossScale: 1)
        var s = SyntheticEvents.statistics(count: 8)
        s.nan = 3
        s.infinite = 1
        record.rounding = s
        let run = RunRecordFixture.run(steps: [StepRecord(step: 1, epoch: 1, batch: 0, metrics: nil, tensors: [record])])
        #expect(Findings.compute(run).map(\.text).contains(
            "dense_2 activation gradients: 50% of the values were already NaN or infinite before rounding (3 NaN, 1 infinite)."))
        #expect(LossScaling.fixed(1024).shortName == "fixed 1024" && LossScaling.dynamic().shortName == "dynamic")
    }
}

import NeuralNet
import Precision
import Testing
@testable import Analyzer

/// Findings as values: which ones a record gives, and the counts and shares in them.
@Suite struct FindingsTests {
    /// 10^7 gradient elements per step: 70,000 would flush unscaled (0.7%), 1 flushes with
    /// scale 32768 (10^-7).
    @Test func lossScalingFinding() {
        var record = TensorRecord(
            layer: "dense_2", tensor: "gradient", format: .float16, shape: [1000, 10000], lossScale: 32768)
        record.rounding = SyntheticEvents.statistics(count: 10_000_000, underflow: 1)
        record.unscaled = SyntheticEvents.counts(underflow: 70_000)
        let run = RunRecordFixture.run(steps: [StepRecord(step: 1, epoch: 1, batch: 0, metrics: nil, tensors: [record])]
        )
        let expected = Finding.underflowWithoutScaling(
            layer: "dense_2", tensor: "gradient", unscaled: Proportion(70_000, of: 10_000_000),
            scaled: Proportion(1, of: 10_000_000), scales: 32768...32768)
        #expect(Findings.compute(run) == [expected])
        #expect(expected.topic == .underflow && expected.layer == "dense_2" && expected.tensor == "gradient")
        #expect(Proportion(70_000, of: 10_000_000).fraction == 0.007)
        #expect(Proportion(1, of: 10_000_000).fraction == 1e-7)
    }

    /// Two steps carrying scales 32768 and 16384: the range covers both, and overflow that the
    /// scale caused nowhere (0 scaled, 5 of 2·8 unscaled) is its own finding.
    @Test func scaleRangeAndUnscaledOverflow() {
        func record(scale: Float) -> TensorRecord {
            var r = TensorRecord(
                layer: "dense_1", tensor: "kernel_gradient", format: .float16, shape: [2, 4], lossScale: scale)
            r.rounding = SyntheticEvents.statistics(count: 8)
            r.unscaled = SyntheticEvents.counts(overflow: scale == 32768 ? 5 : 0)
            return r
        }
        let steps = [
            StepRecord(step: 1, epoch: 1, batch: 0, metrics: nil, tensors: [record(scale: 32768)]),
            StepRecord(step: 2, epoch: 1, batch: 1, metrics: nil, tensors: [record(scale: 16384)]),
        ]
        let run = RunRecordFixture.run(steps: steps, settings: RunRecordFixture.settings(layers: ["dense_1"]))
        #expect(
            Findings.compute(run) == [
                .overflowWithoutScaling(
                    layer: "dense_1", tensor: "kernel_gradient", unscaled: Proportion(5, of: 16),
                    scales: 16384...32768)
            ])
    }

    /// A float16 tensor without a loss scale: 3 of 12 subnormal (25%), 2 flushed, 1 overflowed.
    @Test func subnormalAndOverflow() {
        var record = TensorRecord(
            layer: "dense_2", tensor: "activation", format: .float16, shape: [3, 4], lossScale: 1)
        record.rounding = SyntheticEvents.statistics(count: 12, overflow: 1, underflow: 2, subnormal: 3)
        let run = RunRecordFixture.run(steps: [StepRecord(step: 1, epoch: 1, batch: 0, metrics: nil, tensors: [record])]
        )
        #expect(
            Findings.compute(run) == [
                .overflowed(
                    layer: "dense_2", tensor: "activation", overflowed: Proportion(1, of: 12), format: .float16),
                .subnormal(
                    layer: "dense_2", tensor: "activation", subnormal: Proportion(3, of: 12),
                    flushed: Proportion(2, of: 12), withoutLossScaling: false),
            ])
        #expect(Proportion(3, of: 12).fraction == 0.25 && Proportion(3, of: 0).fraction == 0)
    }

    /// Relative errors 2^-12 and 2^-13 in float16 (u = 2^-11): mean 3·2^-14 = 0.375 u,
    /// RMS sqrt((2^-24 + 2^-26) / 2) = sqrt(5/8)·2^-12 = sqrt(5/32) u, max 0.5 u.
    @Test func largestRoundingErrorInUnitsOfU() {
        var kernel = TensorRecord(layer: "dense_2", tensor: "kernel", format: .float16, shape: [1, 2], lossScale: 1)
        kernel.rounding = SyntheticEvents.statistics(count: 2, errors: [0x1p-12, 0x1p-13])
        var input = TensorRecord(layer: "dense_2", tensor: "input", format: .float16, shape: [1, 2], lossScale: 1)
        input.rounding = SyntheticEvents.statistics(count: 2, errors: [0x1p-14, 0])
        let run = RunRecordFixture.run(steps: [
            StepRecord(step: 1, epoch: 1, batch: 0, metrics: nil, tensors: [input, kernel])
        ])
        let found = Findings.compute(run)
        #expect(found.count == 1)
        guard case let .largestRoundingError(layer, tensor, format, mean, rms, max) = found.first else {
            Issue.record("not a rounding-error finding: \(found)")
            return
        }
        #expect(layer == "dense_2" && tensor == "kernel" && format == .float16)
        #expect(mean == 0.375 && max == 0.5)
        #expect(abs(rms - (5.0 / 32).squareRoot()) < 1e-15)
    }

    @Test func divergenceSkipsLostUpdatesAndDrift() {
        var update = TensorRecord(layer: "dense_2", tensor: "kernel_update")
        var u = UpdateStatistics()
        u.count = 10
        u.nonzero = 8
        u.lostInFloat32 = 0
        u.lostInCompute = 2
        update.updates = u
        var activation = TensorRecord(layer: "dense_2", tensor: "activation")
        activation.drift = DriftRecord(squaredDifference: 1, squaredReference: 10_000)
        let steps = [
            StepRecord(
                step: 1, epoch: 1, batch: 0,
                metrics: StepMetrics(
                    samples: 4, loss: 2, accuracy: 0.25, lossScale: 32768, skipped: true, nonFiniteGradients: 3,
                    seconds: 1),
                tensors: [activation, update]),
            StepRecord(
                step: 2, epoch: 1, batch: 1,
                metrics: StepMetrics(
                    samples: 4, loss: .nan, accuracy: 0, lossScale: 16384, skipped: false, nonFiniteGradients: 0,
                    seconds: 1),
                tensors: []),
        ]
        var run = RunRecordFixture.run(steps: steps)
        run.divergence = Divergence(step: 2, reason: "loss is nan")
        let found = Findings.compute(run)
        // Drift: sqrt(1 / 10000) = 0.01 from one check (in binary64 the correctly rounded square
        // root of the double nearest 10^-4 is the double nearest 0.01).
        #expect(
            found == [
                .diverged(step: 2, reason: "loss is nan", recordedSteps: 2),
                .skippedSteps(skipped: [1], steps: 2),
                .lossScaleChanged(from: 32768, firstStep: 1, to: 16384, lastStep: 2),
                .lostUpdates(
                    layer: "dense_2", tensor: "kernel_update", inCompute: Proportion(2, of: 8),
                    inFloat32: Proportion(0, of: 8), compute: .float16, variables: .float32),
                .drift(layer: "dense_2", mean: 0.01, max: 0.01, checks: 1),
            ])
        #expect(found.map(\.topic) == [.divergence, .skippedSteps, .lossScaling, .lostUpdates, .drift])
        #expect(found.map(\.layer) == [nil, nil, nil, "dense_2", "dense_2"])
    }

    /// 3 NaN and 1 infinite input among 8 elements.
    @Test func nonFiniteInputs() {
        var record = TensorRecord(layer: "dense_2", tensor: "gradient", format: .float16, shape: [2, 4], lossScale: 1)
        var s = SyntheticEvents.statistics(count: 8)
        s.nan = 3
        s.infinite = 1
        record.rounding = s
        let run = RunRecordFixture.run(steps: [StepRecord(step: 1, epoch: 1, batch: 0, metrics: nil, tensors: [record])]
        )
        #expect(
            Findings.compute(run).contains(
                .nonFiniteInputs(layer: "dense_2", tensor: "gradient", nan: 3, infinite: 1, count: 8)))
        #expect(LossScaling.fixed(1024).shortName == "fixed 1024" && LossScaling.dynamic().shortName == "dynamic")
    }

    /// Tensors outside the settings' selection give no findings.
    @Test func unselectedTensorsAreSilent() {
        var record = TensorRecord(layer: "dense_2", tensor: "kernel", format: .float16, shape: [1, 4], lossScale: 1)
        record.rounding = SyntheticEvents.statistics(count: 4, overflow: 4)
        let settings = RunRecordFixture.settings(tensors: TensorSelection(groups: [.gradients]))
        let run = RunRecordFixture.run(
            steps: [StepRecord(step: 1, epoch: 1, batch: 0, metrics: nil, tensors: [record])],
            settings: settings)
        #expect(Findings.compute(run) == [])
    }
}

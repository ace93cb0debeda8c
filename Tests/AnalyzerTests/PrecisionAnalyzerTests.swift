import NeuralNet
import Precision
import Testing
@testable import Analyzer

/// The analyzer's bookkeeping, from synthetic events with hand-computed expectations.
@Suite struct PrecisionAnalyzerTests {
    let layers = ["dense_1", "dense_2", "dense_logits", "predictions"]

    /// Two roundings of the same tensor in one step add up: counts 10 + 6, underflow 2 + 1,
    /// error sums 0.5 + 0.25 (errors [0.25, 0.25] and [0.125, 0.125]), max(0.25, 0.125).
    @Test func mergesRoundingsOfOneTensorInOneStep() throws {
        let analyzer = PrecisionAnalyzer(layers: layers)
        let a = SyntheticEvents.statistics(
            count: 10, overflow: 1, underflow: 2, errors: [0.25, 0.25], exponents: [0, 1])
        let b = SyntheticEvents.statistics(
            count: 6, underflow: 1, subnormal: 3, errors: [0.125, 0.125], exponents: [1])
        analyzer.observeRounding(SyntheticEvents.rounding("dense_1", .activation, step: 1, statistics: a))
        analyzer.observeRounding(SyntheticEvents.rounding("dense_1", .activation, step: 1, statistics: b))
        let steps = analyzer.stepRecords
        #expect(steps.count == 1)
        let r = try #require(steps[0].tensor("dense_1", "activation")?.rounding)
        #expect(r.count == 16 && r.overflow == 1 && r.underflow == 3 && r.subnormal == 3)
        #expect(r.errorCount == 4 && r.errorSum == 0.75 && r.errorMax == 0.25)
        #expect(r.errorSquares == 2 * 0.0625 + 2 * 0.015625)
        #expect(r.histogram.count(exponent: 0) == 1 && r.histogram.count(exponent: 1) == 2)
        #expect(steps[0].tensor("dense_1", "activation")?.unscaled == nil, "forward tensors have no counterfactual")
    }

    /// A scaled gradient keeps the kernel's counterfactual; an unscaled gradient (scale 1,
    /// no counterfactual asked) gets its own counts as "without scaling".
    @Test func counterfactualOfGradients() throws {
        let analyzer = PrecisionAnalyzer(layers: layers)
        let scaled = SyntheticEvents.statistics(count: 100, underflow: 1, subnormal: 2)
        analyzer.observeRounding(
            SyntheticEvents.rounding(
                "dense_2", .gradient, step: 1, statistics: scaled, lossScale: 32768,
                unscaled: SyntheticEvents.counts(underflow: 7, subnormal: 20)))
        let plain = SyntheticEvents.statistics(count: 50, overflow: 4, underflow: 5, subnormal: 6)
        analyzer.observeRounding(SyntheticEvents.rounding("dense_2", .kernelGradient, step: 1, statistics: plain))
        let step = try #require(analyzer.stepRecords.first)
        let g = try #require(step.tensor("dense_2", "gradient"))
        #expect(g.lossScale == 32768)
        #expect(g.unscaled == SyntheticEvents.counts(underflow: 7, subnormal: 20))
        #expect(
            step.tensor("dense_2", "kernel_gradient")?.unscaled
                == SyntheticEvents.counts(overflow: 4, underflow: 5, subnormal: 6))
    }

    /// Updates, drift and step facts land on their step whatever the arrival order; records
    /// come out in model order, then forward-to-backward kind order; evaluation is ignored.
    @Test func ordersRecordsAndAttachesUpdatesDriftAndSteps() throws {
        let analyzer = PrecisionAnalyzer(layers: layers, shadowEvery: 3)
        #expect(analyzer.shadowEvery == 3)
        #expect(analyzer.wantsRounding(.gradient, layer: "dense_1", phase: .training))
        #expect(!analyzer.wantsRounding(.activation, layer: "dense_1", phase: .validation))
        #expect(!analyzer.wants(.activation, layer: "dense_1", phase: .training), "no raw tensors are copied")
        let s = SyntheticEvents.statistics(count: 4)
        analyzer.observeStep(
            SyntheticEvents.step(2, lossSum: 3, correct: 1, count: 4, lossScale: 16384, skipped: true, nonFinite: 9))
        analyzer.observeRounding(SyntheticEvents.rounding("dense_logits", .activation, step: 2, statistics: s))
        analyzer.observeRounding(SyntheticEvents.rounding("dense_1", .gradient, step: 2, statistics: s))
        analyzer.observeRounding(SyntheticEvents.rounding("dense_1", .kernel, step: 2, statistics: s))
        analyzer.observeUpdate(
            SyntheticEvents.update(
                "dense_1", .kernelUpdate, step: 2, count: 8, nonzero: 6, lostInFloat32: 1, lostInCompute: 3))
        analyzer.observeDrift(
            .synthetic(
                layer: "dense_1", position: SyntheticEvents.position(step: 2), squaredDifference: 1,
                squaredReference: 16))
        analyzer.observeRounding(SyntheticEvents.rounding("dense_1", .activation, step: 1, statistics: s))
        analyzer.observeRounding(
            SyntheticEvents.rounding("dense_1", .activation, step: 2, phase: .validation, statistics: s))
        analyzer.observeStep(SyntheticEvents.step(1, lossSum: 4, correct: 2, count: 4))

        let steps = analyzer.stepRecords
        #expect(steps.map(\.step) == [1, 2])
        #expect(steps[0].tensors.map(\.tensor) == ["activation"])
        #expect(
            steps[1].tensors.map { "\($0.layer)/\($0.tensor)" }
                == [
                    "dense_1/kernel", "dense_1/activation", "dense_1/gradient", "dense_1/kernel_update",
                    "dense_logits/activation",
                ])
        let m = try #require(steps[1].metrics)
        #expect(
            m
                == StepMetrics(
                    samples: 4, loss: 0.75, accuracy: 0.25, lossScale: 16384, skipped: true,
                    nonFiniteGradients: 9, seconds: 0.5))
        #expect(steps[0].metrics?.loss == 1 && steps[0].metrics?.accuracy == 0.5)
        let drift = try #require(steps[1].tensor("dense_1", "activation")?.drift)
        #expect(drift.relativeErrorNorm == 0.25)
        #expect(steps[1].tensor("dense_1", "activation")?.rounding == nil, "the validation rounding was ignored")
        let u = try #require(steps[1].tensor("dense_1", "kernel_update")?.updates)
        #expect(u.count == 8 && u.nonzero == 6 && u.lostInFloat32 == 1 && u.lostInCompute == 3)
    }

    /// Totals over steps: counts add, drift mean of 0.5 and 0.25 is 0.375, the loss-scale range
    /// spans the scales the gradient carried.
    @Test func totalsOverSteps() throws {
        let analyzer = PrecisionAnalyzer(layers: layers)
        for (step, scale) in [(1, Float(32768)), (2, Float(16384))] {
            analyzer.observeRounding(
                SyntheticEvents.rounding(
                    "dense_2", .gradient, step: step,
                    statistics: SyntheticEvents.statistics(count: 10, underflow: UInt64(step)),
                    lossScale: scale, unscaled: SyntheticEvents.counts(underflow: 3)))
        }
        analyzer.observeDrift(
            .synthetic(
                layer: "dense_2", position: SyntheticEvents.position(step: 1), squaredDifference: 1, squaredReference: 4
            ))
        analyzer.observeDrift(
            .synthetic(
                layer: "dense_2", position: SyntheticEvents.position(step: 2), squaredDifference: 1,
                squaredReference: 16))
        let run = RunRecordFixture.run(steps: analyzer.stepRecords)
        let g = run.totals(layer: "dense_2", tensor: "gradient")
        #expect(g.steps == 2 && g.rounding?.count == 20 && g.rounding?.underflow == 3 && g.unscaled?.underflow == 6)
        #expect(g.lossScaleRange == 16384...32768)
        let a = run.totals(layer: "dense_2", tensor: "activation")
        #expect(a.drifts == [0.5, 0.25] && a.meanDrift == 0.375 && a.maxDrift == 0.5)
        #expect(run.recordedTensors(layer: "dense_2") == ["activation", "gradient"])
    }
}

import Testing
import NeuralNet
import Precision
import SoftFloat
import _MPStudySupport

/// Training under a precision policy: rounding at Keras's casts, loss scaling, skipped steps
/// and divergence.
@Suite("MixedPrecision")
struct MixedPrecisionTests {
    /// Records every precision event.
    final class RecordingProbe: PrecisionProbe {
        var rounding: [String: RoundingStatistics] = [:]
        var steps: [StepEvent] = []
        var drifts: [DriftEvent] = []
        let every: Int
        init(shadowEvery: Int = 0) { every = shadowEvery }
        func wants(_ kind: TensorKind, layer: String, phase: ModelPhase) -> Bool { false }
        func observe(_ tensor: ProbedTensor) {}
        func wantsRounding(_ kind: TensorKind, layer: String, phase: ModelPhase) -> Bool { true }
        func observeRounding(_ event: RoundingEvent) {
            rounding["\(event.layer).\(event.kind)", default: RoundingStatistics()].merge(event.record.statistics)
        }
        var shadowEvery: Int { every }
        func observeDrift(_ event: DriftEvent) { drifts.append(event) }
        func observeStep(_ event: StepEvent) { steps.append(event) }
    }

    static func context(_ policy: PrecisionPolicy, probe: any LayerProbe = NoProbe()) -> ExecutionContext {
        ExecutionContext(parallelism: ParallelChunks(threads: 1), probe: probe, policy: policy)
    }

    /// One Dense+ReLU layer, 2 -> 2, under mixed_float16, values chosen so every cast rounds:
    /// - input [1 + 2^-11, 2049]: 1 + 2^-11 is the midpoint of 1 and 1 + 2^-10, ties to the
    ///   even 1; 2049 is the midpoint of 2048 and 2050 (spacing 2 in [2048, 4096)), ties to the
    ///   even 2048. So x16 = [1, 2048].
    /// - kernel [[1 + 2^-12, 0.5], [3, -1]]: 1 + 2^-12 is below half an ulp (2^-11) above 1,
    ///   so W16 = [[1, 0.5], [3, -1]].
    /// - bias [2^-30, 0]: 2^-30 < 2^-25 flushes, b16 = [0, 0].
    /// - GEMM in float32 (exact here): [1 + 6144, 0.5 - 2048] = [6145, -2047.5]; rounded to
    ///   float16: 6145 -> 6144 (spacing 4 in [4096, 8192)), -2047.5 is the midpoint of -2047
    ///   and -2048 and ties to the even -2048.
    /// - bias add and ReLU: [6144, 0].
    /// Under float32 the same layer gives 1·(1 + 2^-12)·(1 + 2^-11)... not [6144, 0]: the
    /// first output is about 6148.
    @Test func denseRoundsAtEveryCast() {
        let probe = RecordingProbe()
        let context = Self.context(.mixedFloat16, probe: probe)
        let layer = Dense(name: "d", inputSize: 2, units: 2, activation: .relu)
        layer.kernel.buffer.update(fromContentsOf: [1 + 0x1p-12, 0.5, 3, -1])
        layer.bias.buffer.update(fromContentsOf: [0x1p-30, 0])
        layer.reserve(batchCapacity: 1, computesInputGradient: false)
        layer.reservePrecision(narrow: true, castsInput: true, batchCapacity: 1)
        let input = Tensor(shape: [1, 2], values: [1 + 0x1p-11, 2049])
        let output = layer.forward(input, context: context)
        #expect(output.array == [6144, 0])
        // The float32 variables are untouched; the casts hold the rounded copies.
        #expect(layer.kernel.array == [1 + 0x1p-12, 0.5, 3, -1])
        #expect(layer.castKernel!.array == [1, 0.5, 3, -1])
        #expect(probe.rounding["d.bias"]?.underflow == 1)
        #expect(probe.rounding["d.input"]?.errorCount == 2 && probe.rounding["d.kernel"]?.count == 4)
        // forwardOutput: 6145 -> 6144 and -2047.5 -> -2048, both inexact, error 1/6145 and 0.5/2047.5.
        let expected = 1.0 / 6145 + 0.5 / 2047.5
        #expect(abs(probe.rounding["d.forwardOutput"]!.errorSum - expected) < 1e-9)

        let f32 = Dense(name: "d", inputSize: 2, units: 2, activation: .relu)
        f32.kernel.copy(from: layer.kernel)
        f32.bias.copy(from: layer.bias)
        f32.reserve(batchCapacity: 1, computesInputGradient: false)
        let reference = f32.forward(input, context: Self.context(.float32))
        #expect(reference.array[0] > 6147)
    }

    static func data(count: Int) -> LabeledImages { TrainerTests.synthetic(count: count, seed: 3) }

    static func configuration(_ policy: PrecisionPolicy, scaling: LossScaling? = nil) -> TrainingConfiguration {
        var c = TrainerTests.configuration()
        c.policy = policy
        c.lossScaling = scaling
        return c
    }

    /// Scaling by a power of two commutes with float32 and float16 rounding while no value
    /// leaves the normal range: gradients computed at scale 2^10 and 2^12 and unscaled are the
    /// same bits. (The probe checks the premise: no subnormal or flushed gradient.)
    @Test func unscaledGradientsDoNotDependOnThePowerOfTwoScale() throws {
        var results: [[Float]] = []
        for exponent in [10, 12] {
            let probe = RecordingProbe()
            let trainer = try Trainer(
                configuration: Self.configuration(.mixedFloat16, scaling: .fixed(Float(1 << exponent))),
                data: Self.data(count: 96), classes: 3, probe: probe)
            let model = trainer.model
            let input = Tensor(shape: [32, 8], values: (0..<256).map { Float($0 % 17) / 16 })
            let labels: [Int32] = (0..<32).map { Int32($0 % 3) }
            trainer.context.lossScale = Float(1 << exponent)
            labels.withUnsafeBufferPointer { _ = model.computeGradients(input, labels: $0, context: trainer.context) }
            _ = model.unscaleGradients(by: Float(1 << exponent), context: trainer.context)
            results.append(model.denseLayers.flatMap { $0.kernelGradient.array + $0.biasGradient.array })
            for (key, s) in probe.rounding where key.hasSuffix("radient") {
                #expect(s.subnormal == 0 && s.underflow == 0 && s.overflow == 0, "\(key): \(s)")
            }
        }
        #expect(results[0].map(\.bitPattern) == results[1].map(\.bitPattern))
        #expect(results[0].contains { $0 != 0 })
    }

    /// Keras dynamic loss scaling: at 2^40 the scaled loss gradient overflows float16, so the
    /// step is skipped (weights unchanged) and the scale halves; training continues.
    @Test func dynamicScalingSkipsOverflowingSteps() throws {
        let probe = RecordingProbe()
        var c = Self.configuration(.mixedFloat16, scaling: .dynamic(initial: 0x1p40, growthInterval: 2000))
        c.epochs = 1
        let trainer = try Trainer(configuration: c, data: Self.data(count: 96), classes: 3, probe: probe)
        let before = trainer.weightsDigest()
        trainer.fit()
        let first = probe.steps[0]
        #expect(first.skipped && first.lossScale == 0x1p40 && first.nonFiniteGradients > 0)
        #expect(probe.steps[1].lossScale == 0x1p39)
        // 96 samples, validation split 0.25: 72 training samples, 3 steps of at most 32, at
        // scales 2^40, 2^39, 2^38, all overflowing float16 (|gradients| ~ 1e-3 times 2^38 > 65504).
        let allSkipped = probe.steps.allSatisfy { $0.skipped }
        #expect(probe.steps.count == 3 && allSkipped)
        #expect(trainer.weightsDigest() == before)
        #expect(trainer.lossScaler.scale == 0x1p37)
        #expect(probe.rounding["dense_logits.gradient"]!.overflow > 0)
    }

    /// float16 variables, no loss scaling and a learning rate of 1000: the weights blow up,
    /// the float16 forward pass overflows and the loss becomes NaN: the trainer reports the
    /// divergence and stops.
    @Test func divergenceIsReportedAndStopsTraining() throws {
        var c = Self.configuration(.float16, scaling: LossScaling.none)
        c.learningRate = 1000
        c.epochs = 50
        let trainer = try Trainer(configuration: c, data: Self.data(count: 96), classes: 3)
        var diverged: (Int, String)?
        trainer.fit { if case let .diverged(step, reason) = $0 { diverged = (step, reason) } }
        #expect(diverged != nil)
        #expect(trainer.divergedAtStep == diverged?.0 && trainer.stepsDone == diverged?.0)
        #expect(trainer.stepsDone < 50 * 3)
    }

    /// mixed_float16 learns the synthetic task like float32, and the shadow pass reports a
    /// small nonzero drift for every Dense layer on the steps it runs.
    @Test func mixedPrecisionLearnsAndDriftIsSmall() throws {
        let probe = RecordingProbe(shadowEvery: 2)
        let trainer = try Trainer(
            configuration: Self.configuration(.mixedFloat16), data: Self.data(count: 96), classes: 3,
            probe: probe)
        let summaries = trainer.fit()
        #expect(summaries.last!.training.accuracy > 0.9)
        // 4 epochs x 3 steps: steps 1, 3, 5, ... get a shadow pass; 3 layers each.
        #expect(probe.drifts.count == 6 * 3)
        #expect(probe.drifts.allSatisfy { $0.relativeErrorNorm > 0 && $0.relativeErrorNorm < 0.01 })
        #expect(probe.steps.map(\.lossScale).allSatisfy { $0 == 32768 })
    }
}

/// The `float16` policy's optimizer: Keras keeps variables, velocity and every operation of
/// the RMSprop update in float16. Expected values come from SoftFloat's binary16 operations
/// (checked bit for bit against MPFR), an implementation independent of the C kernel.
/// For w = 1, g = 0.5 the chain is: rho = fp16(0.9) = 0.89990234375, 1 - rho =
/// fp16(0.09999999999999998) = 0.0999755859375, v = 0.0999755859375 * 0.25 =
/// 0.024993896484375, v + fp16(1e-7) rounds back to v (1.2e-7 is below half an ulp, 2^-17),
/// sqrt -> 0.1580810546875, lr * g = 0.0005002021789550781, q = 0.0031642913818359375,
/// w = 1 - q -> 0.9970703125 (0x3BFA).
@Suite("RMSprop in float16")
struct NarrowRMSpropTests {
    static func softFloatStep(w: Float, g: Float, v: Float) -> (w: Float, v: Float) {
        var e = FloatEnvironment()
        func h(_ x: Double) -> SoftFloat16 { SoftFloat64(bits: x.bitPattern).converted(to: Binary16.self, in: &e) }
        func h(_ x: Float) -> SoftFloat16 { SoftFloat32(bits: x.bitPattern).converted(to: Binary16.self, in: &e) }
        func f(_ x: SoftFloat16) -> Float { Float(bitPattern: x.converted(to: Binary32.self, in: &e).bits) }
        let rho = h(0.9)
        let oneMinusRho = h(1 - 0.9)
        let lr = h(0.001)
        let eps = h(1e-7)
        let gh = h(g)
        let vh = h(v)
        let wh = h(w)
        let v1 = rho.multiplied(by: vh, in: &e).adding(
            oneMinusRho.multiplied(by: gh.multiplied(by: gh, in: &e), in: &e), in: &e)
        let root = v1.adding(eps, in: &e).squareRoot(in: &e)
        let q = lr.multiplied(by: gh, in: &e).divided(by: root, in: &e)
        return (f(wh.subtracting(q, in: &e)), f(v1))
    }

    @Test func oneStepMatchesSoftFloat() {
        let ws: [Float] = [1, 0.25, -3, 0.0001]
        let gs: [Float] = [0.5, Float(Float16(-0.001)), 2, Float(Float16(1e-5))]
        let optimizer = RMSprop(variableFormat: .float16)
        let w = Tensor(shape: [4], values: ws)
        let g = Tensor(shape: [4], values: gs)
        optimizer.update(w, gradient: g, layer: "d", updateKind: .kernelUpdate, context: TestSupport.context())
        let expected = zip(ws, gs).map { Self.softFloatStep(w: $0, g: $1, v: 0) }
        #expect(w.array.map(\.bitPattern) == expected.map(\.w.bitPattern))
        #expect(optimizer.velocity(for: w).array.map(\.bitPattern) == expected.map(\.v.bitPattern))
        #expect(w.array[0] == 0.9970703125)  // the chain derived above
    }
}

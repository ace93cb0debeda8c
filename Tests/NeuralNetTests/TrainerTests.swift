import Testing
import NeuralNet
import _MPStudySupport
import _TestSupport

/// End-to-end training on a tiny synthetic data set: learning, determinism, probes.
@Suite("Trainer")
struct TrainerTests {
    /// `count` images of 8 "pixels" in 3 classes: class c is bright on pixels j with j % 3 == c
    /// (the shared synthetic set of `_TestSupport`).
    static func synthetic(count: Int, seed: UInt64) -> LabeledImages {
        let images = SyntheticImages(count: count, features: 8, classes: 3, seed: seed)
        return LabeledImages(pixels: images.pixels, labels: images.labels, features: images.features)
    }

    static func configuration(seed: UInt64 = 0, threads: Int = 1) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.epochs = 4
        c.batchSize = 32
        c.units = 16
        c.validationSplit = 0.25
        c.learningRate = 0.01
        c.seed = seed
        c.threads = threads
        c.evaluationBatchSize = 50
        return c
    }

    @Test func learnsAndReportsKerasLines() throws {
        let data = Self.synthetic(count: 240, seed: 1)
        let trainer = try Trainer(configuration: Self.configuration(), data: data, classes: 3)
        #expect(trainer.schedule.trainingCount == 180 && trainer.schedule.stepsPerEpoch == 6)
        var steps = 0
        let summaries = trainer.fit { if case .stepFinished = $0 { steps += 1 } }
        #expect(steps == 24 && trainer.stepsDone == 24 && trainer.optimizer.iterations == 24)
        #expect(summaries.count == 4)
        #expect(summaries.last!.training.meanLoss < summaries.first!.training.meanLoss)
        #expect(summaries.allSatisfy { $0.training.count == 180 && $0.validation?.count == 60 })
        #expect(summaries.last!.validation!.accuracy > 0.9)
        #expect(summaries[0].kerasLine.hasPrefix("6/6 [==============================] - "))
        #expect(summaries[0].kerasLine.contains(" - val_accuracy: "))
        let test = trainer.evaluate(Self.synthetic(count: 90, seed: 2))
        #expect(test.metrics.count == 90 && test.steps == 2 && test.metrics.accuracy > 0.9)
    }

    @Test func sameSeedSameNumbersOtherSeedOtherWeights() throws {
        let data = Self.synthetic(count: 240, seed: 1)
        func run(_ seed: UInt64) throws -> ([BatchMetrics], String) {
            let t = try Trainer(configuration: Self.configuration(seed: seed), data: data, classes: 3)
            let s = t.fit()
            return (s.flatMap { [$0.training, $0.validation!] }, t.weightsDigest())
        }
        let a = try run(7)
        let b = try run(7)
        let c = try run(8)
        #expect(a.0 == b.0 && a.1 == b.1)
        #expect(a.1 != c.1)
    }

    /// Column sums are float32 sums in row order, bit for bit: against the definition summed one
    /// element at a time, on shapes whose rows are not a multiple of the four-row step and whose
    /// widths are not a multiple of the 16-wide vectors, with magnitudes spread over 2^-12 to
    /// 2^12 so that any other order of the additions rounds differently.
    @Test func columnSumsAddInRowOrder() {
        var g = SeededGenerator(seed: 11)
        for (rows, columns) in [(37, 53), (8, 16), (5, 1), (1030, 33), (4, 2050)] {
            let m = TestSupport.random([rows, columns], &g)
            for i in 0..<m.count {
                let scale = Float(sign: .plus, exponent: Int(g.next() % 25) - 12, significand: 1)
                m.buffer[i] *= scale
            }
            let sums = Tensor(shape: [columns])
            Dense.columnSums(m, into: sums, context: ExecutionContext(parallelism: ParallelChunks(threads: 2)))
            var reordered = 0
            for c in 0..<columns {
                var s: Float = 0
                for r in 0..<rows { s = s + m.buffer[r * columns + c] }
                #expect(sums.buffer[c].bitPattern == s.bitPattern, "\(rows)x\(columns) column \(c)")
                var backwards: Float = 0
                for r in (0..<rows).reversed() { backwards = backwards + m.buffer[r * columns + c] }
                if backwards.bitPattern != s.bitPattern { reordered += 1 }
            }
            // The data can tell the orders apart (else the check above would prove nothing).
            if rows > 8 { #expect(reordered > 0, "\(rows)x\(columns)") }
        }
    }

    /// Elementwise kernels give identical bits whatever the number of chunks.
    @Test func parallelKernelsIndependentOfThreadCount() {
        var g = SeededGenerator(seed: 4)
        let m = TestSupport.random([37, 53], &g)
        let bias = TestSupport.random([53], &g)
        let one = ExecutionContext(parallelism: ParallelChunks(threads: 1))
        let many = ExecutionContext(parallelism: ParallelChunks(threads: 3, chunkElements: 1))
        let s1 = Tensor(shape: [53])
        let s2 = Tensor(shape: [53])
        Dense.columnSums(m, into: s1, context: one)
        Dense.columnSums(m, into: s2, context: many)
        #expect(s1.array == s2.array)
        let a = Tensor(shape: [37, 53])
        let b = Tensor(shape: [37, 53])
        a.copy(from: m)
        b.copy(from: m)
        ReLU.addBias(bias, to: a, relu: true, context: one)
        ReLU.addBias(bias, to: b, relu: true, context: many)
        #expect(a.array == b.array)
        let ga = TestSupport.random([37, 53], &g)
        let gb = Tensor(shape: [37, 53])
        gb.copy(from: ga)
        ReLU.maskGradient(ga, by: a, context: one)
        ReLU.maskGradient(gb, by: a, context: many)
        #expect(ga.array == gb.array)
    }

    final class RecordingProbe: LayerProbe {
        var seen: [(String, TensorKind, ModelPhase, Int, [Int])] = []
        func wants(_ kind: TensorKind, layer: String, phase: ModelPhase) -> Bool { true }
        func observe(_ t: ProbedTensor) {
            #expect(t.values.count == t.shape.reduce(1, *))
            seen.append((t.layer, t.kind, t.phase, t.step, t.shape))
        }
    }

    @Test func probeSeesEveryTensorAndChangesNothing() throws {
        let data = Self.synthetic(count: 240, seed: 1)
        var config = Self.configuration()
        config.epochs = 1
        let probe = RecordingProbe()
        let probed = try Trainer(configuration: config, data: data, classes: 3, probe: probe)
        let plain = try Trainer(configuration: config, data: data, classes: 3)
        let a = probed.fit()
        let b = plain.fit()
        #expect(a[0].training == b[0].training && a[0].validation == b[0].validation)
        #expect(probed.weightsDigest() == plain.weightsDigest())

        let step1 = probe.seen.filter { $0.2 == .training && $0.3 == 1 }
        let kinds = Set(step1.map { "\($0.0)/\($0.1.rawValue)" })
        for layer in ["dense_1", "dense_2"] {
            for kind: TensorKind in [
                .input, .kernel, .bias, .forwardOutput, .activation, .gradient, .preActivationGradient,
                .kernelGradient, .biasGradient, .kernelUpdate, .biasUpdate,
            ] {
                #expect(kinds.contains("\(layer)/\(kind.rawValue)"), "missing \(layer)/\(kind)")
            }
        }
        #expect(kinds.contains("dense_2/inputGradient") && !kinds.contains("dense_1/inputGradient"))
        #expect(kinds.contains("dense_logits/forwardOutput") && !kinds.contains("dense_logits/preActivationGradient"))
        #expect(kinds.contains("predictions/activation") && kinds.contains("predictions/gradient"))
        #expect(step1.first { $0.0 == "dense_2" && $0.1 == .kernelGradient }?.4 == [16, 16])
        #expect(step1.first { $0.0 == "dense_1" && $0.1 == .input }?.4 == [32, 8])
        // Validation runs in inference mode: forward tensors only, at the step count reached.
        let validation = probe.seen.filter { $0.2 == .validation }
        #expect(!validation.isEmpty && validation.allSatisfy { $0.3 == 6 })
        #expect(!validation.contains { [.gradient, .kernelGradient, .kernelUpdate].contains($0.1) })
    }
}

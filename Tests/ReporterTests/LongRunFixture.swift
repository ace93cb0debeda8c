import Analyzer
import Precision
import SoftFloat
import _MPStudySupport

/// A synthetic run of any number of steps, shaped like the case study's records, for the tests
/// of long runs (issue 11: a run.json of 18,000 steps took over 60 s and 7 GB to report).
///
/// Every step has ``tensorsPerStep`` records: for each of the three layers, the eight rounded
/// tensor kinds (each with exactly ``binsPerRecord`` nonzero exponent bins, so histograms.csv
/// has ``histogramRowsPerStep`` rows a step) and the two updates. Gradients carry a dynamic
/// loss scale (halved on every 97th step, which is skipped), activations a drift check every
/// fifth step, and every 250th step overflows one element of dense_2's gradient. The numbers
/// come from a seeded generator: the same seed gives the same record.
enum LongRunFixture {
    static let layers = ["dense_1", "dense_2", "dense_logits"]
    static let roundedKinds = [
        "input", "kernel", "bias", "forward_output", "activation", "gradient", "kernel_gradient", "bias_gradient",
    ]
    static let updateKinds = ["kernel_update", "bias_update"]
    static let binsPerRecord = 6
    static let tensorsPerStep = layers.count * (roundedKinds.count + updateKinds.count)
    static let histogramRowsPerStep = layers.count * roundedKinds.count * binsPerRecord

    static func record(steps count: Int, seed: UInt64 = 11) -> RunRecord {
        var random = SeededGenerator(seed: seed)
        var scale: Float = 32768
        var steps: [StepRecord] = []
        steps.reserveCapacity(count)
        for index in 0..<count {
            let number = index + 1
            let skipped = number % 97 == 0
            if skipped { scale /= 2 }
            var tensors: [TensorRecord] = []
            for layer in layers {
                for kind in roundedKinds {
                    let scaled = kind.hasSuffix("gradient")
                    var r = RoundingStatistics()
                    let first = Int.random(in: 100..<140, using: &random)
                    for bin in first..<(first + binsPerRecord) {
                        r.histogram.bins[bin] = UInt64.random(in: 1...5000, using: &random)
                    }
                    r.count = r.histogram.bins.reduce(0, +)
                    r.underflow = UInt64.random(in: 0...3, using: &random)
                    r.subnormal = UInt64.random(in: 0...9, using: &random)
                    r.overflow = layer == "dense_2" && kind == "gradient" && number % 250 == 0 ? 1 : 0
                    r.errorCount = r.count
                    r.errorSum = Double.random(in: 0..<1, using: &random) * Double(r.count) * 0x1p-12
                    r.errorSquares = r.errorSum * 0x1p-12
                    r.errorMax = Double.random(in: 0..<0x1p-11, using: &random)
                    var unscaled: ScaledCounts?
                    if scaled {
                        var u = ScaledCounts()
                        u.underflow = UInt64.random(in: 0...400, using: &random)
                        u.subnormal = UInt64.random(in: 0...40, using: &random)
                        unscaled = u
                    }
                    let drift =
                        kind == "activation" && number % 5 == 1
                        ? DriftRecord(
                            squaredDifference: Double.random(in: 0..<1e-6, using: &random), squaredReference: 2.5) : nil
                    tensors.append(
                        TensorRecord(
                            layer: layer, tensor: kind, format: .float16, shape: [64, 32],
                            lossScale: scaled ? scale : 1, rounding: r, unscaled: unscaled, drift: drift))
                }
                for kind in updateKinds {
                    var u = UpdateStatistics()
                    u.count = 2048
                    u.nonzero = UInt64.random(in: 1000...2048, using: &random)
                    u.lostInFloat32 = UInt64.random(in: 0...10, using: &random)
                    u.lostInCompute = u.lostInFloat32 + UInt64.random(in: 0...100, using: &random)
                    tensors.append(TensorRecord(layer: layer, tensor: kind, shape: [64, 32], updates: u))
                }
            }
            let loss = 2.3 * (1 - Double(index) / Double(count + 1)) + Double.random(in: 0..<0.1, using: &random)
            let metrics = StepMetrics(
                samples: 64, loss: loss, accuracy: Double.random(in: 0..<1, using: &random), lossScale: scale,
                skipped: skipped, nonFiniteGradients: skipped ? 7 : 0,
                seconds: Double.random(in: 0.01..<0.02, using: &random))
            steps.append(
                StepRecord(step: number, epoch: index / 100 + 1, batch: index % 100, metrics: metrics, tensors: tensors)
            )
        }
        let policy = PrecisionPolicy.mixedFloat16
        let settings = AnalysisSettings(
            policy: policy.name, computeFormat: policy.compute, variableFormat: policy.variable,
            lossScaling: .dynamic(),
            lossScalingExplicit: false, epochs: (count + 99) / 100, batchSize: 64, units: 32, seed: seed,
            validationSplit: 0.2,
            learningRate: 0.001, threads: 1, data: "synthetic", shadowEvery: 5,
            layers: LayerSelection(layers: ["dense_2"]), tensors: .all)
        let epochs = (0..<((count + 99) / 100)).map { e in
            EpochRecord(
                epoch: e + 1, steps: min(100, count - e * 100),
                training: MetricsRecord(samples: 6400, loss: 1, accuracy: 0.5),
                validation: MetricsRecord(samples: 1600, loss: 1.1, accuracy: 0.5), trainingSeconds: 1.5, seconds: 1.6)
        }
        return RunRecord(
            settings: settings,
            environment: RunEnvironment(blas: "test", cores: 1, vectorRoundingKernels: false, commandLine: []),
            layers: layers + ["predictions"], parameters: 100, trainingSamples: 6400, validationSamples: 1600,
            testSamples: 0,
            stepsPerEpoch: 100, steps: steps, epochs: epochs)
    }
}

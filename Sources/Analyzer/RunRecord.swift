//===--- RunRecord.swift --------------------------------------------------===//
//
// The whole record of one analysis run: what was asked, where it ran, what happened.
// `run.json` is this value; every other report file can be regenerated from it.
//
//===----------------------------------------------------------------------===//

import Precision

/// The settings of an analysis run, as plain values (independent of NeuralNet's types, so
/// that a record stays readable when those change).
public struct AnalysisSettings: Sendable, Equatable, Codable {
    /// Keras policy name (`mixed_float16`).
    public var policy: String
    public var computeFormat: ComputeFormat
    public var variableFormat: ComputeFormat
    /// The loss scaling in effect (the policy's Keras default when not given).
    public var lossScaling: LossScaling
    /// Whether ``lossScaling`` was chosen on the command line (false: the policy's default).
    public var lossScalingExplicit: Bool
    public var epochs: Int
    public var batchSize: Int
    public var units: Int
    public var seed: UInt64
    public var validationSplit: Double
    public var learningRate: Double
    /// The thread count, in records written while it changed the results (kept so that they
    /// regenerate byte for byte); nil since results stopped depending on it: new records keep
    /// it in ``RunEnvironment/threads``, beside the timings it does change.
    public var threads: Int?
    /// The data folder as given.
    public var data: String
    /// Every how many training steps the float32 shadow forward pass ran (0: never).
    public var shadowEvery: Int
    /// What the summary shows.
    public var layers: LayerSelection
    public var tensors: TensorSelection
    /// The recipe with its options, for a recipe policy (absent from other runs' run.json).
    public var recipe: Recipe?

    public init(
        policy: String, computeFormat: ComputeFormat, variableFormat: ComputeFormat,
        lossScaling: LossScaling, lossScalingExplicit: Bool, epochs: Int, batchSize: Int, units: Int,
        seed: UInt64, validationSplit: Double, learningRate: Double, threads: Int?, data: String,
        shadowEvery: Int, layers: LayerSelection, tensors: TensorSelection, recipe: Recipe? = nil
    ) {
        self.recipe = recipe
        self.policy = policy
        self.computeFormat = computeFormat
        self.variableFormat = variableFormat
        self.lossScaling = lossScaling
        self.lossScalingExplicit = lossScalingExplicit
        self.epochs = epochs
        self.batchSize = batchSize
        self.units = units
        self.seed = seed
        self.validationSplit = validationSplit
        self.learningRate = learningRate
        self.threads = threads
        self.data = data
        self.shadowEvery = shadowEvery
        self.layers = layers
        self.tensors = tensors
    }
}

/// A format's exponent range, stored next to the histograms so that a report can shade the
/// normal and subnormal ranges without knowing the format.
public struct FormatRange: Sendable, Equatable, Codable {
    public var format: ComputeFormat
    /// p: u = 2^-p is the unit roundoff, the unit of the `_u` error columns.
    public var precision: Int
    /// emin, the exponent of the smallest normal number.
    public var minExponent: Int
    /// emax, the exponent of the largest finite number.
    public var maxExponent: Int
    /// emin - (p - 1), the exponent of the smallest subnormal number.
    public var minSubnormalExponent: Int

    public init(_ format: ComputeFormat) {
        self.format = format
        precision = format.precision
        minExponent = format.minExponent
        maxExponent = format.maxExponent
        minSubnormalExponent = format.minSubnormalExponent
    }

    /// Where values with floor(log2 |x|) == `exponent` land: `above_range` (> emax: overflow
    /// unless rounding keeps them at the top), `normal`, `subnormal` (emin_sub <= e < emin),
    /// `below_range` (< emin_sub: flushed, or rounded up to the smallest subnormal).
    public func region(ofExponent exponent: Int) -> String {
        if exponent > maxExponent { return "above_range" }
        if exponent >= minExponent { return "normal" }
        if exponent >= minSubnormalExponent { return "subnormal" }
        return "below_range"
    }
}

/// Where the run ran: enough to judge its timings.
public struct RunEnvironment: Sendable, Equatable, Codable {
    /// The CPU model.
    public var cpu: String = "unknown"
    /// The BLAS line (library, kernel set, threads).
    public var blas: String
    /// Cores online.
    public var cores: Int
    /// How many GEMM panels and elementwise chunks ran at once (`--threads`): it changes the
    /// timings, not the numbers. Nil in records from before it moved here (their settings
    /// hold it).
    public var threads: Int?
    /// Whether the vector (AVX2+F16C) rounding kernels ran.
    public var vectorRoundingKernels: Bool
    /// The command line as typed (arguments after the program name).
    public var commandLine: [String]
    /// The one-minute load average when training started (other work sharing the cores
    /// slows the steps; nil where unknown).
    public var loadAverage: Double?
    /// The one-minute load average when training ended (with ``loadAverage``, how busy the
    /// machine was during the run; nil where unknown).
    public var loadAverageAtEnd: Double?

    public init(
        cpu: String = "unknown", blas: String, cores: Int, threads: Int? = nil, vectorRoundingKernels: Bool,
        commandLine: [String], loadAverage: Double? = nil
    ) {
        self.cpu = cpu
        self.threads = threads
        self.loadAverage = loadAverage
        self.blas = blas
        self.cores = cores
        self.vectorRoundingKernels = vectorRoundingKernels
        self.commandLine = commandLine
    }
}

/// Loss and accuracy over a set of samples (an epoch's running means, or an evaluation).
public struct MetricsRecord: Sendable, Equatable, Codable {
    public var samples: Int
    public var loss: Double
    public var accuracy: Double

    public init(samples: Int, loss: Double, accuracy: Double) {
        self.samples = samples
        self.loss = loss
        self.accuracy = accuracy
    }
}

/// One finished epoch, as Keras prints it.
public struct EpochRecord: Sendable, Equatable, Codable {
    public var epoch: Int
    public var steps: Int
    /// Running means over the epoch's training batches.
    public var training: MetricsRecord
    /// Inference-mode metrics on the validation split (nil without one).
    public var validation: MetricsRecord?
    /// Wall time of the training steps.
    public var trainingSeconds: Double
    /// Wall time of the epoch, validation included.
    public var seconds: Double

    public init(
        epoch: Int, steps: Int, training: MetricsRecord, validation: MetricsRecord?,
        trainingSeconds: Double, seconds: Double
    ) {
        self.epoch = epoch
        self.steps = steps
        self.training = training
        self.validation = validation
        self.trainingSeconds = trainingSeconds
        self.seconds = seconds
    }
}

/// A test-set evaluation.
public struct EvaluationRecord: Sendable, Equatable, Codable {
    public var metrics: MetricsRecord
    public var seconds: Double

    public init(metrics: MetricsRecord, seconds: Double) {
        self.metrics = metrics
        self.seconds = seconds
    }
}

/// Training stopped because the numbers stopped being numbers.
public struct Divergence: Sendable, Equatable, Codable {
    /// The 1-based step at which it was detected.
    public var step: Int
    /// Why, e.g. `NaN loss`.
    public var reason: String

    public init(step: Int, reason: String) {
        self.step = step
        self.reason = reason
    }
}

/// One row of the policy comparison (the blog's table).
public struct PolicyOutcome: Sendable, Equatable, Codable {
    public var policy: String
    /// The loss scaling the run used, in words.
    public var lossScaling: String
    /// Folder of the run's own report, relative to the primary run's folder ("." for the primary).
    public var folder: String
    public var steps: Int
    /// Mean wall time of a training step.
    public var millisecondsPerStep: Double
    /// The last finished epoch's running-mean training loss (the loss Keras prints last);
    /// nil when no epoch finished.
    public var finalLoss: Double?
    public var testLoss: Double?
    public var testAccuracy: Double?
    public var divergence: Divergence?
    /// Every step's metrics, in order (the loss, accuracy and loss-scale curves of the
    /// comparison charts, which the primary `run.json` must hold to regenerate them).
    public var stepMetrics: [StepMetrics]
    /// The finished epochs (training running means and validation).
    public var epochs: [EpochRecord]

    public init(
        policy: String, lossScaling: String, folder: String, steps: Int, millisecondsPerStep: Double,
        finalLoss: Double?, testLoss: Double?, testAccuracy: Double?, divergence: Divergence?,
        stepMetrics: [StepMetrics] = [], epochs: [EpochRecord] = []
    ) {
        self.policy = policy
        self.lossScaling = lossScaling
        self.folder = folder
        self.steps = steps
        self.millisecondsPerStep = millisecondsPerStep
        self.finalLoss = finalLoss
        self.testLoss = testLoss
        self.testAccuracy = testAccuracy
        self.divergence = divergence
        self.stepMetrics = stepMetrics
        self.epochs = epochs
    }
}

/// The whole record of one analysis run (`run.json`).
///
/// Evaluation passes (validation after each epoch, the final test pass) contribute their loss
/// and accuracy only: the analyzer records rounding during training steps, which is where
/// the policy's gradients, scaling and updates live; inference repeats the forward casts.
public struct RunRecord: Sendable, Equatable, Codable {
    /// Bumped when the layout changes incompatibly.
    public var schemaVersion: Int
    public var settings: AnalysisSettings
    public var environment: RunEnvironment
    /// The compute format's range (the histograms' shading).
    public var computeRange: FormatRange
    /// The model's layer names, input side first.
    public var layers: [String]
    /// Trainable parameters of the model.
    public var parameters: Int
    public var trainingSamples: Int
    public var validationSamples: Int
    public var testSamples: Int
    public var stepsPerEpoch: Int
    public var steps: [StepRecord]
    public var epochs: [EpochRecord]
    /// Nil when training diverged (the test pass is not run on broken weights).
    public var test: EvaluationRecord?
    public var divergence: Divergence?
    /// With `--compare`: one row per policy, the primary run first; empty otherwise.
    public var comparison: [PolicyOutcome]
    /// For a run captured elsewhere and recounted by `inspect --run`: where it came from (its
    /// settings then hold placeholders, see ``captured(_:format:layers:steps:environment:)``);
    /// nil (absent from run.json) for analyze runs.
    public var capture: CaptureOrigin?

    /// 2: comparison rows carry their step metrics and epochs; the environment its load.
    /// 3: recipe operands carry their counterfactual; layers.csv has the recipe and error
    /// budget columns.
    public static let currentSchemaVersion = 3

    /// The versions this build reads: version 2 records are version 3 records without
    /// counterfactuals (optional), so they are read and rewritten as version 3.
    public static let readableSchemaVersions = 2...3

    public init(
        settings: AnalysisSettings, environment: RunEnvironment, layers: [String], parameters: Int,
        trainingSamples: Int, validationSamples: Int, testSamples: Int, stepsPerEpoch: Int,
        steps: [StepRecord] = [], epochs: [EpochRecord] = [], test: EvaluationRecord? = nil,
        divergence: Divergence? = nil, comparison: [PolicyOutcome] = []
    ) {
        schemaVersion = Self.currentSchemaVersion
        self.settings = settings
        self.environment = environment
        computeRange = FormatRange(settings.computeFormat)
        self.layers = layers
        self.parameters = parameters
        self.trainingSamples = trainingSamples
        self.validationSamples = validationSamples
        self.testSamples = testSamples
        self.stepsPerEpoch = stepsPerEpoch
        self.steps = steps
        self.epochs = epochs
        self.test = test
        self.divergence = divergence
        self.comparison = comparison
    }

    /// Mean wall time of the training steps that reported one, in milliseconds.
    public var millisecondsPerStep: Double {
        let times = steps.compactMap { $0.metrics?.seconds }
        return times.isEmpty ? 0 : times.reduce(0, +) * 1000 / Double(times.count)
    }

    /// This run's row of a comparison.
    public func outcome(folder: String) -> PolicyOutcome {
        PolicyOutcome(
            policy: settings.policy, lossScaling: settings.lossScaling.shortName, folder: folder,
            steps: steps.count, millisecondsPerStep: millisecondsPerStep,
            finalLoss: epochs.last?.training.loss, testLoss: test?.metrics.loss,
            testAccuracy: test?.metrics.accuracy, divergence: divergence,
            stepMetrics: steps.compactMap(\.metrics), epochs: epochs)
    }
}

extension LossScaling {
    /// `dynamic`, `none` or `fixed 1024`: the comparison table's label.
    public var shortName: String {
        switch self {
        case .none: "none"
        case .fixed(let scale): "fixed \(ReportNumber.scale(scale))"
        case .dynamic: "dynamic"
        }
    }
}

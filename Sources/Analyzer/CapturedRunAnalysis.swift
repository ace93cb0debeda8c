//===--- CapturedRunAnalysis.swift ----------------------------------------===//
//
// Tensors captured from a run (`inspect --run`), recounted by the analyzer's own code.
//
//===----------------------------------------------------------------------===//

import NeuralNet
import Precision

/// Builds the per-step, per-layer, per-tensor records of a captured run with exactly what
/// `analyze` runs at a rounding site (``ExecutionContext``'s `roundToCompute`): the bulk
/// kernels of ``TensorRounder`` count x against the compute format in one pass (statistics
/// only), a tensor carrying a loss scale s also counts x / s (the counterfactual), and the
/// outcome goes to a ``PrecisionAnalyzer`` as the ``RoundingEvent`` the layer would have sent.
/// So the records of a tensor dumped by `analyze --dump-tensors` equal analyze's own.
public final class CapturedRunAnalysis {
    public let format: ComputeFormat
    private let analyzer: PrecisionAnalyzer
    private let rounder: TensorRounder

    /// Records for `layers` (model order) against `format`, `threads` chunks at once (the
    /// statistics do not depend on it).
    public init(layers: [String], format: ComputeFormat, threads: Int = 1) {
        self.format = format
        analyzer = PrecisionAnalyzer(layers: layers, shadowEvery: 0, errorBudgetEvery: 0)
        rounder = TensorRounder(threads: threads)
    }

    /// Counts `values`, the tensor x of `kind` in `layer` at training step `step`, as that
    /// layer's rounding site would; `lossScale` is the scale the step's gradients carried
    /// (used only for the kinds that carry one, see ``PrecisionAnalyzer``).
    public func add(
        _ values: UnsafeBufferPointer<Float>, shape: [Int], layer: String, kind: TensorKind, step: Int, epoch: Int,
        batch: Int, lossScale: Float
    ) {
        let scale: Float = PrecisionAnalyzer.carriesLossScale(kind) ? lossScale : 1
        var record = RoundingRecord(lossScale: scale)
        if let base = values.baseAddress, !values.isEmpty {
            rounder.round(base, count: values.count, to: format, into: nil, recording: &record)
        }
        analyzer.observeRounding(
            .synthetic(
                layer: layer, kind: kind,
                position: .synthetic(phase: .training, step: step, epoch: epoch, batch: batch),
                format: format, shape: shape, lossScale: scale, record: record))
    }

    /// The records so far, in step order, as ``PrecisionAnalyzer/stepRecords``.
    public var stepRecords: [StepRecord] { analyzer.stepRecords }
}

/// Where a captured run came from (`inspect --run`): what the capture says, in place of the
/// training facts an analyze run records.
public struct CaptureOrigin: Sendable, Equatable, Codable {
    /// The capture folder as given.
    public var folder: String
    /// The manifest's `framework` (`torch 2.9.1`, `mpstudy 0.1.0 (analyze)`).
    public var framework: String
    /// The manifest's `model` (free text).
    public var model: String
    /// The capture period, when the manifest gives one.
    public var every: Int?
    /// Each captured step's loss, where the manifest gives it (step, loss).
    public var losses: [CapturedLoss]

    public init(folder: String, framework: String, model: String, every: Int?, losses: [CapturedLoss]) {
        self.folder = folder
        self.framework = framework
        self.model = model
        self.every = every
        self.losses = losses
    }
}

/// A captured step's loss.
public struct CapturedLoss: Sendable, Equatable, Codable {
    public var step: Int
    public var loss: Double

    public init(step: Int, loss: Double) {
        self.step = step
        self.loss = loss
    }
}

extension RunRecord {
    /// The record of a captured run: its steps' records against `format`, the layers, and its
    /// ``CaptureOrigin``. A capture holds no training facts, so the settings carry only the
    /// format, the layers and the folder: the policy is `captured`, every training number is 0
    /// and the variable format float32, placeholders that the reports do not show for a
    /// record with ``capture`` (they say "captured run" instead).
    public static func captured(
        _ origin: CaptureOrigin, format: ComputeFormat, layers: [String], steps: [StepRecord],
        environment: RunEnvironment
    ) -> RunRecord {
        let settings = AnalysisSettings(
            policy: "captured", computeFormat: format, variableFormat: .float32, lossScaling: .none,
            lossScalingExplicit: false, epochs: 0, batchSize: 0, units: 0, seed: 0, validationSplit: 0,
            learningRate: 0, threads: nil, data: origin.folder, shadowEvery: 0, layers: LayerSelection(layers: layers),
            tensors: TensorSelection(groups: TensorGroup.allCases))
        var record = RunRecord(
            settings: settings, environment: environment, layers: layers, parameters: 0, trainingSamples: 0,
            validationSamples: 0, testSamples: 0, stepsPerEpoch: 0, steps: steps)
        record.capture = origin
        return record
    }
}

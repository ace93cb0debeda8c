//===--- TrainingConfiguration.swift --------------------------------------===//
//
// The settings of a training run (`mpstudy train` and `mpstudy analyze`), validated in one place.
//
//===----------------------------------------------------------------------===//

import Precision

/// Why a training configuration was refused; each ``description`` is one line. Names
/// (policies, placements) are typed values by the time they reach a configuration, so every
/// case is a number out of range; the command line reports these as usage errors.
public enum TrainingConfigurationError: Error, Equatable, CustomStringConvertible {
    case notPositive(name: String, value: String)
    case validationSplitOutOfRange(Double)
    case emptySplit(samples: Int, validationSplit: Double)
    case notFinite(name: String)

    public var description: String {
        switch self {
        case let .notPositive(name, value):
            "\(name) must be a positive integer, got \(value)"
        case let .validationSplitOutOfRange(value):
            "validation split must be in [0, 1), got \(value)"
        case let .emptySplit(samples, split):
            "validation split \(split) of \(samples) samples leaves the training or the validation set empty"
        case let .notFinite(name):
            "\(name) must be a finite positive number"
        }
    }
}

/// Everything that defines a training run of the case-study model. The defaults are the blog's.
public struct TrainingConfiguration: Sendable, Equatable {
    /// The Keras dtype policy (DESIGN.md, Precision).
    public var policy: PrecisionPolicy = .float32
    /// Loss scaling; nil means the policy's Keras default (dynamic for `mixed_float16`).
    public var lossScaling: LossScaling?
    public var epochs = 5
    public var batchSize = 8192
    /// Units of each of the two hidden layers.
    public var units = 4096
    public var validationSplit = 0.2
    public var learningRate = 0.001
    /// Keras 3 (`inside`, default) or TensorFlow 2.0–2.10 `tf.keras` (`outside`) RMSprop.
    public var rmspropEpsilon: RMSprop.EpsilonPlacement = .insideSquareRoot
    public var seed: UInt64 = 0
    /// How many GEMM panels and elementwise chunks run at once; the results do not depend on it.
    public var threads = 1
    /// Batch size of the inference-mode evaluation passes (validation and test).
    public var evaluationBatchSize = 8192

    public init() {}

    /// Checks every value; throws the first problem found. At least one epoch: a run without
    /// training has no steps to report or time.
    public func validate() throws(TrainingConfigurationError) {
        if epochs <= 0 { throw .notPositive(name: "epochs", value: String(epochs)) }
        if batchSize <= 0 { throw .notPositive(name: "batch size", value: String(batchSize)) }
        if units <= 0 { throw .notPositive(name: "units", value: String(units)) }
        if threads <= 0 { throw .notPositive(name: "threads", value: String(threads)) }
        if evaluationBatchSize <= 0 {
            throw .notPositive(name: "evaluation batch size", value: String(evaluationBatchSize))
        }
        if !(validationSplit >= 0 && validationSplit < 1) { throw .validationSplitOutOfRange(validationSplit) }
        if !(learningRate.isFinite && learningRate > 0) { throw .notFinite(name: "learning rate") }
    }
}

//===--- TrainingConfiguration.swift --------------------------------------===//
//
// The settings of `mpstudy train`, validated in one place.
//
//===----------------------------------------------------------------------===//

import Precision

/// Why a training configuration was refused; each ``description`` is one line.
public enum TrainingConfigurationError: Error, Equatable, CustomStringConvertible {
    case unsupportedPolicy(String, valid: [String])
    case unknownLossScale(String)
    case notPositive(name: String, value: String)
    case negative(name: String, value: String)
    case validationSplitOutOfRange(Double)
    case emptySplit(samples: Int, validationSplit: Double)
    case notFinite(name: String)
    case unknownChoice(name: String, value: String, valid: [String])

    public var description: String {
        switch self {
        case let .unsupportedPolicy(name, valid):
            "unknown policy '\(name)'; valid policies: \(valid.joined(separator: ", "))"
        case let .unknownLossScale(value):
            "unknown loss scale '\(value)'; valid: dynamic, none, or a positive number"
        case let .notPositive(name, value):
            "\(name) must be a positive integer, got \(value)"
        case let .negative(name, value):
            "\(name) must not be negative, got \(value)"
        case let .validationSplitOutOfRange(value):
            "validation split must be in [0, 1), got \(value)"
        case let .emptySplit(samples, split):
            "validation split \(split) of \(samples) samples leaves the training or the validation set empty"
        case let .notFinite(name):
            "\(name) must be a finite positive number"
        case let .unknownChoice(name, value, valid):
            "unknown \(name) '\(value)'; valid: \(valid.joined(separator: ", "))"
        }
    }
}

extension PrecisionPolicy {
    /// The policy called `name` (case-insensitive); throws naming the valid ones otherwise.
    public init(parsing name: String) throws(TrainingConfigurationError) {
        guard let policy = PrecisionPolicy(name: name) else {
            throw .unsupportedPolicy(name, valid: PrecisionPolicy.all.map(\.name))
        }
        self = policy
    }
}

extension RMSprop.EpsilonPlacement {
    /// The placement called `name` (`inside` or `outside`); throws naming the valid ones otherwise.
    public init(parsing name: String) throws(TrainingConfigurationError) {
        guard let value = Self(rawValue: name.lowercased()) else {
            throw .unknownChoice(name: "RMSprop epsilon placement", value: name, valid: Self.allCases.map(\.rawValue))
        }
        self = value
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
    /// Cores for OpenBLAS and for elementwise work.
    public var threads = 1
    /// Batch size of the inference-mode evaluation passes (validation and test).
    public var evaluationBatchSize = 8192

    public init() {}

    /// Checks every value; throws the first problem found.
    public func validate() throws(TrainingConfigurationError) {
        if epochs < 0 { throw .negative(name: "epochs", value: String(epochs)) }
        if batchSize <= 0 { throw .notPositive(name: "batch size", value: String(batchSize)) }
        if units <= 0 { throw .notPositive(name: "units", value: String(units)) }
        if threads <= 0 { throw .notPositive(name: "threads", value: String(threads)) }
        if evaluationBatchSize <= 0 { throw .notPositive(name: "evaluation batch size", value: String(evaluationBatchSize)) }
        if !(validationSplit >= 0 && validationSplit < 1) { throw .validationSplitOutOfRange(validationSplit) }
        if !(learningRate.isFinite && learningRate > 0) { throw .notFinite(name: "learning rate") }
    }
}

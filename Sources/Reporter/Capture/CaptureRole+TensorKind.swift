//===--- CaptureRole+TensorKind.swift -------------------------------------===//
//
// The capture format's roles and the analyzer's tensor kinds, one to one.
//
//===----------------------------------------------------------------------===//

import NeuralNet
import TensorFiles

extension CaptureRole {
    /// The role of a tensor kind (docs/capture-format.md's table).
    public init(_ kind: TensorKind) {
        switch kind {
        case .input: self = .input
        case .kernel: self = .weight
        case .bias: self = .bias
        case .forwardOutput: self = .forwardOutput
        case .activation: self = .output
        case .gradient: self = .outputGradient
        case .preActivationGradient: self = .preActivationGradient
        case .kernelGradient: self = .weightGradient
        case .biasGradient: self = .biasGradient
        case .inputGradient: self = .inputGradient
        case .kernelUpdate: self = .weightUpdate
        case .biasUpdate: self = .biasUpdate
        }
    }

    /// The analyzer's kind for this role.
    public var kind: TensorKind {
        TensorKind.allCases.first { CaptureRole($0) == self }!
    }
}

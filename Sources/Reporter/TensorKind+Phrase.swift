//===--- TensorKind+Phrase.swift ------------------------------------------===//
//
// Tensor kinds in words, for findings and chart captions.
//
//===----------------------------------------------------------------------===//

import Analyzer
import NeuralNet

extension TensorKind {
    /// Words for prose and table rows (`activation gradients`, `kernel updates`).
    public var phrase: String {
        switch self {
        case .input: "input cast"
        case .kernel: "kernel cast"
        case .bias: "bias cast"
        case .forwardOutput: "forward output (X·W)"
        case .activation: "activations"
        case .gradient: "activation gradients"
        case .preActivationGradient: "pre-activation gradients"
        case .kernelGradient: "kernel gradients"
        case .biasGradient: "bias gradients"
        case .inputGradient: "input gradients"
        case .kernelUpdate: "kernel updates"
        case .biasUpdate: "bias updates"
        }
    }

    /// The phrase of the kind called `reportName`, or the name itself for an unknown kind.
    static func phrase(reportName: String) -> String { TensorKind(reportName: reportName)?.phrase ?? reportName }
}

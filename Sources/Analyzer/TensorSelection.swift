//===--- TensorSelection.swift --------------------------------------------===//
//
// The tensor groups of `mpstudy analyze --tensor`, and which tensor kinds each one means.
//
//===----------------------------------------------------------------------===//

import NeuralNet

/// A group of tensor kinds as the command line names it.
///
/// The analyzer always records every kind of every layer (so that `run.json` is complete);
/// a selection only decides what the summary and the printed table show.
public enum TensorGroup: String, CaseIterable, Sendable, Codable {
    /// The layer's outputs: `Z = X·W` rounded (forward output) and `act(Z + b)` rounded.
    case activations
    /// The gradients flowing down: `dL/dA` entering the layer, `dL/dZ` after the activation's
    /// derivative when the layer has one, and `dL/dX` it sends below.
    case gradients
    /// `dL/dW` and `dL/db`.
    case kernelGradients = "kernel-gradients"
    /// The casts of the variables and of the input: kernel, bias, input.
    case kernels
    /// The optimizer's kernel and bias updates (lost updates).
    case updates

    /// The kinds the group stands for, in report order.
    public var kinds: [TensorKind] {
        switch self {
        case .activations: [.forwardOutput, .activation]
        case .gradients: [.gradient, .preActivationGradient, .inputGradient]
        case .kernelGradients: [.kernelGradient, .biasGradient]
        case .kernels: [.input, .kernel, .bias]
        case .updates: [.kernelUpdate, .biasUpdate]
        }
    }

    /// The group called `name` (case-insensitive; `kernel_gradients` and `kernelgradients`
    /// accepted too, and the singular of every name), or nil.
    public init?(name: String) {
        var key = String(name.lowercased().map { $0 == "_" ? "-" : $0 })
        if key == "kernelgradients" { key = "kernel-gradients" }
        if let group = TensorGroup(rawValue: key) ?? TensorGroup(rawValue: key + "s") {
            self = group
        } else {
            return nil
        }
    }
}

/// The tensor kinds a report shows (`--tensor`).
public struct TensorSelection: Sendable, Equatable, Codable {
    /// The groups, in the order of ``TensorGroup/allCases`` (duplicates removed).
    public let groups: [TensorGroup]

    /// Every group.
    public static let all = TensorSelection(groups: TensorGroup.allCases)

    public init(groups: [TensorGroup]) {
        self.groups = TensorGroup.allCases.filter(groups.contains)
    }

    /// The selected kinds, forward to backward.
    public var kinds: [TensorKind] {
        let set = Set(groups.flatMap(\.kinds))
        return TensorKind.allCases.filter(set.contains)
    }

    /// Whether `kind` is shown.
    public func contains(_ kind: TensorKind) -> Bool { groups.contains { $0.kinds.contains(kind) } }
}

//===--- LayerProbe.swift -------------------------------------------------===//
//
// The hook through which layers report the tensors they compute (DESIGN.md: NeuralNet
// declares it, Analyzer implements it, NeuralNet never imports Analyzer).
//
//===----------------------------------------------------------------------===//

/// Which tensor of a layer is being reported.
///
/// For a Dense layer `A = act(Z)`, `Z = X·W + b`, with `G = dL/dA` arriving from above:
public enum TensorKind: String, CaseIterable, Sendable {
    /// `X`, the layer's input as the layer uses it (the batch for `dense_1`).
    case input
    /// `W`, the kernel used by this step's forward pass.
    case kernel
    /// `b`, the bias used by this step's forward pass.
    case bias
    /// `Z = X·W + b`, the forward output before the activation (for `predictions`: the logits).
    case forwardOutput
    /// `A = act(Z)`, the activation (equal to `Z` for a linear layer; for `predictions`: the
    /// softmax probabilities).
    case activation
    /// `G = dL/dA`, the gradient entering the layer's backward pass (for `predictions`:
    /// `dL/dlogits`, the gradient it sends down; it has no gradient from above).
    case gradient
    /// `dL/dZ = G ⊙ act'(Z)`, reported only for layers with a non-linear activation.
    case preActivationGradient
    /// `dL/dW = Xᵀ·dL/dZ`.
    case kernelGradient
    /// `dL/db`, the column sums of `dL/dZ`.
    case biasGradient
    /// `dL/dX = dL/dZ·Wᵀ`, the gradient the layer sends to the layer below (absent for the first).
    case inputGradient
    /// The kernel update the optimizer subtracts, `Δw = lr·g/sqrt(v + ε)` (materialised only
    /// when a probe asks for it).
    case kernelUpdate
    /// The bias update the optimizer subtracts (materialised only when asked for).
    case biasUpdate
}

/// What the model is doing when it computes a tensor.
public enum ModelPhase: String, Sendable {
    /// A training step (forward, backward and update).
    case training
    /// Inference-mode forward passes over the validation split.
    case validation
    /// Inference-mode forward passes over the test set.
    case test
}

/// One tensor reported to a probe. `values` points into NeuralNet's own buffers and is valid
/// only during the ``LayerProbe/observe(_:)`` call: copy what you keep.
public struct ProbedTensor {
    /// Keras name of the layer (`dense_1`, `dense_2`, `dense_logits`, `predictions`).
    public let layer: String
    public let kind: TensorKind
    public let phase: ModelPhase
    /// Training steps completed before this tensor was computed, plus one during training:
    /// the 1-based number of the step in progress. During evaluation, the number of steps
    /// the evaluated weights have seen.
    public let step: Int
    /// 1-based epoch.
    public let epoch: Int
    /// Batch index inside the epoch or evaluation pass (0-based).
    public let batch: Int
    /// Row-major shape, e.g. `[8192, 4096]` (rows = samples of the batch).
    public let shape: [Int]
    /// The Float32 values.
    public let values: UnsafeBufferPointer<Float>
}

/// Receives tensors from the layers as they are computed.
///
/// The cost of probing is paid only when a probe is attached: the model keeps a single
/// Boolean saying whether the probe is ``NoProbe``, and when it is, no call is made and no
/// tensor that exists only for probes (the weight updates) is ever computed. An attached probe
/// is first asked ``wants(_:layer:phase:)`` per tensor, so it can also stay cheap.
///
/// Probes are called on the training thread, synchronously, in program order; they must not
/// retain `values`.
public protocol LayerProbe: AnyObject {
    /// Whether the probe wants tensors of `kind` from `layer` in `phase`.
    func wants(_ kind: TensorKind, layer: String, phase: ModelPhase) -> Bool
    /// Receives one tensor.
    func observe(_ tensor: ProbedTensor)
}

/// The probe that wants nothing: the default, and free (the model never calls it).
public final class NoProbe: LayerProbe {
    public init() {}
    public func wants(_ kind: TensorKind, layer: String, phase: ModelPhase) -> Bool { false }
    public func observe(_ tensor: ProbedTensor) {}
}

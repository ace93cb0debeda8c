//===--- ReLU.swift -------------------------------------------------------===//
//
// max(x, 0), its backward mask, and the fused bias + ReLU pass of a Dense layer.
//
//===----------------------------------------------------------------------===//

import _MPStudySupport

/// The rectified linear unit, `relu(z) = z < 0 ? 0 : z`, as a layer (forward and backward)
/// and as the kernels the Dense layer fuses with its bias add.
///
/// Semantics: a NaN input stays NaN (as `tf.nn.relu`); the derivative is taken as 0 at
/// `z <= 0` and 1 above, so the backward pass keeps `g` where the activation is positive, as
/// TensorFlow's `ReluGrad` does (`g * (a > 0)`); a NaN activation passes no gradient.
///
/// The loops run over raw pointers with a select, so the optimizer vectorises them with
/// baseline SSE (no FMA needed); large tensors are split over the cores by rows.
public struct ReLU: Sendable {
    /// Layer name (for probes).
    public let name: String

    public init(name: String = "relu") { self.name = name }

    /// `output = relu(input)` (they may be the same tensor).
    public func forward(_ input: Tensor, into output: Tensor, context: ExecutionContext) {
        precondition(input.count == output.count)
        context.report(input, .input, layer: name)
        context.profiler.measure(.biasActivation) {
            let src = input.baseAddress
            let dst = output.baseAddress
            context.parallelism.forEachChunk(count: input.count) { range in
                ReLU.apply(src + range.lowerBound, dst + range.lowerBound, range.count)
            }
        }
        context.report(output, .activation, layer: name)
    }

    /// `gradient ← gradient ⊙ (activation > 0)`, in place: from `dL/dA` to `dL/dZ`.
    public func backward(gradient: Tensor, activation: Tensor, context: ExecutionContext) {
        context.report(gradient, .gradient, layer: name)
        ReLU.maskGradient(gradient, by: activation, context: context)
        context.report(gradient, .inputGradient, layer: name)
    }

    // MARK: Kernels

    /// `dst[i] = relu(src[i])` for `count` elements (`dst` may equal `src`).
    @inline(__always)
    static func apply(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, _ count: Int) {
        for i in 0..<count {
            let z = src[i]
            dst[i] = z < 0 ? 0 : z
        }
    }

    /// `gradient ← gradient ⊙ (activation > 0)`, timed as ``ProfiledWork/activationBackward``.
    public static func maskGradient(_ gradient: Tensor, by activation: Tensor, context: ExecutionContext) {
        precondition(gradient.count == activation.count, "ReLU backward: \(gradient.shape) vs \(activation.shape)")
        context.profiler.measure(.activationBackward) {
            let g = gradient.baseAddress
            let a = activation.baseAddress
            context.parallelism.forEachChunk(count: gradient.count) { range in
                // Both loads unconditional so the select vectorises (no data-dependent branch).
                for i in range {
                    let gi = g[i]
                    let ai = a[i]
                    g[i] = ai > 0 ? gi : 0
                }
            }
        }
    }

    /// Adds `bias` to every row of the `rows x columns` `matrix` in place, then applies ReLU
    /// when `relu` is true: one pass over the matrix instead of two.
    public static func addBias(_ bias: Tensor, to matrix: Tensor, relu: Bool, context: ExecutionContext) {
        let columns = matrix.columns
        precondition(bias.count == columns, "bias \(bias.shape) for \(matrix.shape)")
        let m = matrix.baseAddress
        let b = UnsafePointer(bias.baseAddress)
        let size = context.parallelism.chunkSize(workPerItem: max(columns, 1))
        context.parallelism.forEachChunk(count: matrix.rows, chunkSize: size) { rows in
            for r in rows {
                let row = m + r * columns
                if relu {
                    for c in 0..<columns {
                        let z = row[c] + b[c]
                        row[c] = z < 0 ? 0 : z
                    }
                } else {
                    for c in 0..<columns { row[c] = row[c] + b[c] }
                }
            }
        }
    }
}

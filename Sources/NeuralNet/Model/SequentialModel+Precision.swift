//===--- SequentialModel+Precision.swift ----------------------------------===//
//
// What a training step under a precision policy adds: gradient unscaling and the finiteness
// check of loss scaling, variables kept in the variable format, and the float32 shadow pass.
//
//===----------------------------------------------------------------------===//

import Precision
import _MPStudySupport

extension SequentialModel {
    /// Allocates the compute-format copies (or a recipe's quantised operands) every layer needs
    /// under `policy` (and, when
    /// `shadow`, the float32 shadow outputs).
    public func reservePrecision(_ policy: PrecisionPolicy, shadow: Bool) {
        let narrow = policy.compute != .float32
        for (i, layer) in denseLayers.enumerated() {
            layer.reservePrecision(narrow: narrow, castsInput: i == 0, batchCapacity: batchCapacity)
            layer.reserveRecipe(policy.recipe, batchCapacity: batchCapacity)
            if shadow { layer.reserveShadow(batchCapacity: batchCapacity) }
        }
    }

    /// Multiplies every kernel and bias gradient by `1 / scale` (float32, exact for a power of
    /// two) and returns how many gradient elements are not finite afterwards. With `scale` 1
    /// it only counts.
    public func unscaleGradients(by scale: Float, context: ExecutionContext) -> Int {
        let factor = 1 / scale
        var nonFinite = 0
        context.profiler.measure(.lossScaling) {
            for layer in denseLayers {
                for gradient in [layer.kernelGradient, layer.biasGradient] {
                    nonFinite += Self.scale(gradient, by: factor, context: context)
                }
            }
        }
        return nonFinite
    }

    /// `tensor *= factor` in place (no writes when factor is 1), counting in the same pass the
    /// elements that are not finite afterwards (an integer count: exact in any order).
    static func scale(_ tensor: Tensor, by factor: Float, context: ExecutionContext) -> Int {
        let p = tensor.baseAddress
        return context.parallelism.reduceChunks(count: tensor.count, 0, +) { range in
            var bad = 0
            for i in range {
                let x = factor == 1 ? p[i] : p[i] * factor
                if factor != 1 { p[i] = x }
                if !(x - x == 0) { bad += 1 }  // x - x is 0 for finite x, NaN otherwise
            }
            return bad
        }
    }

    /// Rounds every kernel and bias to `format` in place (the variables of the `float16`
    /// policy live in float16: each update is rounded back).
    public func roundVariables(to format: ComputeFormat, context: ExecutionContext) {
        context.profiler.measure(.rounding) {
            for layer in denseLayers {
                for variable in [layer.kernel, layer.bias] {
                    context.rounder.round(
                        variable.baseAddress, count: variable.count, to: format, into: variable.baseAddress)
                }
            }
        }
    }

    /// Runs the float32 shadow forward pass on `input` with the float32 variables and sends
    /// the probe each Dense layer's drift: ||output - shadow|| / ||shadow||. Call after the
    /// policy's forward pass of the same batch, before the update (outputs still in place).
    public func measureDrift(_ input: Tensor, probe: any PrecisionProbe, context: ExecutionContext) {
        var x = input
        for layer in denseLayers {
            let shadow = context.profiler.measure(.shadow) { layer.forwardShadow(x, context: context) }
            let (difference, reference) = context.profiler.measure(.shadow) {
                Self.squaredDistance(layer.output, shadow, context: context)
            }
            probe.observeDrift(
                DriftEvent(
                    layer: layer.name, position: context.position,
                    squaredDifference: difference, squaredReference: reference))
            x = shadow
        }
    }

    /// (Σ (a - b)², Σ b²) in Double: each chunk sums its elements in order, and the chunks'
    /// sums are added in chunk order, so the bits depend on neither timing nor thread count.
    static func squaredDistance(_ a: Tensor, _ b: Tensor, context: ExecutionContext) -> (Double, Double) {
        precondition(a.count == b.count)
        let pa = a.baseAddress
        let pb = b.baseAddress
        return context.parallelism.reduceChunks(count: a.count, (0.0, 0.0), { ($0.0 + $1.0, $0.1 + $1.1) }) { range in
            var d = 0.0
            var r = 0.0
            for i in range {
                let delta = Double(pa[i]) - Double(pb[i])
                d += delta * delta
                r += Double(pb[i]) * Double(pb[i])
            }
            return (d, r)
        }
    }
}

/// What one training step did.
public struct StepOutcome: Sendable {
    /// The batch's loss and accuracy (before the update; the loss unscaled).
    public let metrics: BatchMetrics
    /// The loss scale the step used.
    public let lossScale: Float
    /// Dynamic loss scaling skipped the update (non-finite gradients).
    public let skipped: Bool
    /// Non-finite elements in the unscaled gradients (0 when not checked: float32, no scaling).
    public let nonFiniteGradients: Int
}

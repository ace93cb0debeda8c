//===--- RMSprop.swift ----------------------------------------------------===//
//
// Keras 3 RMSprop, no momentum, not centred.
//
//===----------------------------------------------------------------------===//

import Precision
import _MPStudySupport

/// Keras `RMSprop()` with its defaults: learning rate 0.001, rho 0.9, epsilon 1e-7,
/// momentum 0, not centred.
///
/// The update, exactly as Keras 3 writes it (`keras/src/optimizers/rmsprop.py`,
/// `update_step`), for each variable `w` with gradient `g` and velocity `v` (zeros at the start):
///
/// ```
/// v ← rho·v + (1 − rho)·g²
/// w ← w − (lr·g) / sqrt(v + epsilon)
/// ```
///
/// Note epsilon is inside the square root. Keras's doc example checks it: `w = 10`,
/// `lr = 0.1`, loss `w²/2` so `g = 10`: `v = 0.1·100 = 10`, `w = 10 − 1/sqrt(10.0000001) =
/// 9.683772`. (Older `tf.keras` — the `optimizer_v2` RMSprop of TensorFlow 2.0–2.10, which the
/// TensorFlow mixed-precision guide of the case study ran on — used, without momentum,
/// `w ← w − lr·g / (sqrt(v) + epsilon)`: epsilon outside the root. With gradients of 1e-4,
/// typical for the 4096 x 4096 kernel, that step is about ten times larger than Keras 3's,
/// whose `sqrt(v + 1e-7)` is floored at 3.2e-4. Keras 3 is the default; the older rule is
/// available as ``EpsilonPlacement/outsideSquareRoot`` to reproduce TensorFlow 2.0–2.10 runs.)
///
/// Arithmetic is float32, one rounding per operation in Keras's order (the C kernel never
/// contracts `a·b + c` into an FMA): `rho·v`, `g·g`, `(1 − rho)·g²`, their sum, `v + epsilon`,
/// the square root, `lr·g`, the quotient, the difference. The hyperparameters are Doubles as in
/// Python and are rounded to float32 where TensorFlow casts them: `Float(rho)`,
/// `Float(1 − rho)` (the difference taken in Double, as Python does), `Float(lr)`,
/// `Float(epsilon)`.
///
/// The update is one fused pass over `w`, `g`, `v` (``RMSpropKernel``, a C kernel, AVX2 where
/// the CPU has it), split into the context's chunks. When a probe asks
/// for the update tensor (``TensorKind/kernelUpdate``), the increments are first written to a
/// buffer (allocated on first request, one per parameter), reported, then subtracted; without
/// a probe no such buffer exists. A ``PrecisionProbe`` that wants update statistics gets the
/// lost updates (increments rounding throws away) from the same buffer.
public final class RMSprop {
    /// Where epsilon enters the denominator.
    public enum EpsilonPlacement: String, Sendable, CaseIterable {
        /// `lr·g / sqrt(v + ε)`: Keras 3 and `tf.keras` from TensorFlow 2.11 (the default).
        case insideSquareRoot = "inside"
        /// `lr·g / (sqrt(v) + ε)`: `tf.keras` `optimizer_v2` (TensorFlow 2.0–2.10) without
        /// momentum, where also `1 − rho` is computed in float32 (`1 − Float(rho)`).
        case outsideSquareRoot = "outside"
    }

    public let learningRate: Double
    public let rho: Double
    public let epsilon: Double
    public let epsilonPlacement: EpsilonPlacement
    /// The format the variables and the optimizer arithmetic live in: float32, or float16
    /// under the `float16` policy, where Keras keeps the variables, the velocity and every
    /// operation of the update in float16 (hyperparameters cast to float16 too).
    public let variableFormat: ComputeFormat
    /// Update steps applied (Keras `optimizer.iterations`).
    public private(set) var iterations = 0

    private var velocities: [ObjectIdentifier: Tensor] = [:]
    private var updateBuffers: [ObjectIdentifier: Tensor] = [:]

    public init(
        learningRate: Double = 0.001, rho: Double = 0.9, epsilon: Double = 1e-7,
        epsilonPlacement: EpsilonPlacement = .insideSquareRoot, variableFormat: ComputeFormat = .float32
    ) {
        self.variableFormat = variableFormat
        self.learningRate = learningRate
        self.rho = rho
        self.epsilon = epsilon
        self.epsilonPlacement = epsilonPlacement
    }

    /// The velocity slot of `parameter` (created zero-filled on first use).
    public func velocity(for parameter: Tensor) -> Tensor {
        let key = ObjectIdentifier(parameter)
        if let v = velocities[key] { return v }
        let v = Tensor(shape: parameter.shape)
        velocities[key] = v
        return v
    }

    /// Applies one update to each `(parameter, gradient)` pair, then counts one iteration.
    /// All gradients must have been computed before (Keras applies them together).
    public func apply(
        _ updates: [(parameter: Tensor, gradient: Tensor, layer: String, kind: TensorKind)],
        context: ExecutionContext
    ) {
        for update in updates {
            self.update(
                update.parameter, gradient: update.gradient, layer: update.layer,
                updateKind: update.kind, context: context)
        }
        iterations += 1
    }

    /// One RMSprop update of `parameter` with `gradient` (same shape).
    public func update(
        _ parameter: Tensor, gradient: Tensor, layer: String, updateKind: TensorKind,
        context: ExecutionContext
    ) {
        precondition(parameter.count == gradient.count, "RMSprop: \(parameter.shape) vs gradient \(gradient.shape)")
        let velocity = velocity(for: parameter)
        let outside = epsilonPlacement == .outsideSquareRoot
        let constants = RMSpropKernel.Constants(
            rho: Float(rho), oneMinusRho: outside ? 1 - Float(rho) : Float(1 - rho),
            learningRate: Float(learningRate), epsilon: Float(epsilon), epsilonOutside: outside)
        let w = parameter.baseAddress
        let g = UnsafePointer(gradient.baseAddress)
        let v = velocity.baseAddress
        let count = parameter.count
        let narrow = variableFormat != .float32
        let vector = context.rounder.usesVectorKernels
        let narrowConstants =
            narrow
            ? NarrowConstants(
                rho: rho, learningRate: learningRate, epsilon: epsilon,
                format: variableFormat, vector: vector) : nil
        /// One update over `range`, in float32 or in the variable format.
        func step(_ range: Range<Int>, delta: UnsafeMutablePointer<Float>?) {
            if let narrowConstants {
                narrowConstants.run(range, w: w, g: g, v: v, delta: delta)
            } else {
                RMSpropKernel.run(range, w: w, g: g, v: v, delta: delta, constants, vector: vector)
            }
        }

        let wantsStatistics = context.precisionProbe?.wantsUpdates(layer: layer) ?? false
        if wantsStatistics || context.wants(updateKind, layer: layer) {
            let key = ObjectIdentifier(parameter)
            let delta = updateBuffers[key] ?? Tensor(shape: parameter.shape)
            updateBuffers[key] = delta
            let d = delta.baseAddress
            context.profiler.measure(.optimizer) {
                context.parallelism.forEachChunk(count: count) { range in
                    step(range, delta: d)
                }
            }
            if context.wants(updateKind, layer: layer) { context.deliver(delta, updateKind, layer: layer) }
            if wantsStatistics, let probe = context.precisionProbe {
                // Counting and applying in one pass over the weights (read before written).
                let statistics = context.profiler.measure(.updateStatistics) {
                    context.rounder.applyCountingLostUpdates(
                        weights: w, updates: d, count: count, format: context.policy.compute)
                }
                probe.observeUpdate(
                    UpdateEvent(
                        layer: layer, kind: updateKind, position: context.position,
                        statistics: statistics))
            } else {
                context.profiler.measure(.optimizer) {
                    context.parallelism.forEachChunk(count: count) { range in
                        for i in range { w[i] = w[i] - d[i] }
                    }
                }
            }
            return
        }

        context.profiler.measure(.optimizer) {
            context.parallelism.forEachChunk(count: count) { range in
                step(range, delta: nil)
            }
        }
    }
}

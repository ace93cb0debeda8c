//===--- SequentialModel.swift --------------------------------------------===//
//
// The case-study network: Dense+ReLU layers, a linear logits layer, softmax + loss.
//
//===----------------------------------------------------------------------===//

import Precision
import _MPStudySupport

/// A Keras-style sequential classifier:
///
/// ```
/// inputs -> Dense relu "dense_1" -> ... -> Dense relu "dense_<h>"
///        -> Dense "dense_logits" -> softmax (float32) "predictions"
/// ```
///
/// With `hiddenUnits: [4096, 4096]`, 784 inputs and 10 classes this is the blog's model
/// (``caseStudy(inputSize:units:classes:seed:)``): 20,037,642 parameters
/// (784·4096 + 4096 + 4096·4096 + 4096 + 4096·10 + 10).
///
/// A training step is forward, loss, backward through every layer (computing all gradients
/// with the weights of the forward pass), then one RMSprop update of every variable, as
/// Keras's `train_step` does.
public final class SequentialModel {
    /// The Dense layers, input side first (the last one is `dense_logits`).
    public let denseLayers: [Dense]
    /// Softmax and cross-entropy, `predictions`.
    public let head: SoftmaxCrossEntropy
    public let inputSize: Int
    public let classes: Int
    /// Rows the per-batch buffers hold.
    public private(set) var batchCapacity = 0

    /// A model with `hiddenUnits.count` ReLU layers named `dense_1`, `dense_2`, ..., the
    /// linear `dense_logits` and the `predictions` head; kernels are drawn from `generator`
    /// in that order (Glorot uniform), biases are zero.
    public init(inputSize: Int, hiddenUnits: [Int], classes: Int, generator: inout SeededGenerator) {
        precondition(inputSize > 0 && classes > 0 && hiddenUnits.allSatisfy { $0 > 0 })
        var layers: [Dense] = []
        var fanIn = inputSize
        for (i, units) in hiddenUnits.enumerated() {
            layers.append(Dense(name: "dense_\(i + 1)", inputSize: fanIn, units: units, activation: .relu))
            fanIn = units
        }
        layers.append(Dense(name: "dense_logits", inputSize: fanIn, units: classes, activation: .linear))
        for layer in layers { layer.initialize(generator: &generator) }
        denseLayers = layers
        head = SoftmaxCrossEntropy(name: "predictions", classes: classes)
        self.inputSize = inputSize
        self.classes = classes
    }

    /// The blog's model: `units` ReLU units in each of `dense_1` and `dense_2`, initialised
    /// from ``RandomStreams/initialization`` of `seed`.
    public static func caseStudy(inputSize: Int = 784, units: Int = 4096, classes: Int = 10, seed: UInt64)
        -> SequentialModel
    {
        var streams = RandomStreams(seed: seed)
        return SequentialModel(
            inputSize: inputSize, hiddenUnits: [units, units], classes: classes,
            generator: &streams.initialization)
    }

    /// Keras names of the layers, input side first, ending with `predictions`.
    public var layerNames: [String] { denseLayers.map(\.name) + [head.name] }

    /// Trainable parameters.
    public var parameterCount: Int { denseLayers.reduce(0) { $0 + $1.parameterCount } }

    /// The layer called `name`, if it is a Dense layer.
    public func layer(named name: String) -> Dense? { denseLayers.first { $0.name == name } }

    /// Allocates every per-batch buffer for batches of up to `rows` rows (once; no allocation
    /// happens during steps afterwards).
    public func reserve(batchCapacity rows: Int) {
        precondition(rows > 0)
        for (i, layer) in denseLayers.enumerated() {
            layer.reserve(batchCapacity: rows, computesInputGradient: i > 0)
        }
        head.reserve(batchCapacity: rows)
        batchCapacity = rows
    }

    /// Forward pass in inference mode: returns the logits (`dense_logits` output).
    @discardableResult
    public func forward(_ input: Tensor, context: ExecutionContext) -> Tensor {
        precondition(input.rows <= batchCapacity, "batch of \(input.rows) rows, buffers for \(batchCapacity)")
        var x = input
        for layer in denseLayers { x = layer.forward(x, context: context) }
        return x
    }

    /// Loss and accuracy of one batch in inference mode (no gradients, no update).
    public func evaluate(_ input: Tensor, labels: UnsafeBufferPointer<Int32>, context: ExecutionContext) -> BatchMetrics
    {
        let logits = forward(input, context: context)
        return head.forward(logits: logits, labels: labels, computeGradient: false, context: context)
    }

    /// Computes every gradient of the mean loss over the batch without updating anything;
    /// returns the batch's metrics. Gradients land in each layer's `kernelGradient` and
    /// `biasGradient`.
    @discardableResult
    public func computeGradients(_ input: Tensor, labels: UnsafeBufferPointer<Int32>, context: ExecutionContext)
        -> BatchMetrics
    {
        let logits = forward(input, context: context)
        let metrics = head.forward(logits: logits, labels: labels, computeGradient: true, context: context)
        var gradient = head.logitsGradient
        for i in denseLayers.indices.reversed() {
            let layerInput = i == 0 ? input : denseLayers[i - 1].output
            if let next = denseLayers[i].backward(input: layerInput, outputGradient: gradient, context: context) {
                gradient = next
            }
        }
        return metrics
    }

    /// One training step without loss scaling: forward, loss, backward, then one `optimizer`
    /// update of every kernel and bias. Returns the batch's loss and accuracy (computed before
    /// the update).
    @discardableResult
    public func trainStep(
        _ input: Tensor, labels: UnsafeBufferPointer<Int32>, optimizer: RMSprop,
        context: ExecutionContext
    ) -> BatchMetrics {
        var scaler = LossScaler(.none)
        return trainStep(input, labels: labels, optimizer: optimizer, lossScaler: &scaler, context: context).metrics
    }

    /// One training step under the context's precision policy and `lossScaler` (Keras
    /// `train_step` with a `LossScaleOptimizer`): forward and backward with the loss scaled,
    /// the float32 shadow pass when the precision probe asks for it this step, the gradients
    /// unscaled in float32 and checked, then the update, unless dynamic loss scaling skips a
    /// step whose gradients are not all finite. Variables of a narrow variable format are
    /// rounded back to it after the update; a delayed-scaling recipe's histories gain the
    /// step's amaxes.
    public func trainStep(
        _ input: Tensor, labels: UnsafeBufferPointer<Int32>, optimizer: RMSprop,
        lossScaler: inout LossScaler, context: ExecutionContext
    ) -> StepOutcome {
        let scale = lossScaler.scale
        context.lossScale = scale
        let metrics = computeGradients(input, labels: labels, context: context)
        if let probe = context.precisionProbe, probe.shadowEvery > 0, (context.step - 1) % probe.shadowEvery == 0 {
            reserveShadowIfNeeded()
            measureDrift(input, probe: probe, context: context)
        }
        let checks = context.isNarrow || scale != 1 || lossScaler.scaling != .none
        let nonFinite = checks ? unscaleGradients(by: scale, context: context) : 0
        let applied = lossScaler.update(gradientsAreFinite: nonFinite == 0)
        if applied {
            var updates: [(parameter: Tensor, gradient: Tensor, layer: String, kind: TensorKind)] = []
            updates.reserveCapacity(2 * denseLayers.count)
            for layer in denseLayers {
                updates.append((layer.kernel, layer.kernelGradient, layer.name, .kernelUpdate))
                updates.append((layer.bias, layer.biasGradient, layer.name, .biasUpdate))
            }
            optimizer.apply(updates, context: context)
            if context.policy.variable != .float32 { roundVariables(to: context.policy.variable, context: context) }
        }
        context.endRecipeStep()
        context.lossScale = 1
        return StepOutcome(metrics: metrics, lossScale: scale, skipped: !applied, nonFiniteGradients: nonFinite)
    }

    /// Allocates the shadow outputs on first use.
    func reserveShadowIfNeeded() {
        for layer in denseLayers where layer.shadowOutput == nil { layer.reserveShadow(batchCapacity: batchCapacity) }
    }

    /// Visits every weight buffer (kernel then bias, layer by layer), e.g. to hash the weights.
    public func forEachWeight(_ body: (String, TensorKind, Tensor) -> Void) {
        for layer in denseLayers {
            body(layer.name, .kernel, layer.kernel)
            body(layer.name, .bias, layer.bias)
        }
    }
}

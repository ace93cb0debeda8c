//===--- Dense.swift ------------------------------------------------------===//
//
// The fully connected layer, Keras `Dense(units, activation=...)`.
//
//===----------------------------------------------------------------------===//

import Precision
import _MPStudySupport

/// The activation a ``Dense`` layer applies to its output, as Keras's `activation=` argument.
public enum Activation: String, Sendable {
    /// No activation (`A = Z`).
    case linear
    /// ``ReLU``.
    case relu
}

/// Keras `Dense`: `Z = X·W + b`, `A = act(Z)`, with `X` of shape `[batch, inputSize]`, the
/// kernel `W` of shape `[inputSize, units]` (Keras layout), the bias `b` of shape `[units]`.
///
/// Initialisation as Keras: Glorot-uniform kernel, zero bias.
///
/// Forward: one GEMM, then one fused pass that adds the bias and applies ReLU in place in
/// ``output`` (two passes only when a probe wants `Z` before the activation).
///
/// Backward, given `G = dL/dA` (overwritten in place with `dL/dZ`):
/// `dL/dZ = G ⊙ (A > 0)` (ReLU), `dL/dW = Xᵀ·dL/dZ`, `dL/db = Σ_rows dL/dZ`,
/// `dL/dX = dL/dZ·Wᵀ` (skipped for the first layer, whose input is data). Transposes go to
/// CBLAS as flags. Gradients are written, not accumulated: one backward pass per step.
///
/// Under a narrow precision policy the forward and backward passes round at the casts Keras
/// makes on a GPU (see ``forward(_:context:)``): gradients are rounded to the compute format
/// and handed to the optimizer as float32 (exact), still carrying the loss scale.
///
/// Buffers for a batch are allocated once by ``reserve(batchCapacity:computesInputGradient:)``.
public final class Dense {
    /// Keras layer name, e.g. `dense_1`.
    public let name: String
    public let inputSize: Int
    public let units: Int
    public let activation: Activation
    /// `W`, `[inputSize, units]`.
    public let kernel: Tensor
    /// `b`, `[units]`.
    public let bias: Tensor
    /// `dL/dW` of the last backward pass.
    public let kernelGradient: Tensor
    /// `dL/db` of the last backward pass.
    public let biasGradient: Tensor
    /// `A` of the last forward pass, `[batch, units]` (holds `Z` for a linear layer).
    public private(set) var output: Tensor
    /// `dL/dX` of the last backward pass, `[batch, inputSize]`; nil when not computed.
    public private(set) var inputGradient: Tensor?

    /// Under a narrow policy: the input, kernel and bias rounded to the compute format
    /// (the casts of Keras's autocast); nil under float32. The input cast exists only for the
    /// first layer, whose input is float32 data; later layers receive compute-format values.
    public private(set) var castInput: Tensor?
    public private(set) var castKernel: Tensor?
    public private(set) var castBias: Tensor?
    /// The float32 shadow forward output (allocated when drift is measured).
    public private(set) var shadowOutput: Tensor?
    /// Under a low-precision recipe: the quantised GEMM operands; nil otherwise.
    private(set) var recipeOperands: RecipeOperands?

    /// A layer with a zero kernel and zero bias (see ``initialize(generator:)``).
    public init(name: String, inputSize: Int, units: Int, activation: Activation) {
        precondition(inputSize > 0 && units > 0, "Dense \(name): sizes must be positive")
        self.name = name
        self.inputSize = inputSize
        self.units = units
        self.activation = activation
        kernel = Tensor(shape: [inputSize, units])
        bias = Tensor(shape: [units])
        kernelGradient = Tensor(shape: [inputSize, units])
        biasGradient = Tensor(shape: [units])
        output = Tensor(shape: [0, units])
    }

    /// Keras defaults: Glorot-uniform kernel drawn from `generator`, zero bias.
    public func initialize(generator: inout SeededGenerator) {
        GlorotUniform.fill(kernel, generator: &generator)
        bias.fill(0)
    }

    /// Number of trainable parameters.
    public var parameterCount: Int { kernel.count + bias.count }

    /// Allocates the compute-format copies of the variables (and of the input when
    /// `castsInput`) used under a narrow policy; releases them under float32.
    public func reservePrecision(narrow: Bool, castsInput: Bool, batchCapacity: Int) {
        castKernel = narrow ? (castKernel ?? Tensor(shape: kernel.shape)) : nil
        castBias = narrow ? (castBias ?? Tensor(shape: bias.shape)) : nil
        castInput = narrow && castsInput ? Tensor(shape: [0, inputSize], capacityRows: batchCapacity) : nil
    }

    /// Allocates the quantised operands of `recipe`'s GEMMs (releases them for nil).
    public func reserveRecipe(_ recipe: Recipe?, batchCapacity: Int) {
        recipeOperands = recipe.map {
            RecipeOperands(
                inputSize: inputSize, units: units, batchCapacity: batchCapacity, perTensor: $0.scalesPerTensor)
        }
    }

    /// Allocates the float32 shadow output for batches of up to `batchCapacity` rows.
    public func reserveShadow(batchCapacity: Int) {
        if (shadowOutput?.capacity ?? 0) < batchCapacity * units {
            shadowOutput = Tensor(shape: [0, units], capacityRows: batchCapacity)
        }
    }

    /// Allocates the per-batch buffers for up to `batchCapacity` rows.
    public func reserve(batchCapacity: Int, computesInputGradient: Bool) {
        if output.capacity < batchCapacity * units {
            output = Tensor(shape: [0, units], capacityRows: batchCapacity)
        }
        if computesInputGradient {
            if (inputGradient?.capacity ?? 0) < batchCapacity * inputSize {
                inputGradient = Tensor(shape: [0, inputSize], capacityRows: batchCapacity)
            }
        } else {
            inputGradient = nil
        }
    }

    /// Computes ``output`` `= act(input·W + b)` for the rows of `input` and returns it.
    ///
    /// Under a narrow policy (DESIGN.md, Precision): the input (first layer), kernel and bias
    /// are cast to the compute format; the GEMM takes those operands, accumulates in float32
    /// and its result is rounded to the compute format; bias add and activation are
    /// compute-format operations, done in float32 and rounded once (exact: the float32 sum of
    /// two values of a format with p <= 11 bits rounds correctly, 24 >= 2p + 2, and ReLU
    /// commutes with rounding).
    @discardableResult
    public func forward(_ input: Tensor, context: ExecutionContext) -> Tensor {
        precondition(input.columns == inputSize, "Dense \(name): input \(input.shape), expected \(inputSize) columns")
        output.setRows(input.rows)
        if context.isProbing {
            context.report(input, .input, layer: name)
            context.report(kernel, .kernel, layer: name)
            context.report(bias, .bias, layer: name)
        }
        let narrow = context.isNarrow
        let x = narrow ? cast(input, context: context) : input
        let w = narrow ? castKernel! : kernel
        let b = narrow ? castBias! : bias
        if narrow {
            context.round(kernel, into: w, kind: .kernel, layer: name)
            context.round(bias, into: b, kind: .bias, layer: name)
        }
        if let q = recipeOperands, context.recipe != nil {
            q.input.setRows(input.rows)
            context.quantize(input, into: q.input, operand: .input, layer: name)
            context.quantize(kernel, into: q.kernel, operand: .kernel, layer: name)
            context.multiply(q.input, q.kernel, into: output)
        } else {
            context.multiply(x, w, into: output)
        }
        if context.measuresErrorBudget {
            let used = recipeOperands.flatMap { q in context.recipe.map { _ in (q.input, q.kernel) } } ?? (x, w)
            context.measureErrorBudget(
                .forward, layer: name, exactA: input.view(), exactB: kernel.view(), usedA: used.0.view(),
                usedB: used.1.view(), result: output)
        }
        if narrow { context.roundInPlace(output, kind: .forwardOutput, layer: name) }
        let relu = activation == .relu
        if relu && context.wants(.forwardOutput, layer: name) {
            context.profiler.measure(.biasActivation) { ReLU.addBias(b, to: output, relu: false, context: context) }
            context.deliver(output, .forwardOutput, layer: name)
            context.profiler.measure(.biasActivation) {
                let o = output.baseAddress
                context.parallelism.forEachChunk(count: output.count) { range in
                    ReLU.apply(o + range.lowerBound, o + range.lowerBound, range.count)
                }
            }
        } else {
            context.profiler.measure(.biasActivation) { ReLU.addBias(b, to: output, relu: relu, context: context) }
            if !relu { context.report(output, .forwardOutput, layer: name) }
        }
        if narrow { context.roundInPlace(output, kind: .activation, layer: name) }
        context.report(output, .activation, layer: name)
        return output
    }

    /// The input as the GEMM takes it: cast to the compute format for the first layer under
    /// a narrow policy, as it is otherwise.
    func cast(_ input: Tensor, context: ExecutionContext) -> Tensor {
        guard let castInput else { return input }
        castInput.setRows(input.rows)
        context.round(input, into: castInput, kind: .input, layer: name)
        return castInput
    }

    /// The float32 forward pass with the float32 variables into ``shadowOutput``, no
    /// rounding and no probing: the reference the drift of ``output`` is measured against.
    @discardableResult
    public func forwardShadow(_ input: Tensor, context: ExecutionContext) -> Tensor {
        let shadow = shadowOutput!
        shadow.setRows(input.rows)
        // Not profiled as GEMM: the caller accounts the whole shadow pass as analysis work.
        context.multiply(input, kernel, into: shadow, profiled: false)
        ReLU.addBias(bias, to: shadow, relu: activation == .relu, context: context)
        return shadow
    }

    /// Backward pass for the batch last seen by ``forward(_:context:)``.
    ///
    /// - Parameters:
    ///   - input: the `X` given to the forward pass (unchanged since).
    ///   - outputGradient: `dL/dA`, `[batch, units]`; overwritten with `dL/dZ`.
    /// - Returns: ``inputGradient`` (`dL/dX`) when the layer was reserved to compute it.
    @discardableResult
    public func backward(input: Tensor, outputGradient: Tensor, context: ExecutionContext) -> Tensor? {
        precondition(
            outputGradient.rows == output.rows && outputGradient.columns == units && input.rows == output.rows,
            "Dense \(name): backward shapes \(input.shape), \(outputGradient.shape) after forward \(output.shape)")
        let narrow = context.isNarrow
        // Under a narrow policy dL/dA arrives as float32 (the loss gradient, or the float32
        // accumulator of the layer above) and is rounded here, carrying the loss scale.
        if narrow { context.roundInPlace(outputGradient, kind: .gradient, layer: name, scaled: true) }
        context.report(outputGradient, .gradient, layer: name)
        if activation == .relu {
            ReLU.maskGradient(outputGradient, by: output, context: context)
            context.report(outputGradient, .preActivationGradient, layer: name)
        }
        let x = narrow ? (castInput ?? input) : input
        let recipe = recipeOperands.flatMap { q in context.recipe.map { (q, $0) } }
        if let (q, recipe) = recipe {
            multiplyQuantized(input: input, gradient: outputGradient, operands: q, recipe: recipe, context: context)
        } else {
            context.multiply(x, outputGradient, into: kernelGradient, transposeA: .transposed)
        }
        if context.measuresErrorBudget {
            let used =
                recipe.map { q, r in
                    r.scalesPerTensor ? (q.input, q.gradient) : (q.weightGradientInput!, q.weightGradientGradient!)
                } ?? (x, outputGradient)
            context.measureErrorBudget(
                .weightGradient, layer: name, exactA: input.view(transposed: true), exactB: outputGradient.view(),
                usedA: used.0.view(transposed: true), usedB: used.1.view(), result: kernelGradient)
        }
        context.profiler.measure(.biasGradient) {
            Dense.columnSums(outputGradient, into: biasGradient, context: context)
        }
        if narrow {
            context.roundInPlace(kernelGradient, kind: .kernelGradient, layer: name, scaled: true)
            context.roundInPlace(biasGradient, kind: .biasGradient, layer: name, scaled: true)
        }
        context.report(kernelGradient, .kernelGradient, layer: name)
        context.report(biasGradient, .biasGradient, layer: name)
        guard let inputGradient else { return nil }
        inputGradient.setRows(outputGradient.rows)
        let used =
            recipe.map { q, r in (q.gradient, r.scalesPerTensor ? q.kernel : q.inputGradientKernel!) }
            ?? (outputGradient, narrow ? castKernel! : kernel)
        context.multiply(used.0, used.1, into: inputGradient, transposeB: .transposed)
        context.measureErrorBudget(
            .inputGradient, layer: name, exactA: outputGradient.view(), exactB: kernel.view(transposed: true),
            usedA: used.0.view(), usedB: used.1.view(transposed: true), result: inputGradient)
        context.report(inputGradient, .inputGradient, layer: name)
        return inputGradient
    }

    /// `sums[c] = Σ_r matrix[r, c]`, each column summed in float32 in row order.
    ///
    /// Columns are split into chunks (each column entirely in one chunk, so the result does not
    /// depend on the chunking or the thread count); inside a chunk the loop runs four rows at a
    /// time, adding each row's contiguous slice in turn to 16-wide vectors of accumulators, which
    /// streams the matrix once and loads and stores the accumulators once per four rows (a row at
    /// a time, their store-load round trip bounded the loop: on 8192 x 4096, one thread, a copy of
    /// each loop timed interleaved over 9 rounds took 12.5 against 7.9 ms on a Zen 1, same bits). Chunks are whole multiples of 1024 columns, so each reads at
    /// least 4 KiB of every row in one run: narrower chunks visit every row more often for less
    /// (on 8192 x 4096 with two threads, chunks of 256 columns took 1.6 times as long).
    public static func columnSums(_ matrix: Tensor, into sums: Tensor, context: ExecutionContext) {
        let rows = matrix.rows
        let columns = matrix.columns
        precondition(sums.count == columns)
        let m = UnsafePointer(matrix.baseAddress)
        let s = sums.baseAddress
        let size = context.parallelism.chunkSize(workPerItem: max(rows, 1), alignment: 1024)
        context.parallelism.forEachChunk(count: columns, chunkSize: size) { range in
            let acc = s + range.lowerBound
            let width = range.count
            acc.update(repeating: 0, count: width)
            var r = 0
            while r + 4 <= rows {
                let r0 = m + r * columns + range.lowerBound
                let (r1, r2, r3) = (r0 + columns, r0 + 2 * columns, r0 + 3 * columns)
                var c = 0
                while c + 16 <= width {
                    // Each lane adds rows r, r+1, r+2, r+3 in that order: the row order of the sum.
                    var a = UnsafeRawPointer(acc + c).loadUnaligned(as: SIMD16<Float>.self)
                    a = a + UnsafeRawPointer(r0 + c).loadUnaligned(as: SIMD16<Float>.self)
                    a = a + UnsafeRawPointer(r1 + c).loadUnaligned(as: SIMD16<Float>.self)
                    a = a + UnsafeRawPointer(r2 + c).loadUnaligned(as: SIMD16<Float>.self)
                    a = a + UnsafeRawPointer(r3 + c).loadUnaligned(as: SIMD16<Float>.self)
                    UnsafeMutableRawPointer(acc + c).storeBytes(of: a, as: SIMD16<Float>.self)
                    c += 16
                }
                for c in c..<width { acc[c] = acc[c] + r0[c] + r1[c] + r2[c] + r3[c] }
                r += 4
            }
            for r in r..<rows {
                let row = m + r * columns + range.lowerBound
                for c in 0..<width { acc[c] = acc[c] + row[c] }
            }
        }
    }
}

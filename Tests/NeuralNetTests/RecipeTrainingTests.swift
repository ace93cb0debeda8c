import Testing
import _MPStudySupport
@testable import NeuralNet
@testable import Precision

/// Training under the low-precision recipes: a Dense layer's forward and backward equal the
/// composition of the operand kernels and float32 GEMMs, delayed scaling's scales follow the
/// amaxes of the steps before, and every recipe trains the synthetic task, with the same bits
/// on one and two threads.
@Suite struct RecipeTrainingTests {
    static let recipes: [Recipe] = Recipe.Kind.allCases.map { Recipe($0) }

    /// `x` quantised as `operand` under `recipe` with an explicit per-tensor scale, by the
    /// operand kernels alone.
    static func quantized(_ x: Tensor, _ operand: GEMMOperand, _ recipe: Recipe, scale: Float) -> Tensor {
        let out = Tensor(shape: x.shape)
        var stats = ScaledStatistics()
        try! OperandQuantizer(parallelism: ParallelChunks(threads: 1)).quantize(
            x.baseAddress, rows: x.shape[0], columns: x.shape[1], axis: operand.axis,
            scheme: recipe.scheme(of: operand, tensorScale: scale), into: out.baseAddress, statistics: &stats)
        return out
    }

    /// fp8_current's scale of `x` as `operand`: 448 or 57344 over the tensor's amax.
    static func currentScale(_ x: Tensor, _ operand: GEMMOperand, _ recipe: Recipe) -> Float {
        let amax = x.array.reduce(Float(0)) { max($0, abs($1)) }
        return recipe.kind == .fp8Current ? recipe.tensorScale(amax: amax, element: recipe.element(of: operand))! : 1
    }

    static func random(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
        var g = SeededGenerator(seed: seed)
        return Tensor(
            shape: shape, values: (0..<shape.reduce(1, *)).map { _ in scale * Float.random(in: -1...1, using: &g) })
    }

    /// One ReLU layer, 40 inputs (a ragged MX block of 8) by 24 units, batch 48: the forward
    /// output is ReLU(Q(X)·Q(W) + b) in float32; dW = Q(X)ᵀ·Q(dZ) and dX = Q(dZ)·Q(W)ᵀ with
    /// each operand quantised along its GEMM's reduction axis (per tensor: one cast each).
    @Test(arguments: recipes)
    func layerIsTheCompositionOfTheKernels(recipe: Recipe) {
        let context = ExecutionContext(parallelism: ParallelChunks(threads: 1), policy: .recipe(recipe))
        let layer = Dense(name: "d", inputSize: 40, units: 24, activation: .relu)
        layer.kernel.copy(from: Self.random([40, 24], seed: 1, scale: 0.3))
        layer.bias.copy(from: Self.random([24], seed: 2, scale: 0.1))
        layer.reserve(batchCapacity: 48, computesInputGradient: true)
        layer.reserveRecipe(recipe, batchCapacity: 48)
        let x = Self.random([48, 40], seed: 3, scale: 5)
        let output = layer.forward(x, context: context).array

        let f32 = ExecutionContext(parallelism: ParallelChunks(threads: 1))
        let qx = Self.quantized(x, .input, recipe, scale: Self.currentScale(x, .input, recipe))
        let qw = Self.quantized(layer.kernel, .kernel, recipe, scale: Self.currentScale(layer.kernel, .kernel, recipe))
        let z = Tensor(shape: [48, 24])
        f32.multiply(qx, qw, into: z)
        let expected = z.array.enumerated().map { i, v in max(v + layer.bias.array[i % 24], 0) }
        #expect(output.map(\.bitPattern) == expected.map(\.bitPattern), "\(recipe.kind)")
        #expect(output != Self.float32Output(layer, x), "\(recipe.kind): quantisation changed nothing")

        let g = Self.random([48, 24], seed: 4, scale: 1e-3)
        let dz = Tensor(shape: [48, 24], values: g.array.enumerated().map { i, v in output[i] > 0 ? v : 0 })
        let dx = layer.backward(input: x, outputGradient: g, context: context)!.array
        let dW = Tensor(shape: [40, 24])
        let dX = Tensor(shape: [48, 40])
        if recipe.scalesPerTensor {
            let qdz = Self.quantized(
                dz, .weightGradientGradient, recipe, scale: Self.currentScale(dz, .weightGradientGradient, recipe))
            f32.multiply(qx, qdz, into: dW, transposeA: .transposed)
            f32.multiply(qdz, qw, into: dX, transposeB: .transposed)
        } else {
            f32.multiply(
                Self.quantized(x, .weightGradientInput, recipe, scale: 1),
                Self.quantized(dz, .weightGradientGradient, recipe, scale: 1), into: dW, transposeA: .transposed)
            f32.multiply(
                Self.quantized(dz, .inputGradientGradient, recipe, scale: 1),
                Self.quantized(layer.kernel, .inputGradientKernel, recipe, scale: 1), into: dX, transposeB: .transposed)
        }
        #expect(layer.kernelGradient.array.map(\.bitPattern) == dW.array.map(\.bitPattern), "\(recipe.kind) dW")
        #expect(dx.map(\.bitPattern) == dX.array.map(\.bitPattern), "\(recipe.kind) dX")
    }

    static func float32Output(_ layer: Dense, _ x: Tensor) -> [Float] {
        let plain = Dense(name: "d", inputSize: 40, units: 24, activation: .relu)
        plain.kernel.copy(from: layer.kernel)
        plain.bias.copy(from: layer.bias)
        plain.reserve(batchCapacity: 48, computesInputGradient: false)
        return plain.forward(x, context: ExecutionContext(parallelism: ParallelChunks(threads: 1))).array
    }

    /// fp8_delayed: the first step casts with scale 1; after it, the input role of the first
    /// layer has the scale 448 / amax of that step's input (2, planted: 224), and the
    /// evaluation pass that follows uses 224 without adding to the history.
    @Test func delayedScalesComeFromThePreviousStep() throws {
        var c = TrainerTests.configuration()
        c.policy = .recipe(Recipe(.fp8Delayed))
        let trainer = try Trainer(configuration: c, data: TrainerTests.synthetic(count: 96, seed: 3), classes: 3)
        let context = trainer.context
        #expect(context.recipeScales!.scale(layer: "dense_1", role: .input).scale == 1)
        var values = (0..<256).map { Float($0 % 17) / 17 }
        values[5] = -2
        let input = Tensor(shape: [32, 8], values: values)
        let labels: [Int32] = (0..<32).map { Int32($0 % 3) }
        var scaler = LossScaler(.none)
        _ = labels.withUnsafeBufferPointer {
            trainer.model.trainStep(
                input, labels: $0, optimizer: trainer.optimizer, lossScaler: &scaler, context: context)
        }
        #expect(context.recipeScales!.scale(layer: "dense_1", role: .input) == (224, 2))
        let kernelAmax = trainer.model.denseLayers[0].kernel.array.reduce(Float(0)) { max($0, abs($1)) }
        // The kernel's amax is that of the weights the step used (before the update).
        #expect(context.recipeScales!.scale(layer: "dense_1", role: .kernel).scale > 0)
        #expect(kernelAmax > 0)
        context.phase = .validation
        _ = trainer.model.forward(Tensor(shape: [4, 8], values: Array(repeating: 100, count: 32)), context: context)
        #expect(context.recipeScales!.scale(layer: "dense_1", role: .input) == (224, 2))
        context.phase = .training
    }

    /// Every recipe learns the synthetic three-class task (float32 reaches over 0.9) and gives
    /// the same weights on one and two threads.
    @Test(arguments: recipes)
    func everyRecipeTrainsReproducibly(recipe: Recipe) throws {
        var digests: [String] = []
        var accuracy = 0.0
        for threads in [1, 2] {
            var c = TrainerTests.configuration(threads: threads)
            c.policy = .recipe(recipe)
            let trainer = try Trainer(configuration: c, data: TrainerTests.synthetic(count: 96, seed: 3), classes: 3)
            accuracy = trainer.fit().last!.training.accuracy
            digests.append(trainer.weightsDigest())
        }
        #expect(digests[0] == digests[1], "\(recipe.kind)")
        #expect(accuracy > 0.6, "\(recipe.kind): accuracy \(accuracy)")
    }

    /// NVFP4 with stochastic gradients: the same weights on one and two threads, other
    /// weights than round-to-nearest gives, and the task still learned.
    @Test func stochasticGradientsAreReproducible() throws {
        var digests: [String] = []
        for (threads, stochastic) in [(1, true), (2, true), (1, false)] {
            var c = TrainerTests.configuration(threads: threads)
            c.policy = .recipe(Recipe(.nvfp4, stochasticGradients: stochastic))
            let trainer = try Trainer(configuration: c, data: TrainerTests.synthetic(count: 96, seed: 3), classes: 3)
            let accuracy = trainer.fit().last!.training.accuracy
            #expect(accuracy > 0.6, "stochastic \(stochastic): accuracy \(accuracy)")
            digests.append(trainer.weightsDigest())
        }
        #expect(digests[0] == digests[1])
        #expect(digests[0] != digests[2])
    }
}

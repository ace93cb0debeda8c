import Testing
import _MPStudySupport
@testable import NeuralNet
@testable import Precision

/// The counterfactual scaling of each recipe: which scheme it is, and what it records on
/// tensors whose outcome under either scaling is derived by hand.
@Suite struct CounterfactualTests {
    /// Records the quantisation events of every layer.
    final class Recorder: PrecisionProbe {
        var events: [QuantizationEvent] = []
        /// The checked steps, where the counterfactual is computed: every `every` steps.
        let every: Int
        init(every: Int = 1) { self.every = every }
        func wants(_ kind: TensorKind, layer: String, phase: ModelPhase) -> Bool { false }
        func observe(_ tensor: ProbedTensor) {}
        func wantsQuantization(layer: String, phase: ModelPhase) -> Bool { true }
        func observeQuantization(_ event: QuantizationEvent) { events.append(event) }
        var errorBudgetEvery: Int { every }
    }

    static func quantize(_ x: Tensor, _ operand: GEMMOperand, _ recipe: Recipe) -> QuantizationEvent {
        let probe = Recorder()
        let context = ExecutionContext(parallelism: ParallelChunks(threads: 1), probe: probe, policy: .recipe(recipe))
        let out = Tensor(shape: x.shape, values: Array(repeating: 0, count: x.count))
        context.step = 1
        context.quantize(x, into: out, operand: operand, layer: "dense_1")
        return probe.events[0]
    }

    /// Off the checked steps (here every second step, so step 2) no counterfactual is made.
    @Test func onlyOnCheckedSteps() {
        let probe = Recorder(every: 2)
        let context = ExecutionContext(
            parallelism: ParallelChunks(threads: 1), probe: probe, policy: .recipe(Recipe(.mxfp8)))
        let x = Tensor(shape: [1, 32], values: (0..<32).map { Float($0) })
        let out = Tensor(shape: x.shape, values: Array(repeating: 0, count: x.count))
        for step in 1...3 {
            context.step = step
            context.quantize(x, into: out, operand: .input, layer: "dense_1")
        }
        #expect(probe.events.map { $0.counterfactual != nil } == [true, false, true])
    }

    /// Per-tensor scales come from the tensor's amax: E4M3's largest value is 448, so an amax
    /// of 3.5 gives 448 / 3.5 = 128 (exact); E2M1's is 6, so amax 3 gives 2.
    @Test func schemes() {
        #expect(Recipe(.fp8Delayed).counterfactualScheme(of: .input, amax: 3.5) == .tensor(element: .e4m3, scale: 128))
        #expect(
            Recipe(.fp8Delayed).counterfactualScheme(of: .weightGradientGradient, amax: 3.5)
                == .tensor(element: .e5m2, scale: 57344 / 3.5))
        #expect(Recipe(.fp8Current).counterfactualScheme(of: .kernel, amax: 3.5) == .mx(element: .e4m3, blockSize: 32))
        #expect(Recipe(.mxfp4).counterfactualScheme(of: .input, amax: 3) == .tensor(element: .e2m1, scale: 2))
        #expect(Recipe(.nvfp4).counterfactualScheme(of: .kernel, amax: 3) == .tensor(element: .e2m1, scale: 2))
        // A zero tensor has no per-tensor scale, so no counterfactual; blocks need none.
        #expect(Recipe(.mxfp8).counterfactualScheme(of: .input, amax: 0) == nil)
        #expect(Recipe(.fp8Current).counterfactualScheme(of: .input, amax: 0) == .mx(element: .e4m3, blockSize: 32))
    }

    /// One row of two MX blocks along the reduction axis: 32 values 2^-20, then 32 values 2^8.
    /// MXFP8 (E4M3, emax 8): block scales 2^(-20-8) and 2^(8-8), every element 2^8 exactly,
    /// nothing flushed. One per-tensor scale 448 / 256 = 1.75 maps 2^-20 to 1.75·2^-20, far
    /// below E4M3's smallest subnormal 2^-9, so the 32 small values flush; 256·1.75 = 448 is
    /// exact. The counterfactual of mxfp8 must say exactly that.
    @Test func blocksKeepWhatOneScaleFlushes() {
        let x = Tensor(
            shape: [1, 64],
            values: Array(repeating: Float(sign: .plus, exponent: -20, significand: 1), count: 32)
                + Array(repeating: 256, count: 32))
        let event = Self.quantize(x, .input, Recipe(.mxfp8))
        #expect(event.statistics.flushed == 0)
        #expect(event.statistics.saturated == 0)
        let c = try! #require(event.counterfactual)
        #expect(c.kind == .perTensor)
        #expect(c.scheme == .tensor(element: .e4m3, scale: 1.75))
        #expect(c.statistics.count == 64)
        #expect(c.statistics.flushed == 32)
        #expect(c.statistics.saturated == 0)
    }

    /// fp8_delayed on its first cast has scale 1 (no history): 1000 is beyond E4M3's 448 and
    /// saturates, 1 and 2 are exact. The current scale 448 / 1000 = 0.448 (float32) maps
    /// 1000 to 448 (within rounding, no saturation) and keeps 1 and 2 far above 2^-9.
    @Test func delayedAgainstCurrent() {
        let x = Tensor(shape: [1, 3], values: [1000, 1, 2])
        let event = Self.quantize(x, .input, Recipe(.fp8Delayed))
        #expect(event.statistics.saturated == 1)
        let c = try! #require(event.counterfactual)
        #expect(c.kind == .current)
        #expect(c.scheme == .tensor(element: .e4m3, scale: Float(448) / 1000))
        #expect(c.statistics.saturated == 0)
        #expect(c.statistics.flushed == 0)
    }
}

//===--- ExecutionContext.swift -------------------------------------------===//
//
// What every layer call needs besides its tensors: cores, profiler, probe, position.
//
//===----------------------------------------------------------------------===//

import Precision
import _MPStudySupport

/// The per-run state that layers read while computing: how to split elementwise work and
/// matrix products, where to account time, which probe to report to, which precision policy
/// to compute under, and where in training they are.
///
/// One context belongs to one model and one thread of control (not Sendable by design).
public final class ExecutionContext {
    /// Partitioning of elementwise work and reductions: fixed chunks, run `threads` at a time
    /// (results never depend on the thread count).
    public let parallelism: ParallelChunks
    /// How matrix products are cut into panels, run ``parallelism``'s threads at a time
    /// (results never depend on the thread count either; see ``GEMM``).
    public let gemmPanels: GEMMPanels
    /// Whose sgemm computes the panels (``BLASRuntime/gemmChoice`` unless a test says).
    public let gemmLibrary: GEMMLibrary
    /// Accumulated time per kind of work.
    public let profiler: StepProfiler
    /// The attached probe (``NoProbe`` by default).
    public let probe: any LayerProbe
    /// False when the probe is ``NoProbe``: the only thing the hot path looks at.
    public let isProbing: Bool
    /// The probe again when it also takes precision events, else nil.
    public let precisionProbe: (any PrecisionProbe)?

    /// The precision policy layers compute under.
    public let policy: PrecisionPolicy
    /// The bulk rounding kernels (vector kernels when the CPU has them).
    public let rounder: TensorRounder
    /// Quantises GEMM operands under the policy's recipe.
    public let operandQuantizer: OperandQuantizer
    /// The delayed-scaling state of the policy's recipe (nil without a recipe).
    public var recipeScales: RecipeScales?
    /// The seed of stochastic rounding (a recipe's stochastic gradients): each cast draws from
    /// generators seeded by it, the step, the layer and the operand.
    public let roundingSeed: UInt64
    /// The loss scale of the step in progress (1 without loss scaling).
    public var lossScale: Float = 1
    /// True when the compute format is narrower than float32: layers round at every cast.
    public var isNarrow: Bool { policy.compute != .float32 }

    /// What the model is doing.
    public var phase: ModelPhase = .training
    /// See ``ProbedTensor/step``.
    public var step: Int = 0
    /// 1-based epoch.
    public var epoch: Int = 1
    /// Batch index inside the current epoch or evaluation pass.
    public var batch: Int = 0

    public init(
        parallelism: ParallelChunks, gemmPanels: GEMMPanels = GEMMPanels(),
        gemmLibrary: GEMMLibrary = BLASRuntime.gemmChoice.library, profiler: StepProfiler = StepProfiler(),
        probe: any LayerProbe = NoProbe(), policy: PrecisionPolicy = .float32, roundingSeed: UInt64 = 0
    ) {
        self.roundingSeed = roundingSeed
        self.parallelism = parallelism
        self.gemmPanels = gemmPanels
        self.gemmLibrary = gemmLibrary
        self.profiler = profiler
        self.probe = probe
        self.isProbing = !(probe is NoProbe)
        self.precisionProbe = probe as? any PrecisionProbe
        self.policy = policy
        self.rounder = TensorRounder(parallel: parallelism)
        self.operandQuantizer = OperandQuantizer(parallelism: parallelism)
        self.recipeScales = policy.recipe.map(RecipeScales.init)
    }

    /// Where training is now, for events.
    public var position: ProbePosition { ProbePosition(phase: phase, step: step, epoch: epoch, batch: batch) }

    /// Whether the attached probe wants `kind` of `layer` now (false without a probe, at no cost).
    @inline(__always)
    public func wants(_ kind: TensorKind, layer: String) -> Bool {
        isProbing && probe.wants(kind, layer: layer, phase: phase)
    }

    /// `c = op(a)·op(b)` through ``GEMM`` on this context's panels and threads; the time
    /// counts as GEMM work unless `profiled` is false (the caller accounts it elsewhere).
    public func multiply(
        _ a: Tensor, _ b: Tensor, into c: Tensor, transposeA: Transpose = .none,
        transposeB: Transpose = .none, profiled: Bool = true
    ) {
        GEMM.multiply(
            a, b, into: c, transposeA: transposeA, transposeB: transposeB, parallelism: parallelism,
            panels: gemmPanels, library: gemmLibrary, profiler: profiled ? profiler : nil)
    }

    /// Reports `tensor` (its elements in use) to the probe if it wants it.
    @inline(__always)
    public func report(_ tensor: Tensor, _ kind: TensorKind, layer: String) {
        guard isProbing, probe.wants(kind, layer: layer, phase: phase) else { return }
        deliver(tensor, kind, layer: layer)
    }

    /// Hands `tensor` to the probe unconditionally (the caller asked ``wants(_:layer:)``).
    public func deliver(_ tensor: Tensor, _ kind: TensorKind, layer: String) {
        profiler.measure(.probe) {
            probe.observe(
                ProbedTensor(
                    layer: layer, kind: kind, phase: phase, step: step, epoch: epoch,
                    batch: batch, shape: tensor.shape, values: tensor.readOnlyBuffer))
        }
    }
}

//===--- PrecisionAnalyzer.swift ------------------------------------------===//
//
// The probe behind `mpstudy analyze`: collects the precision events of training into
// per-step, per-layer, per-tensor records.
//
//===----------------------------------------------------------------------===//

import NeuralNet
import Precision

/// Records every statistic of DESIGN.md's table ("Analyzer: what is recorded") for every
/// layer and tensor kind at every training step.
///
/// What it asks the model for, and why it stays cheap:
/// - rounding statistics of every kind and layer, in the training phase only: the kernels
///   count in the same pass as they round, so the probe itself only merges a few hundred
///   numbers per event. Validation and test passes are not recorded per tensor (their loss
///   and accuracy are, by the caller): they repeat the forward casts on other samples;
/// - the update statistics of every layer (one extra pass over the weights per step);
/// - a float32 shadow forward pass every ``shadowEvery`` steps. A forward pass is about a
///   third of a step's arithmetic, so K = 1 adds about 33% to a step, K = 2 about 17%,
///   K = 5 about 7%, K = 10 about 3%; ``defaultShadowEvery`` is 5.
/// It never asks for raw tensors (``wants(_:layer:phase:)`` is false), so no tensor is copied,
/// except for the steps a ``TensorDump`` wants (`--dump-tensors`): those receive each rounding
/// site's input values.
///
/// Events are keyed by their step number, so the order in which a model sends the rounding,
/// update, drift and step events of one step does not matter. Not thread-safe: a model calls
/// its probe on the training thread, in program order.
public final class PrecisionAnalyzer: PrecisionProbe {
    /// Shadow-pass interval when none is given: about 7% of a step's arithmetic.
    public static let defaultShadowEvery = 5

    /// Layer names in model order (records are sorted by it; unknown layers go last, by name).
    public let layerOrder: [String]
    /// Every how many training steps the model runs the float32 shadow pass (0: never).
    public let shadowEvery: Int

    private var steps: [Int: StepAccumulator] = [:]

    /// Every how many training steps the GEMMs' error budget is measured (0: never).
    public let errorBudgetEvery: Int

    /// Where the values behind the rounding statistics of chosen steps go (`--dump-tensors`).
    public let dump: (any TensorDump)?

    /// The error budget runs every `errorBudgetEvery` steps, by default on the shadow pass's;
    /// `dump`, when given, receives the rounded tensors of the steps it wants.
    public init(
        layers: [String], shadowEvery: Int = PrecisionAnalyzer.defaultShadowEvery, errorBudgetEvery: Int? = nil,
        dump: (any TensorDump)? = nil
    ) {
        self.dump = dump
        layerOrder = layers
        self.shadowEvery = max(0, shadowEvery)
        self.errorBudgetEvery = max(0, errorBudgetEvery ?? shadowEvery)
    }

    // MARK: LayerProbe

    public func wants(_ kind: TensorKind, layer: String, phase: ModelPhase) -> Bool { false }
    public func observe(_ tensor: ProbedTensor) {}

    // MARK: PrecisionProbe

    public func wantsRounding(_ kind: TensorKind, layer: String, phase: ModelPhase) -> Bool {
        phase == .training
    }

    public func observeRounding(_ event: RoundingEvent) {
        guard event.position.phase == .training else { return }
        let counterfactual: ScaledCounts? =
            if event.record.counterfactualScale != nil {
                event.record.counterfactual
            } else if event.lossScale == 1, Self.carriesLossScale(event.kind) {
                Self.counts(of: event.record.statistics)
            } else {
                nil
            }
        modify(event.position, layer: event.layer, kind: event.kind) { record in
            record.format = event.format
            record.shape = event.shape
            record.lossScale = event.lossScale
            if var rounding = record.rounding {
                rounding.merge(event.record.statistics)
                record.rounding = rounding
            } else {
                record.rounding = event.record.statistics
            }
            if let counterfactual {
                var merged = record.unscaled ?? ScaledCounts()
                merged.merge(counterfactual)
                record.unscaled = merged
            }
        }
    }

    public func wantsRoundingInput(_ kind: TensorKind, layer: String, position: ProbePosition) -> Bool {
        position.phase == .training && dump?.wants(step: position.step) == true
    }

    public func observeRoundingInput(_ input: RoundingInput) {
        guard input.position.phase == .training else { return }
        dump?.record(input)
    }

    public func wantsUpdates(layer: String) -> Bool { true }

    public func observeUpdate(_ event: UpdateEvent) {
        guard event.position.phase == .training else { return }
        modify(event.position, layer: event.layer, kind: event.kind) { record in
            var merged = record.updates ?? UpdateStatistics()
            merged.merge(event.statistics)
            record.updates = merged
        }
    }

    public func observeDrift(_ event: DriftEvent) {
        guard event.position.phase == .training else { return }
        modify(event.position, layer: event.layer, kind: .activation) { record in
            record.drift = DriftRecord(
                squaredDifference: event.squaredDifference,
                squaredReference: event.squaredReference)
        }
    }

    /// Output entries sampled per GEMM for the error budget.
    public var errorBudgetSamples: Int { 256 }

    public func observeErrorBudget(_ event: ErrorBudgetEvent) {
        guard event.position.phase == .training else { return }
        var step = accumulator(for: event.position)
        step.errorBudgets.append(ErrorBudgetRecord(event))
        steps[event.position.step] = step
    }

    public func wantsQuantization(layer: String, phase: ModelPhase) -> Bool { phase == .training }

    public func observeQuantization(_ event: QuantizationEvent) {
        guard event.position.phase == .training else { return }
        var step = accumulator(for: event.position)
        step.quantizations[QuantizationKey(layer: event.layer, operand: event.operand)] = QuantizationRecord(event)
        steps[event.position.step] = step
    }

    public func observeStep(_ event: StepEvent) {
        guard event.position.phase == .training else { return }
        dump?.stepFinished(event)
        var step = accumulator(for: event.position)
        step.metrics = StepMetrics(
            samples: event.metrics.count, loss: event.metrics.meanLoss, accuracy: event.metrics.accuracy,
            lossScale: event.lossScale, skipped: event.skipped, nonFiniteGradients: event.nonFiniteGradients,
            seconds: event.seconds)
        steps[event.position.step] = step
    }

    // MARK: Results

    /// The steps recorded so far, in step order; each step's tensors in model order, then
    /// forward-to-backward kind order.
    public var stepRecords: [StepRecord] {
        steps.keys.sorted().map { number in
            let step = steps[number]!
            let tensors = step.tensors.values.sorted { a, b in
                let (la, lb) = (layerRank(a.layer), layerRank(b.layer))
                if la != lb { return la < lb }
                if a.layer != b.layer { return a.layer < b.layer }
                return (a.kind?.order ?? Int.max, a.tensor) < (b.kind?.order ?? Int.max, b.tensor)
            }
            let quantizations = step.quantizations.values.sorted { a, b in
                let (la, lb) = (layerRank(a.layer), layerRank(b.layer))
                if la != lb { return la < lb }
                if a.layer != b.layer { return a.layer < b.layer }
                return GEMMOperand.allCases.firstIndex(of: a.operand)! < GEMMOperand.allCases.firstIndex(of: b.operand)!
            }
            let budgets = step.errorBudgets.sorted { a, b in
                let (la, lb) = (layerRank(a.layer), layerRank(b.layer))
                if la != lb { return la < lb }
                if a.layer != b.layer { return a.layer < b.layer }
                return GEMMKind.allCases.firstIndex(of: a.gemm)! < GEMMKind.allCases.firstIndex(of: b.gemm)!
            }
            return StepRecord(
                step: number, epoch: step.epoch, batch: step.batch, metrics: step.metrics,
                tensors: tensors, quantizations: quantizations.isEmpty ? nil : quantizations,
                errorBudgets: budgets.isEmpty ? nil : budgets)
        }
    }

    /// Forgets everything recorded (to reuse the analyzer for another run).
    public func reset() { steps = [:] }

    // MARK: Internals

    /// Kinds whose values carry the loss scale (the backward pass).
    public static func carriesLossScale(_ kind: TensorKind) -> Bool {
        switch kind {
        case .gradient, .preActivationGradient, .kernelGradient, .biasGradient, .inputGradient: true
        default: false
        }
    }

    /// The rounding's own overflow / underflow / subnormal counts, as the counterfactual of a
    /// tensor whose scale was 1 (unscaled is then what happened).
    static func counts(of statistics: RoundingStatistics) -> ScaledCounts {
        var counts = ScaledCounts()
        counts.overflow = statistics.overflow
        counts.underflow = statistics.underflow
        counts.subnormal = statistics.subnormal
        return counts
    }

    private func layerRank(_ layer: String) -> Int { layerOrder.firstIndex(of: layer) ?? layerOrder.count }

    private func accumulator(for position: ProbePosition) -> StepAccumulator {
        steps[position.step] ?? StepAccumulator(epoch: position.epoch, batch: position.batch)
    }

    private func modify(
        _ position: ProbePosition, layer: String, kind: TensorKind,
        _ body: (inout TensorRecord) -> Void
    ) {
        var step = accumulator(for: position)
        let key = TensorKey(layer: layer, kind: kind)
        var record = step.tensors[key] ?? TensorRecord(layer: layer, tensor: kind.reportName)
        body(&record)
        step.tensors[key] = record
        steps[position.step] = step
    }
}

/// A layer and a tensor kind.
struct TensorKey: Hashable {
    let layer: String
    let kind: TensorKind
}

/// A layer and a GEMM operand.
struct QuantizationKey: Hashable {
    let layer: String
    let operand: GEMMOperand
}

/// What has arrived for one step so far.
struct StepAccumulator {
    var epoch: Int
    var batch: Int
    var metrics: StepMetrics?
    var tensors: [TensorKey: TensorRecord] = [:]
    var quantizations: [QuantizationKey: QuantizationRecord] = [:]
    var errorBudgets: [ErrorBudgetRecord] = []
}

//===--- RunDigest.swift --------------------------------------------------===//
//
// What the charts and summary.md of a run need from its steps, gathered in one pass.
//
//===----------------------------------------------------------------------===//

import Analyzer
import NeuralNet

/// A run reduced to what its charts and `summary.md` show: the record without the steps'
/// tensor records, the totals of every layer tensor, and per rounded tensor its heat-map
/// cells, summed exponent histogram and drift checks.
///
/// It is built by adding the steps one at a time, so a report never needs every step's
/// records at once: `mpstudy report` streams a run.json of any length through ``add(_:)``
/// (its size is a few numbers per step and tensor, not the steps' histograms). Built from a
/// whole ``RunRecord`` it gives the same charts and summary as that record, byte for byte.
///
/// Each step contributes its first record of a layer and tensor, as
/// ``StepRecord/tensor(_:_:)`` finds it.
struct RunDigest: Sendable {
    /// The record without its steps' tensor records: every step keeps its number, epoch,
    /// batch and metrics (the curves, the step table and the run-wide findings).
    private(set) var outline: RunRecord
    /// Every layer tensor summed over the steps.
    private(set) var totals = RunTotals()
    /// What the charts need per layer tensor.
    private var tensors: [LayerTensor: TensorDigest] = [:]
    /// Under a recipe: every layer's GEMM operands summed over the steps, in the order first seen.
    private(set) var quantizations: [QuantizationTotals] = []
    /// Every layer's GEMM error budgets over the checked steps, in the order first seen.
    private(set) var errorBudgets: [ErrorBudgetTotals] = []

    /// One layer tensor's heat-map cells, histogram and drift checks.
    struct TensorDigest: Sendable {
        /// (index of the step in the run, flushed fraction, overflowed fraction) for every
        /// step with rounding statistics of the tensor; a fraction is nil when no element was seen.
        var cells: [(step: Int, flush: Double?, overflow: Double?)] = []
        var histogram = ExponentHistogramChart.Counts.Sum()
        /// Step numbers of the float32 shadow checks of the tensor (activations).
        var driftSteps: [Int] = []
        /// The last step (a count of added steps) that contributed.
        var lastStep = 0
    }

    /// A digest of `header` (its steps are ignored) without steps yet.
    init(header: RunRecord) {
        outline = header
        outline.steps = []
    }

    /// The digest of the whole `run`.
    init(_ run: RunRecord) {
        self.init(header: run)
        for step in run.steps { add(step) }
    }

    /// Adds the next step.
    mutating func add(_ step: StepRecord) {
        let index = outline.steps.count
        outline.steps.append(
            StepRecord(step: step.step, epoch: step.epoch, batch: step.batch, metrics: step.metrics, tensors: []))
        totals.add(step)
        for record in step.errorBudgets ?? [] {
            let i =
                errorBudgets.firstIndex { $0.layer == record.layer && $0.gemm == record.gemm }
                ?? {
                    errorBudgets.append(ErrorBudgetTotals(layer: record.layer, gemm: record.gemm))
                    return errorBudgets.count - 1
                }()
            errorBudgets[i].add(record)
        }
        for record in step.quantizations ?? [] {
            let i =
                quantizations.firstIndex { $0.layer == record.layer && $0.operand == record.operand }
                ?? {
                    quantizations.append(QuantizationTotals(record))
                    return quantizations.count - 1
                }()
            quantizations[i].add(record, step: step.step)
        }
        for record in step.tensors {
            let key = LayerTensor(layer: record.layer, tensor: record.tensor)
            var digest = tensors.removeValue(forKey: key) ?? TensorDigest()
            defer { tensors[key] = digest }
            guard digest.lastStep != index + 1 else { continue }
            digest.lastStep = index + 1
            if let r = record.rounding {
                digest.cells.append(
                    (index, HeatMapChart.Quantity.flush.fraction(r), HeatMapChart.Quantity.overflow.fraction(r)))
                digest.histogram.add(record)
            }
            if record.drift != nil { digest.driftSteps.append(step.step) }
        }
    }

    /// Steps added.
    var stepCount: Int { outline.steps.count }

    /// (layer, tensor) pairs with rounding statistics on some step: layers in model order
    /// (then any others in the order they were recorded), tensors in ``TensorKind`` order.
    var roundedTensors: [(layer: String, tensor: String)] {
        var layers = outline.layers
        for layer in totals.layers where !layers.contains(layer) { layers.append(layer) }
        return layers.flatMap { layer in
            totals.recordedTensors(layer: layer)
                .filter { tensor in totals.totals(layer: layer, tensor: tensor).rounding != nil }
                .map { (layer, $0) }
        }
    }

    /// `quantity` of `layer`'s `tensor` at every step (nil where the step has no rounding
    /// statistics of it).
    func cells(layer: String, tensor: String, quantity: HeatMapChart.Quantity) -> [Double?] {
        var values = [Double?](repeating: nil, count: stepCount)
        for cell in tensors[LayerTensor(layer: layer, tensor: tensor)]?.cells ?? [] {
            values[cell.step] = quantity == .flush ? cell.flush : cell.overflow
        }
        return values
    }

    /// The exponent histogram counts of `layer`'s `tensor`; nil when no step rounded it.
    func histogram(layer: String, tensor: String) -> ExponentHistogramChart.Counts? {
        tensors[LayerTensor(layer: layer, tensor: tensor)]?.histogram
            .counts(layer: layer, tensor: tensor, computeFormat: outline.settings.computeFormat)
    }

    /// The step numbers at which `layer`'s `tensor` was checked against the float32 shadow pass.
    func driftSteps(layer: String, tensor: String) -> [Int] {
        tensors[LayerTensor(layer: layer, tensor: tensor)]?.driftSteps ?? []
    }
}

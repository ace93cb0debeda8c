//===--- ExecutionContext+ErrorBudget.swift -------------------------------===//
//
// The sampled error budget of a GEMM, measured on the steps the probe asks for.
//
//===----------------------------------------------------------------------===//

import Precision
import _MPStudySupport

extension ExecutionContext {
    /// Whether this training step measures the GEMMs' error budget.
    public var measuresErrorBudget: Bool {
        guard phase == .training, let probe = precisionProbe, probe.errorBudgetEvery > 0 else { return false }
        return (step - 1) % probe.errorBudgetEvery == 0
    }

    /// Samples entries of `result` = op(usedA)·op(usedB) (the GEMM as computed) and sends the
    /// probe their error against the exact products of the unquantised operands `exactA`,
    /// `exactB` and of the used ones (``GEMMErrorBudget``). The entries are drawn from a
    /// generator seeded by the step, the layer and the GEMM, so every run samples the same ones.
    public func measureErrorBudget(
        _ gemm: GEMMKind, layer: String, exactA: MatrixView, exactB: MatrixView, usedA: MatrixView,
        usedB: MatrixView, result: Tensor
    ) {
        guard measuresErrorBudget, let probe = precisionProbe else { return }
        profiler.measure(.errorBudget) {
            var seed: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a of the layer and GEMM names, then the step
            for byte in (layer + "/" + gemm.rawValue).utf8 { seed = (seed ^ UInt64(byte)) &* 0x100_0000_01b3 }
            var generator = SeededGenerator(seed: seed ^ UInt64(step))
            let entries = GEMMErrorBudget.entries(
                count: probe.errorBudgetSamples, rows: result.shape[0], columns: result.shape[1], generator: &generator)
            // Entries in fixed chunks of 32 over the threads, joined in chunk order: the same
            // samples in the same order for every thread count (each sum is exact anyway).
            let output = result.baseAddress
            let columns = result.shape[1]
            let parts = parallelism.mapChunks(count: entries.count, chunkSize: 32) { range in
                GEMMErrorBudget.samples(
                    exactA: exactA, exactB: exactB, usedA: usedA, usedB: usedB, result: output,
                    resultColumns: columns, entries: Array(entries[range]))
            }
            let samples = parts.flatMap(\.samples)
            let skipped = parts.reduce(0) { $0 + $1.zeroExact }
            probe.observeErrorBudget(
                ErrorBudgetEvent(
                    layer: layer, gemm: gemm, position: position,
                    summary: ErrorBudgetSummary(samples, skipped: skipped)))
        }
    }
}

extension Tensor {
    /// This matrix as a GEMM operand, transposed or not.
    func view(transposed: Bool = false) -> MatrixView {
        MatrixView(baseAddress, rows: shape[0], columns: shape[1], transposed: transposed)
    }
}

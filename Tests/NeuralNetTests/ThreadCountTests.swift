import Testing
@testable import NeuralNet
import Precision
import _MPStudySupport

/// Everything NeuralNet computes has the same bits for 1, 2, 3 and 8 threads: the GEMMs (on
/// panels of 32 rows or columns here, so that every product is split), the elementwise
/// kernels, the column sums, the rounding statistics (floating-point error sums included),
/// the drift norms, the GEMMs' error budget (its entries split over the threads), the
/// gradient unscaling and its finiteness count, the lost-update counts and the RMSprop update.
/// The contexts differ only in their thread count.
@Suite struct ThreadCountTests {
    static let threadCounts = [1, 2, 3, 8]

    /// Records every precision event in arrival order.
    final class Recorder: PrecisionProbe {
        var rounding: [(String, RoundingRecord)] = []
        var updates: [(String, UpdateStatistics)] = []
        var drifts: [(String, UInt64, UInt64)] = []
        var budgets: [String] = []
        func wants(_ kind: TensorKind, layer: String, phase: ModelPhase) -> Bool { false }
        func observe(_ tensor: ProbedTensor) {}
        func wantsRounding(_ kind: TensorKind, layer: String, phase: ModelPhase) -> Bool { true }
        func observeRounding(_ event: RoundingEvent) { rounding.append(("\(event.layer).\(event.kind)", event.record)) }
        func wantsUpdates(layer: String) -> Bool { true }
        func observeUpdate(_ event: UpdateEvent) { updates.append(("\(event.layer).\(event.kind)", event.statistics)) }
        var shadowEvery: Int { 1 }
        func observeDrift(_ event: DriftEvent) {
            drifts.append((event.layer, event.squaredDifference.bitPattern, event.squaredReference.bitPattern))
        }
        var errorBudgetEvery: Int { 1 }
        // More entries than one chunk of 32, so that two or more threads share a check.
        var errorBudgetSamples: Int { 100 }
        func observeErrorBudget(_ event: ErrorBudgetEvent) {
            let s = event.summary
            budgets.append(
                "\(event.layer) \(event.gemm) \(s.samples) \(s.skipped) \(s.quantizationMedian.bitPattern) "
                    + "\(s.quantizationP99.bitPattern) \(s.accumulationMedian.bitPattern) \(s.accumulationP99.bitPattern)"
            )
        }
    }

    /// What two mixed_float16 training steps produced: losses, weights, velocities (as bits)
    /// and every event.
    struct Outcome: Equatable {
        var losses: [UInt64] = []
        var bits: [UInt32] = []
        var rounding: [String] = []
        var updates: [String] = []
        var drifts: [String] = []
        var budgets: [String] = []
    }

    /// Two training steps of a 3-layer model (40 inputs, 96 units, 5 classes, batch 160) under
    /// mixed_float16 with a fixed loss scale of 2^10, chunks of 512 elements so that every
    /// tensor is split many times (the 96 x 96 kernel into 18 chunks, the 160 x 96
    /// activations into 30).
    static func twoSteps(threads: Int) -> Outcome {
        var g = SeededGenerator(seed: 11)
        let model = SequentialModel(inputSize: 40, hiddenUnits: [96, 96], classes: 5, generator: &g)
        model.reserve(batchCapacity: 160)
        model.reservePrecision(.mixedFloat16, shadow: true)
        let recorder = Recorder()
        let context = ExecutionContext(
            parallelism: ParallelChunks(threads: threads, chunkElements: 512),
            gemmPanels: GEMMPanels(minimumExtent: 32), probe: recorder, policy: .mixedFloat16)
        let optimizer = RMSprop()
        var scaler = LossScaler(.fixed(0x1p10))
        var outcome = Outcome()
        for step in 1...2 {
            context.step = step
            let input = TestSupport.random([160, 40], scale: 3, &g)
            let labels = (0..<160).map { Int32(($0 * 7 + step) % 5) }
            let result = labels.withUnsafeBufferPointer {
                model.trainStep(input, labels: $0, optimizer: optimizer, lossScaler: &scaler, context: context)
            }
            outcome.losses.append(result.metrics.lossSum.bitPattern)
        }
        model.forEachWeight { _, _, tensor in
            outcome.bits += tensor.array.map(\.bitPattern)
            outcome.bits += optimizer.velocity(for: tensor).array.map(\.bitPattern)
        }
        outcome.rounding = recorder.rounding.map { name, r in
            let s = r.statistics
            return "\(name) \(s.count) \(s.overflow) \(s.underflow) \(s.subnormal) \(s.errorCount) "
                + "\(s.errorSum.bitPattern) \(s.errorSquares.bitPattern) \(s.errorMax.bitPattern) \(s.histogram.bins) "
                + "\(r.counterfactual.overflow) \(r.counterfactual.underflow) \(r.counterfactual.subnormal)"
        }
        outcome.updates = recorder.updates.map { "\($0.0) \($0.1)" }
        outcome.drifts = recorder.drifts.map { "\($0.0) \($0.1) \($0.2)" }
        outcome.budgets = recorder.budgets
        return outcome
    }

    @Test func trainingStepsAreBitIdenticalForEveryThreadCount() {
        let outcomes = Self.threadCounts.map { Self.twoSteps(threads: $0) }
        // The premise: the run did produce events and error sums to compare.
        #expect(outcomes[0].rounding.count > 20 && outcomes[0].drifts.count == 6 && outcomes[0].updates.count == 12)
        #expect(outcomes[0].budgets.count >= 12)
        for (threads, outcome) in zip(Self.threadCounts, outcomes).dropFirst() {
            #expect(outcome.losses == outcomes[0].losses, "losses differ at \(threads) threads")
            #expect(outcome.bits == outcomes[0].bits, "weights or velocities differ at \(threads) threads")
            #expect(outcome.rounding == outcomes[0].rounding, "rounding statistics differ at \(threads) threads")
            #expect(outcome.drifts == outcomes[0].drifts, "drift norms differ at \(threads) threads")
            #expect(outcome.updates == outcomes[0].updates, "lost updates differ at \(threads) threads")
            #expect(outcome.budgets == outcomes[0].budgets, "error budgets differ at \(threads) threads")
        }
    }

    /// The drift norm's sums over a tensor of 300,001 elements with the default chunks of 2^16
    /// (five chunks, the last one short): the same bits for every thread count.
    @Test func driftSumsWithDefaultChunks() {
        var g = SeededGenerator(seed: 3)
        let a = TestSupport.random([300_001], scale: 1e3, &g)
        let b = TestSupport.random([300_001], scale: 1e3, &g)
        var sums: [(UInt64, UInt64)] = []
        for threads in Self.threadCounts {
            let context = ExecutionContext(parallelism: ParallelChunks(threads: threads))
            let (d, r) = SequentialModel.squaredDistance(a, b, context: context)
            sums.append((d.bitPattern, r.bitPattern))
        }
        for s in sums.dropFirst() { #expect(s == sums[0]) }
    }
}

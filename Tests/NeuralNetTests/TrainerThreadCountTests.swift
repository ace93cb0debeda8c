import Testing
import NeuralNet
import _MPStudySupport
import _TestSupport

/// `--threads` changes how many panels and chunks run at once, never the numbers: training
/// through the real ``Trainer`` (GEMMs included) gives the same bits with 1, 2 and 3 threads,
/// with the default GEMM panels (one panel per product at these sizes) and with panels of 16
/// rows or columns (16 panels for the batch of 256, so threads do share every product).
///
/// The shapes are the ones where OpenBLAS's own threading changed the results (issue 11,
/// item 15): MNIST-sized inputs (k = 784), a narrow hidden layer (n = 64) and a 10-class
/// output layer (n = 10), batch 256. Before GEMM ran on fixed panels, the weights differed
/// between 1 and 2 threads after the first step.
@Suite struct TrainerThreadCountTests {
    static let threadCounts = [1, 2, 3]

    /// 640 synthetic 784-pixel images in 10 classes: 512 fit samples (two steps of 256), 128
    /// validation samples.
    static let data: LabeledImages = {
        let images = SyntheticImages(count: 640, features: 784, classes: 10, seed: 21)
        return LabeledImages(pixels: images.pixels, labels: images.labels, features: images.features)
    }()

    /// Losses (training and validation, as bits) and every weight and RMSprop velocity (as
    /// bits) after one epoch of two steps.
    struct Outcome: Equatable {
        var losses: [UInt64] = []
        var weights: [UInt32] = []
    }

    static func epoch(threads: Int, panels: GEMMPanels) throws -> Outcome {
        var configuration = TrainingConfiguration()
        configuration.epochs = 1
        configuration.batchSize = 256
        configuration.units = 64
        configuration.validationSplit = 0.2
        configuration.seed = 5
        configuration.threads = threads
        let trainer = try Trainer(configuration: configuration, data: data, classes: 10, gemmPanels: panels)
        let summaries = trainer.fit()
        var outcome = Outcome()
        for summary in summaries {
            outcome.losses += [summary.training.meanLoss.bitPattern, summary.validation?.meanLoss.bitPattern ?? 0]
        }
        trainer.model.forEachWeight { _, _, tensor in
            outcome.weights += tensor.array.map(\.bitPattern)
            outcome.weights += trainer.optimizer.velocity(for: tensor).array.map(\.bitPattern)
        }
        return outcome
    }

    @Test(arguments: [GEMMPanels(), GEMMPanels(minimumExtent: 16)])
    func oneEpochIsBitIdenticalForEveryThreadCount(panels: GEMMPanels) throws {
        let outcomes = try Self.threadCounts.map { try Self.epoch(threads: $0, panels: panels) }
        // The premise: two steps ran and moved the weights.
        #expect(outcomes[0].losses.count == 2 && outcomes[0].weights.contains { $0 != 0 })
        for (threads, outcome) in zip(Self.threadCounts, outcomes).dropFirst() {
            #expect(outcome.losses == outcomes[0].losses, "losses differ at \(threads) threads")
            let differing = zip(outcome.weights, outcomes[0].weights).filter { $0 != $1 }.count
            #expect(differing == 0, "\(differing) weights or velocities differ at \(threads) threads")
        }
    }
}

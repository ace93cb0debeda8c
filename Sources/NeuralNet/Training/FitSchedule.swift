//===--- FitSchedule.swift ------------------------------------------------===//
//
// Keras `fit` bookkeeping: validation split, steps per epoch, per-epoch shuffling.
//
//===----------------------------------------------------------------------===//

import _MPStudySupport

/// Which samples train and which validate, and how an epoch is cut into batches, as Keras
/// `Model.fit(x, y, batch_size=..., validation_split=..., shuffle=True)` does:
///
/// - The split comes first, on the arrays as given: `split_at = floor(n · (1 − split))`
///   (Keras's `train_validation_split`), samples `0..<split_at` train and the LAST
///   `n − split_at` validate. With `split == 0` nothing is held out. Keras refuses a split that
///   leaves either part empty; so does this type.
/// - Every epoch (the first included) the training samples are shuffled, then cut into
///   `ceil(train / batch)` batches in order; the last may be smaller. 48,000 / 8,192 gives
///   5 batches of 8,192 and one of 7,040: 6 steps, the blog's "6/6". The validation samples
///   are never shuffled.
public struct FitSchedule: Sendable, Equatable {
    public let sampleCount: Int
    public let batchSize: Int
    public let validationSplit: Double
    /// `split_at`: samples `0..<trainingCount` train.
    public let trainingCount: Int

    /// - Throws: ``TrainingConfigurationError/emptySplit(samples:validationSplit:)`` when the
    ///   split leaves no training or (for a non-zero split) no validation sample.
    public init(sampleCount: Int, batchSize: Int, validationSplit: Double) throws(TrainingConfigurationError) {
        precondition(batchSize > 0 && sampleCount >= 0)
        self.sampleCount = sampleCount
        self.batchSize = batchSize
        self.validationSplit = validationSplit
        if validationSplit == 0 {
            trainingCount = sampleCount
        } else {
            trainingCount = Int((Double(sampleCount) * (1.0 - validationSplit)).rounded(.down))
        }
        if trainingCount == 0 || (validationSplit > 0 && trainingCount == sampleCount) {
            throw .emptySplit(samples: sampleCount, validationSplit: validationSplit)
        }
    }

    /// Samples held out for validation (the last ones).
    public var validationCount: Int { sampleCount - trainingCount }
    /// Indices of the training samples.
    public var trainingRange: Range<Int> { 0..<trainingCount }
    /// Indices of the validation samples.
    public var validationRange: Range<Int> { trainingCount..<sampleCount }
    /// `ceil(trainingCount / batchSize)`.
    public var stepsPerEpoch: Int { (trainingCount + batchSize - 1) / batchSize }

    /// Positions in the epoch's permutation that batch `step` (0-based) covers.
    public func batch(_ step: Int) -> Range<Int> {
        precondition(step >= 0 && step < stepsPerEpoch)
        let lower = step * batchSize
        return lower..<min(lower + batchSize, trainingCount)
    }

    /// Shuffles `order` (which must hold the training indices) for the next epoch with
    /// ``RandomStreams/shuffle(_:_:)``.
    public func shuffle(_ order: inout [Int32], generator: inout SeededGenerator) {
        precondition(order.count == trainingCount)
        RandomStreams.shuffle(&order, &generator)
    }

    /// The training indices in their original order (start of the first shuffle).
    public func initialOrder() -> [Int32] { (0..<trainingCount).map { Int32($0) } }

    /// Batches of an evaluation pass over `count` samples with batches of `batchSize`, in order.
    public static func evaluationBatches(count: Int, batchSize: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: batchSize).map { $0..<min($0 + batchSize, count) }
    }
}

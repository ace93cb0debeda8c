//===--- Trainer.swift ----------------------------------------------------===//
//
// Keras `fit` and `evaluate` for the case-study model, in float32.
//
//===----------------------------------------------------------------------===//

import Precision
import _MPStudySupport

/// Progress after one training step, for progress lines and ETAs.
public struct StepProgress: Sendable {
    public let epoch: Int
    public let epochs: Int
    /// 1-based step inside the epoch.
    public let step: Int
    public let stepsPerEpoch: Int
    /// Running means over the epoch so far.
    public let running: BatchMetrics
    /// Seconds since ``Trainer/fit(observer:)`` started.
    public let elapsedSeconds: Double
    /// Estimated seconds until training and the final test evaluation end.
    public let remainingSeconds: Double

    /// One line, e.g. `Epoch 2/5  step 3/6  loss: 0.4123 - accuracy: 0.8765  elapsed 1m02s  ETA 3m10s`.
    public var line: String {
        "Epoch \(epoch)/\(epochs)  step \(step)/\(stepsPerEpoch)  loss: \(KerasFormat.metric(running.meanLoss))"
            + " - accuracy: \(KerasFormat.metric(running.accuracy))  elapsed \(KerasFormat.duration(elapsedSeconds))"
            + "  ETA \(KerasFormat.duration(remainingSeconds))"
    }
}

/// What ``Trainer/fit(observer:)`` reports while it runs.
public enum TrainingEvent: Sendable {
    /// An epoch begins (Keras prints `Epoch e/E`).
    case epochStarted(epoch: Int, epochs: Int)
    /// A training step ended.
    case stepFinished(StepProgress)
    /// The epoch's training steps ended; validation starts (if any).
    case validationStarted(epoch: Int)
    /// The epoch ended, validation included.
    case epochFinished(EpochSummary)
    /// Training stopped: the step's loss was not finite and its update was applied, so the
    /// weights are no longer usable (e.g. float16 without loss scaling).
    case diverged(step: Int, reason: String)
}

/// Loss and accuracy of an inference-mode pass (Keras `evaluate`).
public struct EvaluationResult: Sendable {
    public let metrics: BatchMetrics
    public let steps: Int
    public let seconds: Double

    /// Keras `evaluate(verbose=2)` style: `2/2 - 3s - loss: 0.2674 - accuracy: 0.9247`.
    public var kerasLine: String {
        "\(steps)/\(steps) - \(Int(seconds.rounded()))s - loss: \(KerasFormat.metric(metrics.meanLoss)) - accuracy: \(KerasFormat.metric(metrics.accuracy))"
    }
}

/// Trains the case-study model as Keras `model.fit(x_train, y_train, batch_size, epochs,
/// validation_split)` does, and evaluates it as `model.evaluate(x_test, y_test)`.
///
/// Per epoch: shuffle the training part (``FitSchedule``), run the steps (gather + /255,
/// forward, loss, backward, RMSprop), keep running means of loss and accuracy weighted by
/// batch size, then evaluate the validation part in inference mode (no gradients, no
/// update; batches of ``TrainingConfiguration/evaluationBatchSize``).
///
/// Everything is allocated before the first step. The same configuration gives the same
/// numbers on the same machine (and OpenBLAS core), whatever its thread count: elementwise
/// work and reductions run on fixed chunks, matrix products on fixed panels (``GEMM``).
public final class Trainer {
    public let configuration: TrainingConfiguration
    public let model: SequentialModel
    public let optimizer: RMSprop
    public let context: ExecutionContext
    /// The loss scale over training (Keras `LossScaleOptimizer` semantics).
    public private(set) var lossScaler: LossScaler
    /// The step at which training diverged, if it did.
    public private(set) var divergedAtStep: Int?
    public let schedule: FitSchedule
    /// The training arrays as given to `fit` (training part and validation part).
    public let data: LabeledImages
    /// Training steps done so far.
    public private(set) var stepsDone = 0
    /// Work done during training steps only (not evaluation).
    public private(set) var trainingProfile = ProfileSnapshot.zero
    /// Wall time of all training steps so far.
    public private(set) var trainingSeconds = 0.0
    /// Wall time and GEMM flops of the first training step (nil before it).
    public private(set) var firstStep: (seconds: Double, flops: Double)?

    private var streams: RandomStreams
    private var order: [Int32]
    private let gatherer: BatchGatherer

    /// Builds the model (initialised from the seed), the optimizer, the schedule and every
    /// buffer. Work runs `configuration.threads` chunks or GEMM panels at a time; `gemmPanels`
    /// is the default cut (tests choose small panels to run many of them on small shapes).
    public init(
        configuration: TrainingConfiguration, data: LabeledImages, classes: Int,
        probe: any LayerProbe = NoProbe(), gemmPanels: GEMMPanels = GEMMPanels()
    ) throws(TrainingConfigurationError) {
        try configuration.validate()
        self.configuration = configuration
        self.data = data
        schedule = try FitSchedule(
            sampleCount: data.count, batchSize: configuration.batchSize,
            validationSplit: configuration.validationSplit)
        streams = RandomStreams(seed: configuration.seed)
        model = SequentialModel(
            inputSize: data.features, hiddenUnits: [configuration.units, configuration.units],
            classes: classes, generator: &streams.initialization)
        optimizer = RMSprop(
            learningRate: configuration.learningRate, epsilonPlacement: configuration.rmspropEpsilon,
            variableFormat: configuration.policy.variable)
        context = ExecutionContext(
            parallelism: ParallelChunks(threads: configuration.threads), gemmPanels: gemmPanels,
            probe: probe, policy: configuration.policy, roundingSeed: configuration.seed ^ 0x5354_4F43_4841_5354)
        lossScaler = LossScaler(configuration.lossScaling ?? configuration.policy.defaultLossScaling)
        let capacity = max(min(configuration.batchSize, schedule.trainingCount), 1)
        let evalCapacity = max(configuration.evaluationBatchSize, 1)
        let rows = max(capacity, min(evalCapacity, max(schedule.validationCount, data.count)))
        model.reserve(batchCapacity: rows)
        model.reservePrecision(configuration.policy, shadow: false)
        if configuration.policy.variable != .float32 {
            model.roundVariables(to: configuration.policy.variable, context: context)
        }
        gatherer = BatchGatherer(batchCapacity: rows, features: data.features)
        order = schedule.initialOrder()
        for layer in model.denseLayers {
            _ = optimizer.velocity(for: layer.kernel)
            _ = optimizer.velocity(for: layer.bias)
        }
    }

    /// Runs `configuration.epochs` epochs; `observer` sees every step and epoch.
    @discardableResult
    public func fit(observer: (TrainingEvent) -> Void = { _ in }) -> [EpochSummary] {
        var summaries: [EpochSummary] = []
        let fitStart = StepProfiler.now()
        var lastValidationSeconds: Double?
        let epochs = configuration.epochs
        for epoch in 1...max(epochs, 1) where epochs > 0 {
            observer(.epochStarted(epoch: epoch, epochs: epochs))
            context.epoch = epoch
            schedule.shuffle(&order, generator: &streams.shuffling)
            let epochStart = StepProfiler.now()
            let profileStart = context.profiler.snapshot()
            var running = BatchMetrics()
            var epochTrainingSeconds = 0.0
            for step in 0..<schedule.stepsPerEpoch {
                let stepStart = StepProfiler.now()
                let before = context.profiler.snapshot()
                context.phase = .training
                context.batch = step
                context.step = stepsDone + 1
                let positions = schedule.batch(step)
                order.withUnsafeBufferPointer { all in
                    gatherer.gather(data, indices: UnsafeBufferPointer(rebasing: all[positions]), context: context)
                }
                let outcome = model.trainStep(
                    gatherer.input, labels: gatherer.labels, optimizer: optimizer,
                    lossScaler: &lossScaler, context: context)
                running += outcome.metrics
                stepsDone += 1
                let seconds = Double(StepProfiler.now() &- stepStart) / 1e9
                context.precisionProbe?.observeStep(
                    StepEvent(
                        position: context.position, metrics: outcome.metrics, lossScale: outcome.lossScale,
                        skipped: outcome.skipped, nonFiniteGradients: outcome.nonFiniteGradients, seconds: seconds))
                epochTrainingSeconds += seconds
                trainingSeconds += seconds
                let delta = context.profiler.snapshot().subtracting(before)
                if firstStep == nil { firstStep = (seconds, delta.gemmFlops) }
                trainingProfile = ProfileSnapshot(
                    nanoseconds: zip(trainingProfile.nanoseconds, delta.nanoseconds).map { $0 &+ $1 },
                    gemmFlops: trainingProfile.gemmFlops + delta.gemmFlops)
                let elapsed = Double(StepProfiler.now() &- fitStart) / 1e9
                observer(
                    .stepFinished(
                        StepProgress(
                            epoch: epoch, epochs: epochs, step: step + 1, stepsPerEpoch: schedule.stepsPerEpoch,
                            running: running, elapsedSeconds: elapsed,
                            remainingSeconds: remainingSeconds(
                                epoch: epoch, stepInEpoch: step + 1,
                                lastValidationSeconds: lastValidationSeconds))))
                if !outcome.metrics.meanLoss.isFinite && !outcome.skipped {
                    divergedAtStep = stepsDone
                    let loss = outcome.metrics.meanLoss.isNaN ? "NaN" : "\(outcome.metrics.meanLoss)"
                    observer(
                        .diverged(
                            step: stepsDone,
                            reason: "the loss is \(loss) (epoch \(epoch), batch \(step + 1)) "
                                + "and the update was applied"))
                    return summaries
                }
            }
            let profile = context.profiler.snapshot().subtracting(profileStart)
            var validation: BatchMetrics?
            if schedule.validationCount > 0 {
                observer(.validationStarted(epoch: epoch))
                let result = evaluate(data, range: schedule.validationRange, phase: .validation)
                validation = result.metrics
                lastValidationSeconds = result.seconds
            }
            let summary = EpochSummary(
                epoch: epoch, epochs: epochs, steps: schedule.stepsPerEpoch, training: running,
                validation: validation, trainingSeconds: epochTrainingSeconds,
                seconds: Double(StepProfiler.now() &- epochStart) / 1e9, profile: profile)
            summaries.append(summary)
            observer(.epochFinished(summary))
        }
        return summaries
    }

    /// Inference-mode loss and accuracy over `range` of `source` (all of it by default), in
    /// order, in batches of ``TrainingConfiguration/evaluationBatchSize``.
    public func evaluate(_ source: LabeledImages, range: Range<Int>? = nil, phase: ModelPhase = .test)
        -> EvaluationResult
    {
        precondition(source.features == data.features)
        let start = StepProfiler.now()
        let span = range ?? 0..<source.count
        let savedPhase = context.phase
        context.phase = phase
        context.step = stepsDone
        defer { context.phase = savedPhase }
        let batchRows = min(configuration.evaluationBatchSize, model.batchCapacity)
        var total = BatchMetrics()
        let batches = FitSchedule.evaluationBatches(count: span.count, batchSize: batchRows)
        for (i, batch) in batches.enumerated() {
            context.batch = i
            gatherer.gather(
                source, range: (span.lowerBound + batch.lowerBound)..<(span.lowerBound + batch.upperBound),
                context: context)
            total += model.evaluate(gatherer.input, labels: gatherer.labels, context: context)
        }
        return EvaluationResult(
            metrics: total, steps: batches.count, seconds: Double(StepProfiler.now() &- start) / 1e9)
    }

    /// SHA-256 over every kernel and bias (layer order, kernel then bias, little-endian
    /// float32 bytes): a one-line fingerprint to compare runs bit for bit.
    public func weightsDigest() -> String {
        var hasher = SHA256()
        model.forEachWeight { _, _, tensor in
            hasher.update(UnsafeRawBufferPointer(tensor.readOnlyBuffer))
        }
        return SHA256.hex(hasher.finalize())
    }

    /// Per-step profile of all training steps so far (without the FMA peak: the caller
    /// measures it when it wants the comparison, see ``FMAPeak``).
    public var profileReport: ProfileReport {
        ProfileReport(profile: trainingProfile, steps: stepsDone, stepSeconds: trainingSeconds, firstStep: firstStep)
    }

    /// Remaining time: mean step time × steps left, plus the validation passes left (their
    /// last duration, or before the first one a third of a step per batch of samples, since
    /// a forward pass is a third of a step's matrix products), plus the test pass.
    private func remainingSeconds(epoch: Int, stepInEpoch: Int, lastValidationSeconds: Double?) -> Double {
        let perStep = trainingSeconds / Double(max(stepsDone, 1))
        let stepsLeft = (configuration.epochs - epoch) * schedule.stepsPerEpoch + (schedule.stepsPerEpoch - stepInEpoch)
        let perSample = perStep / Double(configuration.batchSize) / 3
        let validation = lastValidationSeconds ?? perSample * Double(schedule.validationCount)
        let validationsLeft = schedule.validationCount > 0 ? configuration.epochs - epoch + 1 : 0
        let test = perSample * 10_000
        return perStep * Double(stepsLeft) + validation * Double(validationsLeft) + test
    }
}

//===--- AnalysisSession.swift --------------------------------------------===//
//
// One analysis run: train under a policy with the analyzer attached, evaluate, and
// assemble the run record.
//
//===----------------------------------------------------------------------===//

import NeuralNet
import Precision

/// Trains the case-study model under `settings.policy` with a ``PrecisionAnalyzer`` attached
/// and returns the ``RunRecord``: every step's records, the epochs' Keras metrics, the test
/// evaluation, and, if training diverged, where and why (the record then holds what happened
/// up to the divergence and no test evaluation).
///
/// The float32 shadow pass is not run under a float32 compute format: the shadow would be
/// the very same computation (drift 0 by construction).
public struct AnalysisSession {
    public let settings: AnalysisSettings
    public let policy: PrecisionPolicy
    /// How many GEMM panels and elementwise chunks run at once (the numbers do not depend on
    /// it; the record's environment keeps it).
    public let threads: Int

    /// Checks the policy name (the other settings are checked by ``TrainingConfiguration``).
    public init(settings: AnalysisSettings, threads: Int = 1) throws(AnalysisInputError) {
        guard let named = PrecisionPolicy(name: settings.policy) else {
            throw .unknownPolicy(settings.policy, valid: PrecisionPolicy.validNames)
        }
        var policy = named
        if let recipe = settings.recipe {
            guard recipe.kind == named.recipe?.kind else {
                throw .invalidRecipe(
                    policy: settings.policy, reason: "the recipe options are those of \(recipe.kind.rawValue)")
            }
            if let problem = recipe.problem { throw .invalidRecipe(policy: settings.policy, reason: problem) }
            policy = named.with(recipe: recipe)
        }
        self.settings = settings
        self.policy = policy
        self.threads = threads
    }

    /// The trainer's configuration for these settings.
    public var trainingConfiguration: TrainingConfiguration {
        var c = TrainingConfiguration()
        c.policy = policy
        c.lossScaling = settings.lossScaling
        c.epochs = settings.epochs
        c.batchSize = settings.batchSize
        c.units = settings.units
        c.seed = settings.seed
        c.validationSplit = settings.validationSplit
        c.learningRate = settings.learningRate
        c.threads = threads
        return c
    }

    /// Runs training and the test evaluation (`test` nil: skipped, e.g. in tests).
    ///
    /// `observer` sees the trainer's events (progress, epochs, divergence) as they happen;
    /// `trained` receives the time split of the training steps when training ends (for
    /// `--profile`; it is not part of the record, whose numbers do not depend on timing).
    /// `environment` needs only its command line: the BLAS line, cores, threads and rounding
    /// kernels are filled in from the run. `dump` receives the rounded tensors of the steps it
    /// wants (`--dump-tensors`).
    public func run(
        train: LabeledImages, test: LabeledImages?, classes: Int, environment: RunEnvironment,
        dump: (any TensorDump)? = nil,
        trained: (ProfileReport) -> Void = { _ in },
        observer: (TrainingEvent) -> Void = { _ in }
    ) throws -> RunRecord {
        var effective = settings
        // A float32 shadow of float32 would measure nothing (a recipe's float32 compute still
        // quantises the GEMM operands); the error budget runs at the requested interval for every
        // policy (under float32 it is the accumulation error alone).
        if policy.compute == .float32 && policy.recipe == nil { effective.shadowEvery = 0 }
        let analyzer = PrecisionAnalyzer(
            layers: Self.layerNames, shadowEvery: effective.shadowEvery, errorBudgetEvery: settings.shadowEvery,
            dump: dump)
        let trainer = try Trainer(configuration: trainingConfiguration, data: train, classes: classes, probe: analyzer)
        var epochs: [EpochRecord] = []
        var divergence: Divergence?
        trainer.fit { event in
            switch event {
            case .epochFinished(let summary):
                epochs.append(EpochRecord(summary))
            case let .diverged(step, reason):
                divergence = Divergence(step: step, reason: reason)
            default:
                break
            }
            observer(event)
        }
        trained(trainer.profileReport)
        var testRecord: EvaluationRecord?
        if divergence == nil, let test {
            let result = trainer.evaluate(test, phase: .test)
            testRecord = EvaluationRecord(metrics: MetricsRecord(result.metrics), seconds: result.seconds)
        }
        var env = environment
        env.blas = BLASRuntime.summary
        env.cores = BLASRuntime.availableCores
        env.threads = threads
        env.vectorRoundingKernels = trainer.context.rounder.usesVectorKernels
        return RunRecord(
            settings: effective, environment: env, layers: trainer.model.layerNames,
            parameters: trainer.model.parameterCount, trainingSamples: trainer.schedule.trainingCount,
            validationSamples: trainer.schedule.validationCount, testSamples: test?.count ?? 0,
            stepsPerEpoch: trainer.schedule.stepsPerEpoch, steps: analyzer.stepRecords, epochs: epochs,
            test: testRecord, divergence: divergence)
    }
}

extension AnalysisSession {
    /// The case-study model's layer names (`dense_1, dense_2, dense_logits, predictions`),
    /// read off a one-unit model of the same architecture, so that `--layer` can be checked
    /// before the data is loaded (the names do not depend on the unit count).
    public static var layerNames: [String] {
        SequentialModel.caseStudy(inputSize: 1, units: 1, classes: 2, seed: 0).layerNames
    }
}

extension MetricsRecord {
    /// From NeuralNet's batch metrics.
    public init(_ m: BatchMetrics) {
        self.init(samples: m.count, loss: m.meanLoss, accuracy: m.accuracy)
    }
}

extension EpochRecord {
    /// From the trainer's epoch summary.
    public init(_ s: EpochSummary) {
        self.init(
            epoch: s.epoch, steps: s.steps, training: MetricsRecord(s.training),
            validation: s.validation.map(MetricsRecord.init), trainingSeconds: s.trainingSeconds, seconds: s.seconds)
    }
}

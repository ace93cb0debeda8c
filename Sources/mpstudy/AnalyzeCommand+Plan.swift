import Foundation
import Analyzer
import NeuralNet
import Precision
import Reporter

/// Everything `mpstudy analyze` will do, checked before any work: one ``AnalysisSettings``
/// per policy to run (the primary first) and the report folders.
struct AnalysisPlan {
    let runs: [AnalysisSettings]
    /// How many GEMM panels and elementwise chunks run at once (`--threads`, default all
    /// cores): not a setting, since the numbers do not depend on it.
    let threads: Int
    /// The primary report folder.
    let outputPath: String
    /// Subfolder of each run inside ``outputPath`` ("" for the primary).
    let subfolderNames: [String]

    /// Checks and maps the command's options: the primary policy's configuration through
    /// ``ModelRunOptions/trainingConfiguration(policy:)`` (the rules `train` applies), then each
    /// compared policy with the same options and its own Keras-default loss scaling; the recipe
    /// options apply to every recipe policy, and one that none of the policies uses is refused.
    init(_ command: AnalyzeCommand) throws {
        var compared = Selection(merging: command.compare, absent: Selection([])).values
        compared.removeAll { $0 == command.policy }
        try command.recipe.check([command.policy] + compared)
        let primary = try command.model.trainingConfiguration(policy: try command.recipe.applied(to: command.policy))
        compared = try compared.map { policy throws(RecipeOptionError) in try command.recipe.applied(to: policy) }

        // Shown in model order and tensor-group order, whatever the order named.
        let named = Selection(merging: command.layers, absent: .all).values.map(\.name)
        let layers = LayerSelection(layers: ModelLayer.names.filter(named.contains))
        let tensors = TensorSelection(groups: Selection(merging: command.tensors, absent: .all).values)
        func settings(_ configuration: TrainingConfiguration) -> AnalysisSettings {
            AnalysisSettings(
                configuration, data: command.model.data, shadowEvery: command.shadowEvery,
                layers: layers, tensors: tensors)
        }
        threads = primary.threads
        runs =
            [settings(primary)]
            + compared.map { policy in
                var configuration = primary
                configuration.policy = policy
                configuration.lossScaling = nil
                return settings(configuration)
            }
        outputPath = command.output ?? Self.defaultOutput(runs[0], compared: compared)
        subfolderNames = [""] + compared.map(\.name)
    }

    /// `Reports/<policy>-u<units>-b<batch>-e<epochs>-s<seed>[-loss-scale-<scaling>][-vs-<policy>...]`;
    /// the loss scaling is named only when given on the command line, so that runs of one
    /// policy with and without scaling do not overwrite each other.
    static func defaultOutput(_ s: AnalysisSettings, compared: [PrecisionPolicy]) -> String {
        "Reports/\(s.policy)-u\(s.units)-b\(s.batchSize)-e\(s.epochs)-s\(s.seed)"
            + (s.lossScalingExplicit
                ? "-loss-scale-" + s.lossScaling.shortName.split(separator: " ").joined(separator: "-") : "")
            + compared.map { "-vs-\($0.name)" }.joined()
    }

    /// Checks the report folder before any work, creating nothing (``RunFolderTarget``: new,
    /// empty, or a run folder mpstudy wrote, in a writable place), and removes the temporaries
    /// that killed runs left beside it.
    func checkOutput() throws(AnalysisInputError) -> RunFolderTarget {
        do {
            let target = try RunFolderTarget(checking: outputPath)
            target.removeAbandonedTemporaries()
            return target
        } catch {
            throw AnalysisInputError.outputNotWritable(path: error.path, reason: error.reason)
        }
    }
}

extension AnalysisPlan {
    /// The report folder's path when it already holds a readable run.json of the primary
    /// run's options (everything but the thread count, the data path and what is shown), else nil.
    func completeRun() -> String? {
        let file = outputPath + "/run.json"
        guard FileManager.default.fileExists(atPath: file), let record = try? RunFolderReader.record(at: file),
            record.divergence != nil || record.test != nil, let wanted = runs.first
        else { return nil }
        var found = record.settings
        found.threads = wanted.threads
        found.data = wanted.data
        found.layers = wanted.layers
        found.tensors = wanted.tensors
        return found == wanted ? outputPath : nil
    }
}

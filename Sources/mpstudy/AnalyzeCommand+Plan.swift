import Analyzer
import NeuralNet
import Precision
import Reporter

/// Everything `mpstudy analyze` will do, checked before any work: one ``AnalysisSettings``
/// per policy to run (the primary first) and the report folders.
struct AnalysisPlan {
    let runs: [AnalysisSettings]
    /// The primary report folder.
    let outputPath: String
    /// Subfolder of each run inside ``outputPath`` ("" for the primary).
    let subfolderNames: [String]

    init(_ command: AnalyzeCommand) throws {
        guard let policy = PrecisionPolicy(name: command.policy) else {
            throw AnalysisInputError.unknownPolicy(command.policy, valid: PrecisionPolicy.validNames)
        }
        var compared: [PrecisionPolicy] = []
        for value in command.compare {
            for part in value.split(separator: ",", omittingEmptySubsequences: true) {
                let name = String(part)
                guard let other = PrecisionPolicy(name: name) else {
                    throw AnalysisInputError.unknownPolicy(name, valid: PrecisionPolicy.validNames)
                }
                if other != policy && !compared.contains(other) { compared.append(other) }
            }
        }
        var lossScaling = policy.defaultLossScaling
        if let argument = command.model.lossScale {
            guard let parsed = LossScaling(argument: argument) else { throw AnalysisInputError.invalidLossScale(argument) }
            lossScaling = parsed
        }
        for (name, value) in [("epochs", command.model.epochs), ("batch size", command.model.batchSize), ("units", command.model.units)] where value <= 0 {
            throw AnalysisInputError.notPositive(name: name, value: String(value))
        }
        if let threads = command.model.threads, threads <= 0 {
            throw AnalysisInputError.notPositive(name: "threads", value: String(threads))
        }
        if command.shadowEvery < 0 {
            throw AnalysisInputError.notPositive(name: "shadow-every (0 turns it off)", value: String(command.shadowEvery))
        }
        let layers = try LayerSelection(parsing: command.layers, available: AnalysisSession.layerNames)
        let tensors = try TensorSelection(parsing: command.tensors)

        func settings(_ p: PrecisionPolicy, _ scaling: LossScaling, explicit: Bool) -> AnalysisSettings {
            AnalysisSettings(
                policy: p.name, computeFormat: p.compute, variableFormat: p.variable, lossScaling: scaling,
                lossScalingExplicit: explicit, epochs: command.model.epochs, batchSize: command.model.batchSize, units: command.model.units,
                seed: command.model.seed, validationSplit: command.model.validationSplit, learningRate: command.model.learningRate,
                threads: command.model.threads ?? BLASRuntime.availableCores, data: command.model.data,
                shadowEvery: command.shadowEvery, layers: layers, tensors: tensors)
        }
        runs = [settings(policy, lossScaling, explicit: command.model.lossScale != nil)]
            + compared.map { settings($0, $0.defaultLossScaling, explicit: false) }
        // The trainer's own checks (validation split, learning rate, ...) before any work.
        for run in runs { try AnalysisSession(settings: run).trainingConfiguration.validate() }

        outputPath = command.output ?? Self.defaultOutput(runs[0], compared: compared)
        subfolderNames = [""] + compared.map(\.name)
    }

    /// `Reports/<policy>-u<units>-b<batch>-e<epochs>-s<seed>[-loss-scale-<scaling>][-vs-<policy>...]`;
    /// the loss scaling is named only when given on the command line, so that runs of one
    /// policy with and without scaling do not overwrite each other.
    static func defaultOutput(_ s: AnalysisSettings, compared: [PrecisionPolicy]) -> String {
        "Reports/\(s.policy)-u\(s.units)-b\(s.batchSize)-e\(s.epochs)-s\(s.seed)"
            + (s.lossScalingExplicit ? "-loss-scale-" + s.lossScaling.shortName.split(separator: " ").joined(separator: "-") : "")
            + compared.map { "-vs-\($0.name)" }.joined()
    }

    /// Creates every report folder and proves it writable (before training starts).
    func prepareFolders() throws -> [OutputFolder] {
        do {
            let primary = try OutputFolder(preparing: outputPath)
            return try [primary] + subfolderNames.dropFirst().map { name throws(ReportWriteError) in
                try OutputFolder(preparing: primary.file(name))
            }
        } catch {
            throw AnalysisInputError.outputNotWritable(path: error.path, reason: error.reason)
        }
    }
}

import ArgumentParser
import Foundation
import NeuralNet
import Precision
import Reporter

/// The grid of `mpstudy sweep`, from the command line (`--policy a,b --seeds 0-9 --units
/// 64,4096 ...`) or from a study file (`--study-file grid.json`), never both.
struct SweepGridOptions: ParsableArguments {
    @Option(help: "Policies of the grid (comma-separated).")
    var policy: Selection<PrecisionPolicy>?

    @Option(help: "Seeds: comma-separated seeds and ascending ranges, e.g. 0-9 or 0-4,10.")
    var seeds: String?

    @Option(
        name: .customLong("loss-scale"),
        help:
            "Loss scalings of the grid (dynamic, none, or a fixed scale; comma-separated). Default: each policy's Keras default."
    )
    var lossScales: String?

    @Option(help: "Units of the hidden layers (comma-separated). Default: 4096.")
    var units: String?

    @Option(help: "Epochs (comma-separated). Default: 5.")
    var epochs: String?

    @Option(name: .customLong("batch-size"), help: "Batch sizes (comma-separated). Default: 8192.")
    var batchSizes: String?

    @Option(name: .customLong("learning-rate"), help: "RMSprop learning rates (comma-separated). Default: 0.001.")
    var learningRates: String?

    @Option(
        name: .customLong("study-file"),
        help:
            "A JSON study file instead of the grid options: {\"policies\": [...], \"seeds\": \"0-9\", \"lossScales\": [...], \"units\": [...], \"epochs\": [...], \"batchSizes\": [...], \"learningRates\": [...]} (only policies and seeds required)."
    )
    var studyFile: String?

    /// The grid asked for, checked: known policies, valid numbers, at least one run.
    func grid() throws -> StudyGrid {
        if let studyFile {
            let given = [
                policy != nil, seeds != nil, lossScales != nil, units != nil, epochs != nil, batchSizes != nil,
                learningRates != nil,
            ]
            guard !given.contains(true) else {
                throw SweepUsageError(
                    "--study-file gives the whole grid; do not add grid options (--policy, --seeds, ...)")
            }
            return try Self.grid(fromFile: studyFile)
        }
        guard let policy else { throw SweepUsageError("the grid has no policies: give --policy (or --study-file)") }
        guard let seeds else { throw SweepUsageError("the grid has no seeds: give --seeds, e.g. --seeds 0-9") }
        return try Self.checked(
            StudyGrid(
                policies: policy.values.map(\.name), seeds: try Self.seeds(seeds),
                lossScales: try lossScales.map { try Self.lossScales($0) } ?? [],
                units: try units.map { try Self.integers($0, "units") } ?? [4096],
                epochs: try epochs.map { try Self.integers($0, "epochs") } ?? [5],
                batchSizes: try batchSizes.map { try Self.integers($0, "batch-size") } ?? [8192],
                learningRates: try learningRates.map { try Self.numbers($0, "learning-rate") } ?? [0.001]))
    }

    static func seeds(_ text: String) throws -> [UInt64] {
        do { return try SeedList.parse(text) } catch { throw SweepUsageError(error.description) }
    }

    static func items(_ text: String, _ option: String) throws -> [String] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard !items.contains(where: \.isEmpty) else { throw SweepUsageError("--\(option) '\(text)': an empty item") }
        return items
    }

    static func integers(_ text: String, _ option: String) throws -> [Int] {
        try items(text, option).map { item in
            guard let value = Int(item) else {
                throw SweepUsageError("--\(option) '\(text)': '\(item)' is not an integer")
            }
            return value
        }
    }

    static func numbers(_ text: String, _ option: String) throws -> [Double] {
        try items(text, option).map { item in
            guard let value = Double(item), value.isFinite else {
                throw SweepUsageError("--\(option) '\(text)': '\(item)' is not a finite number")
            }
            return value
        }
    }

    static func lossScales(_ text: String) throws -> [String] {
        try items(text, "loss-scale").map { item in
            guard LossScaling(argument: item) != nil else {
                throw SweepUsageError("--loss-scale '\(item)': valid: " + LossScaling.commandLineValues)
            }
            return item.lowercased()
        }
    }

    /// Refuses an empty or repeating grid and any run whose training numbers are invalid
    /// (the one rule of ``TrainingConfiguration/validate()``).
    static func checked(_ grid: StudyGrid) throws -> StudyGrid {
        if let problem = grid.problem { throw SweepUsageError(problem) }
        for run in grid.runs {
            var configuration = TrainingConfiguration()
            guard let policy = PrecisionPolicy.matching(run.policy) else {
                throw SweepUsageError("unknown policy '\(run.policy)' in the grid; valid: \(PrecisionPolicy.validList)")
            }
            configuration.policy = policy
            configuration.lossScaling = run.lossScale.flatMap { LossScaling(argument: $0) }
            configuration.units = run.units
            configuration.epochs = run.epochs
            configuration.batchSize = run.batchSize
            configuration.learningRate = run.learningRate
            configuration.seed = run.seed
            do { try configuration.validate() } catch { throw SweepUsageError("run \(run.id): \(error)") }
            if let problem = RunFolderName.problem(with: run.id) {
                throw SweepUsageError("run \(run.id): its folder name is not usable: \(problem)")
            }
        }
        return grid
    }

    /// A study file's grid: the same names and checks as the options.
    static func grid(fromFile path: String) throws -> StudyGrid {
        struct File: Decodable {
            var policies: [String]?
            var seeds: SeedsValue?
            var lossScales: [String]?
            var units: [Int]?
            var epochs: [Int]?
            var batchSizes: [Int]?
            var learningRates: [Double]?
        }
        enum SeedsValue: Decodable {
            case text(String)
            case list([UInt64])
            init(from decoder: Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let text = try? container.decode(String.self) {
                    self = .text(text)
                } else {
                    self = .list(try container.decode([UInt64].self))
                }
            }
        }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            (attributes[.type] as? FileAttributeType) == .typeRegular, let size = attributes[.size] as? Int
        else { throw SweepDataError("cannot read the study file '\(path)': no such file") }
        guard size <= 1 << 20, let data = FileManager.default.contents(atPath: path) else {
            throw SweepDataError("cannot read the study file '\(path)': not readable or larger than 1 MiB")
        }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch {
            throw SweepUsageError("the study file '\(path)' is not a JSON grid: \(RunFolderReader.describe(error))")
        }
        guard let policies = file.policies, !policies.isEmpty else {
            throw SweepUsageError("the study file '\(path)' has no policies: it has no runs")
        }
        let names = try policies.map { name in
            guard let policy = PrecisionPolicy.matching(name) else {
                throw SweepUsageError("unknown policy '\(name)' in '\(path)'; valid: \(PrecisionPolicy.validList)")
            }
            return policy.name
        }
        let seeds: [UInt64]
        switch file.seeds {
        case .text(let text)?: seeds = try Self.seeds(text)
        case .list(let list)?: seeds = list
        case nil: throw SweepUsageError("the study file '\(path)' has no seeds: it has no runs")
        }
        return try checked(
            StudyGrid(
                policies: names, seeds: seeds,
                lossScales: try (file.lossScales ?? []).map { try Self.lossScales($0) }.flatMap { $0 },
                units: file.units ?? [4096], epochs: file.epochs ?? [5], batchSizes: file.batchSizes ?? [8192],
                learningRates: file.learningRates ?? [0.001]))
    }
}

/// A sweep's command line is wrong (exit 64).
struct SweepUsageError: UsageError, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A sweep cannot go on: a folder, a file or an engine is missing or refused (exit 1).
struct SweepDataError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

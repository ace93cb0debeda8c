//===--- StudyRun.swift ---------------------------------------------------===//
//
// One run of a study: its options, its stable id and its analyze command line.
//
//===----------------------------------------------------------------------===//

/// One point of a ``StudyGrid``: the options of one `mpstudy analyze` run.
public struct StudyRun: Sendable, Equatable, Codable {
    public var policy: String
    public var seed: UInt64
    /// The `--loss-scale` word, or nil for the policy's default.
    public var lossScale: String?
    public var units: Int
    public var epochs: Int
    public var batchSize: Int
    public var learningRate: Double
    /// The run's folder name under `runs/`: the policy, the axes that vary in the grid, the
    /// seed (`mixed_float16-s3`, `float16-ls-none-u64-s0`). Stable: the same grid gives the
    /// same ids, so a resumed study finds its runs.
    public var id: String
    /// The id without the seed: the runs of one configuration share it.
    public var configuration: String

    /// Which axes appear in names (those with more than one value, and the loss scale when
    /// the grid sets it).
    struct Naming: Sendable, Equatable {
        var lossScale: Bool
        var units: Bool
        var epochs: Bool
        var batchSize: Bool
        var learningRate: Bool
    }

    init(
        policy: String, seed: UInt64, lossScale: String?, units: Int, epochs: Int, batchSize: Int,
        learningRate: Double, naming: Naming
    ) {
        self.policy = policy
        self.seed = seed
        self.lossScale = lossScale
        self.units = units
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        var name = policy
        if naming.lossScale, let lossScale { name += "-ls-" + Self.plain(lossScale) }
        if naming.units { name += "-u\(units)" }
        if naming.epochs { name += "-e\(epochs)" }
        if naming.batchSize { name += "-b\(batchSize)" }
        if naming.learningRate { name += "-lr" + Self.plain(learningRate.description) }
        configuration = name
        id = name + "-s\(seed)"
    }

    /// `text` with every character other than a letter, digit, '.', '_' or '-' made '_'.
    static func plain(_ text: String) -> String {
        String(
            text.map { c in
                c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "_" || c == "-") ? c : "_"
            })
    }

    /// The options of `mpstudy analyze` for this run (without the program, the output folder
    /// and the thread count, which the engine adds).
    public func analyzeOptions(data: String, shadowEvery: Int?) -> [String] {
        var options = [
            "--policy", policy, "--seed", String(seed), "--epochs", String(epochs), "--batch-size", String(batchSize),
            "--units", String(units), "--learning-rate", learningRate.description, "--data", data,
        ]
        if let lossScale { options += ["--loss-scale", lossScale] }
        if let shadowEvery { options += ["--shadow-every", String(shadowEvery)] }
        return options
    }
}

//===--- StudyGrid.swift --------------------------------------------------===//
//
// A study's grid: the values of each model option, whose product is the study's runs.
//
//===----------------------------------------------------------------------===//

/// The grid of a study: every combination of these values is one `mpstudy analyze` run.
///
/// Values are kept as the command line names them (policy names, `--loss-scale` words) so
/// the grid reads the same in study.json, jobs.txt and the tables. An empty ``lossScales``
/// means each policy's Keras default (no `--loss-scale` option at all). The data folder is not
/// part of the grid: the same study may read it from another path on a cluster.
public struct StudyGrid: Sendable, Equatable, Codable {
    public var policies: [String]
    public var seeds: [UInt64]
    public var lossScales: [String]
    public var units: [Int]
    public var epochs: [Int]
    public var batchSizes: [Int]
    public var learningRates: [Double]

    public init(
        policies: [String], seeds: [UInt64], lossScales: [String] = [], units: [Int] = [4096], epochs: [Int] = [5],
        batchSizes: [Int] = [8192], learningRates: [Double] = [0.001]
    ) {
        self.policies = policies
        self.seeds = seeds
        self.lossScales = lossScales
        self.units = units
        self.epochs = epochs
        self.batchSizes = batchSizes
        self.learningRates = learningRates
    }

    /// Why the grid has no run, or repeats one; nil when it is usable.
    public var problem: String? {
        let axes: [(String, Int, Int)] = [
            ("policies", policies.count, Set(policies).count), ("seeds", seeds.count, Set(seeds).count),
            ("units", units.count, Set(units).count), ("epochs", epochs.count, Set(epochs).count),
            ("batch sizes", batchSizes.count, Set(batchSizes).count),
            ("learning rates", learningRates.count, Set(learningRates).count),
            ("loss scales", lossScales.count, Set(lossScales).count),
        ]
        for (name, count, distinct) in axes {
            if count == 0 && name != "loss scales" { return "the grid has no \(name): it has no runs" }
            if distinct != count { return "the grid lists one of its \(name) twice" }
        }
        return nil
    }

    /// Every run, in a fixed order: policy, loss scale, units, epochs, batch size, learning
    /// rate, then seed (so one configuration's seeds are adjacent).
    public var runs: [StudyRun] { runs(naming: naming) }

    /// The runs with ids and configuration names that show the axes of `naming` (a study of
    /// several grids names every run by the axes that vary across all of them).
    func runs(naming: StudyRun.Naming) -> [StudyRun] {
        var runs: [StudyRun] = []
        let scales: [String?] = lossScales.isEmpty ? [nil] : lossScales.map { $0 }
        for policy in policies {
            for scale in scales {
                for u in units {
                    for e in epochs {
                        for b in batchSizes {
                            for rate in learningRates {
                                for seed in seeds {
                                    runs.append(
                                        StudyRun(
                                            policy: policy, seed: seed, lossScale: scale, units: u, epochs: e,
                                            batchSize: b, learningRate: rate, naming: naming))
                                }
                            }
                        }
                    }
                }
            }
        }
        return runs
    }

    /// Which axes vary (and so appear in run ids and configuration names).
    var naming: StudyRun.Naming { Self.naming(across: [self]) }

    /// The axes that vary inside any of `grids` or between them.
    static func naming(across grids: [StudyGrid]) -> StudyRun.Naming {
        func varies<T: Hashable>(_ values: (StudyGrid) -> [T]) -> Bool {
            Set(grids.flatMap(values)).count > 1
        }
        return StudyRun.Naming(
            lossScale: grids.contains { !$0.lossScales.isEmpty }, units: varies(\.units), epochs: varies(\.epochs),
            batchSize: varies(\.batchSizes), learningRate: varies(\.learningRates))
    }
}

//===--- StudyRunResult.swift ---------------------------------------------===//
//
// What one run of a study gave: complete, diverged or failed, with its numbers.
//
//===----------------------------------------------------------------------===//

import Analyzer
import Foundation
import Precision

/// One run's outcome as the study sees it: read from `runs/<id>/run.json`.
public struct StudyRunResult: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        /// Trained to the end and tested.
        case complete
        /// Training diverged (a valid result, with no test pass): counted and listed, not
        /// averaged.
        case diverged
        /// No readable run.json of this run's options: not run, killed, or failed.
        case failed
    }

    public var id: String
    public var configuration: String
    public var policy: String
    public var seed: UInt64
    public var status: Status
    /// Why the run is not complete (the divergence, or what is wrong with its folder).
    public var reason: String?
    public var testAccuracy: Double?
    public var testLoss: Double?
    /// The last epoch's running-mean training loss.
    public var finalLoss: Double?
    /// Mean wall time of a training step, analysis included (nil in studies read before it
    /// was recorded).
    public var millisecondsPerStep: Double?
    /// Fractions of the values each recorded layer rounded that were flushed, overflowed or
    /// subnormal, over the whole run and every tensor of the layer.
    public var layers: [LayerFractions]

    /// The fractions of one layer.
    public struct LayerFractions: Sendable, Equatable, Codable {
        public var layer: String
        public var flushed: Double
        public var overflowed: Double
        public var subnormal: Double
    }

    /// Reads the run of `run` in the study folder `folder`.
    public static func read(_ run: StudyRun, in folder: String) -> StudyRunResult {
        var result = StudyRunResult(
            id: run.id, configuration: run.configuration, policy: run.policy, seed: run.seed, status: .failed,
            reason: nil, testAccuracy: nil, testLoss: nil, finalLoss: nil, millisecondsPerStep: nil, layers: [])
        let path = folder + "/runs/" + run.id + "/run.json"
        guard FileManager.default.fileExists(atPath: path) else {
            result.reason = "no run.json (not run yet, killed, or failed: see logs/\(run.id).log)"
            return result
        }
        let record: RunRecord
        do {
            record = try RunFolderReader.record(at: path)
        } catch {
            result.reason = error.reason
            return result
        }
        if let mismatch = run.mismatch(record.settings) {
            result.reason = "its run.json is of other options (\(mismatch))"
            return result
        }
        result.finalLoss = record.epochs.last?.training.loss
        result.millisecondsPerStep = record.steps.isEmpty ? nil : record.millisecondsPerStep
        result.layers = Self.fractions(record)
        if let divergence = record.divergence {
            result.status = .diverged
            result.reason = "diverged at step \(divergence.step): \(divergence.reason)"
            return result
        }
        guard let test = record.test else {
            result.reason = "its run.json has no test pass"
            return result
        }
        result.status = .complete
        result.testAccuracy = test.metrics.accuracy
        result.testLoss = test.metrics.loss
        return result
    }

    /// Per recorded layer: flushed, overflowed and subnormal values over all its rounded values.
    static func fractions(_ record: RunRecord) -> [LayerFractions] {
        let totals = RunTotals(steps: record.steps)
        return totals.layers.compactMap { layer in
            var count: UInt64 = 0
            var flushed: UInt64 = 0
            var overflowed: UInt64 = 0
            var subnormal: UInt64 = 0
            for tensor in totals.recordedTensors(layer: layer) {
                guard let rounding = totals.totals(layer: layer, tensor: tensor).rounding else { continue }
                count += rounding.count
                flushed += rounding.underflow
                overflowed += rounding.overflow
                subnormal += rounding.subnormal
            }
            guard count > 0 else { return nil }
            let whole = Double(count)
            return LayerFractions(
                layer: layer, flushed: Double(flushed) / whole, overflowed: Double(overflowed) / whole,
                subnormal: Double(subnormal) / whole)
        }
    }
}

extension StudyRun {
    /// What differs between this run's options and a record's settings, or nil.
    public func mismatch(_ settings: AnalysisSettings) -> String? {
        if settings.policy != policy { return "policy \(settings.policy)" }
        if settings.seed != seed { return "seed \(settings.seed)" }
        if settings.units != units { return "units \(settings.units)" }
        if settings.epochs != epochs { return "epochs \(settings.epochs)" }
        if settings.batchSize != batchSize { return "batch size \(settings.batchSize)" }
        if settings.learningRate != learningRate { return "learning rate \(settings.learningRate)" }
        if let lossScale {
            guard settings.lossScalingExplicit, LossScaling(argument: lossScale) == settings.lossScaling else {
                return "loss scale \(settings.lossScaling.shortName)"
            }
        } else if settings.lossScalingExplicit {
            return "loss scale \(settings.lossScaling.shortName) given"
        }
        return nil
    }
}

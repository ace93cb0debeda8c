//===--- InspectCommand+Run.swift -----------------------------------------===//
//
// `mpstudy inspect --run DIR`: a captured run turned into the report analyze writes.
//
//===----------------------------------------------------------------------===//

import Analyzer
import ArgumentParser
import Foundation
import NeuralNet
import Precision
import Reporter
import TensorFiles

extension InspectCommand {
    /// `--run` takes no files and no `--tensor`, and one compute format.
    func validateRun() throws {
        guard files.isEmpty else {
            throw ValidationError("--run reads a capture folder; give no tensor files with it")
        }
        guard tensorNames.isEmpty else {
            throw ValidationError("--tensor does not apply to --run (every tensor is read)")
        }
        _ = try runFormat()
    }

    /// The compute format of `--run`: `half` unless one of half, bfloat16, single is named.
    func runFormat() throws -> ComputeFormat {
        let named = formats?.values ?? []
        guard named.count <= 1 else {
            throw ValidationError(
                "--run counts against one format; got \(named.map(\.name).joined(separator: ", ")) (run it once per format)"
            )
        }
        guard let name = named.first else { return .float16 }
        guard case .compute(let format) = name.target else {
            throw ValidationError(
                "--run counts against half, bfloat16 or single; '\(name.name)' (FP8/FP6/FP4 formats and block schemes) is not supported with --run"
            )
        }
        return format
    }

    /// The canonical absolute path of an existing `path` (nil when it does not exist).
    static func canonical(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Reads the capture folder (every file and name checked first), recounts every tensor with
    /// ``CapturedRunAnalysis``, prints each layer's table and the findings as analyze does, and
    /// writes the run folder when `--output` is given.
    func runCaptured(_ folder: String) throws {
        let format = try runFormat()
        // Checked before the destination itself, which (a capture, not a run folder) it would refuse.
        if let output, let source = Self.canonical(folder), let target = Self.canonical(output),
            target == source || source.hasPrefix(target + "/")
        {
            throw ValidationError("--output '\(output)' would replace the capture folder '\(folder)' it reads")
        }
        let destination = try output.map { path throws(ReportWriteError) in try RunFolderTarget(checking: path) }
        if let destination, let source = Self.canonical(folder),
            destination.location.hasPrefix(source + "/") || source.hasPrefix(destination.location + "/")
        {
            throw ValidationError("--output '\(destination.path)' and the capture folder '\(folder)' must be apart")
        }
        let capture = try CaptureFolder(path: folder)
        let threads = ProcessInfo.processInfo.activeProcessorCount
        let analysis = CapturedRunAnalysis(layers: capture.manifest.layers, format: format, threads: threads)
        for step in capture.steps {
            let scale = Float(step.entry.lossScale ?? 1)
            for tensor in step.tensors {
                let values = try tensor.stored.floatValues()
                values.withUnsafeBufferPointer { x in
                    analysis.add(
                        x, shape: tensor.stored.shape, layer: tensor.layer, kind: tensor.role.kind,
                        step: step.entry.step, epoch: step.entry.epoch ?? 0, batch: step.entry.batch ?? 0,
                        lossScale: scale)
                }
            }
        }
        let manifest = capture.manifest
        let origin = CaptureOrigin(
            folder: folder, framework: manifest.framework, model: manifest.model, every: manifest.every,
            losses: manifest.steps.compactMap { s in s.loss.map { CapturedLoss(step: s.step, loss: $0) } })
        let environment = RunEnvironment(
            cpu: BLASRuntime.cpuModel, blas: BLASRuntime.summary, cores: BLASRuntime.availableCores, threads: threads,
            vectorRoundingKernels: TensorRounder().usesVectorKernels,
            commandLine: ["mpstudy"] + CommandLine.arguments.dropFirst())
        let record = RunRecord.captured(
            origin, format: format, layers: manifest.layers, steps: analysis.stepRecords, environment: environment)
        print(
            "inspect --run: \(folder): \(manifest.framework), \(capture.steps.count) step\(capture.steps.count == 1 ? "" : "s"), "
                + "\(capture.steps.reduce(0) { $0 + $1.tensors.count }) tensors, counted against \(format.rawValue)")
        print(LayerTablesText.text(record, layers: manifest.layers), terminator: "")
        if let destination {
            destination.removeAbandonedTemporaries()
            try RunFolderPublisher.publish([.init(subfolder: "", record: record)], to: destination)
            print("\nreport: \(destination.path)/ (" + RunFolderWriter.fileNames.joined(separator: ", ") + ", charts/)")
        }
    }
}

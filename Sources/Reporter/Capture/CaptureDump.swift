//===--- CaptureDump.swift ------------------------------------------------===//
//
// `analyze --dump-tensors`: the analyzed tensors of chosen steps as a capture folder.
//
//===----------------------------------------------------------------------===//

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Analyzer
import Foundation
import NeuralNet
import TensorFiles

/// Writes a capture folder (docs/capture-format.md) of the tensors the analyzer measures on
/// the chosen training steps: for every rounding site, the float32 x before rounding, named
/// `<layer>/<role>`, shape as the layer reported it, one safetensors file per step
/// (float32, spooled as the tensors arrive: ``SafetensorsSpool``), and a manifest giving each
/// step's loss, the loss scale its gradients carried, epoch and batch.
///
/// Folder guarantees as for run folders (``RunFolderTarget``, ``RunFolderPublisher``): the
/// destination is checked when the dump is made (new, empty, or a capture folder mpstudy
/// wrote), everything is written into a locked temporary folder beside it, and
/// ``publish(durable:)`` renames that into place once the manifest is written; a dump never
/// published (the run failed or was interrupted) is removed, or, if the process died, by the
/// next mpstudy run. A write error during training is kept (``failure``) and stops the dump;
/// ``publish(durable:)`` throws it.
public final class CaptureDump: TensorDump {
    /// The steps wanted.
    public let steps: Set<Int>
    public let target: RunFolderTarget
    private let framework: String
    private let layers: [String]
    private var temporary: (path: String, lock: Int32)?
    private var created: [String] = []
    private var written: [CaptureManifest.Step] = []
    private var spool: (step: Int, file: SafetensorsSpool, lossScale: Float?)?
    /// The first write error; nothing more is written after it.
    public private(set) var failure: ReportWriteError?

    /// Checks `target` and creates the temporary folder; `framework` is the manifest's
    /// (`mpstudy 0.1.0 (analyze)`), `layers` the model's, in order.
    public init(steps: Set<Int>, to target: RunFolderTarget, framework: String, layers: [String])
        throws(ReportWriteError)
    {
        self.steps = steps
        self.target = target
        self.framework = framework
        self.layers = layers
        try target.check()
        created = try FolderTree.makeDirectories(target.parent)
        target.removeAbandonedTemporaries()
        do {
            temporary = try TemporaryEntry.makeFolder(in: target.parent, for: target.name)
        } catch {
            FolderTree.removeCreated(created)
            throw error
        }
    }

    deinit { abandon() }

    /// The steps written so far, in order.
    public var writtenSteps: [Int] { written.map(\.step) }

    public func wants(step: Int) -> Bool { failure == nil && temporary != nil && steps.contains(step) }

    public func record(_ input: RoundingInput) {
        guard let temporary, failure == nil else { return }
        let step = input.position.step
        do throws(TensorFileError) {
            if let open = spool, open.step != step { finishStep(loss: nil, epoch: nil, batch: nil) }
            if spool == nil {
                let file = temporary.path + "/" + CaptureManifest.stepFileName(step)
                spool = (step, try SafetensorsSpool(path: file), nil)
            }
            let name = input.layer + "/" + CaptureRole(input.kind).rawValue
            let count = input.values.count
            let shape = input.shape.reduce(1, *) == count ? input.shape : [count]
            try spool!.file.append(name: name, shape: shape, values: input.values)
            if PrecisionAnalyzer.carriesLossScale(input.kind) { spool!.lossScale = input.lossScale }
        } catch {
            fail(
                ReportWriteError(
                    path: error.path, reason: (error.tensor.map { "tensor '\($0)': " } ?? "") + error.problem))
        }
    }

    public func stepFinished(_ event: StepEvent) {
        guard let open = spool, open.step == event.position.step else { return }
        finishStep(loss: event.metrics.meanLoss, epoch: event.position.epoch, batch: event.position.batch)
    }

    /// Writes the step file being spooled and its manifest entry.
    private func finishStep(loss: Double?, epoch: Int?, batch: Int?) {
        guard let open = spool else { return }
        spool = nil
        do throws(TensorFileError) {
            try open.file.finish(metadata: ["step": String(open.step), "layout": "keras"])
            written.append(
                CaptureManifest.Step(
                    step: open.step, file: CaptureManifest.stepFileName(open.step), loss: loss,
                    lossScale: open.lossScale.map(Double.init), epoch: epoch, batch: batch))
        } catch {
            fail(ReportWriteError(path: error.path, reason: error.problem))
        }
    }

    private func fail(_ error: ReportWriteError) {
        if failure == nil { failure = error }
        spool?.file.discard()
        spool = nil
    }

    /// Writes the manifest and puts the folder in place (``RunFolderPublisher``'s commit);
    /// throws the first write error, or when no wanted step ran.
    public func publish(durable: Bool) throws(ReportWriteError) {
        guard let temporary else { throw ReportWriteError(path: target.path, reason: "the dump was abandoned") }
        finishStep(loss: nil, epoch: nil, batch: nil)
        do throws(ReportWriteError) {
            if let failure { throw failure }
            guard !written.isEmpty else {
                throw ReportWriteError(
                    path: target.path,
                    reason:
                        "none of the steps to dump ran (\(steps.sorted().prefix(5).map(String.init).joined(separator: ", ")))"
                )
            }
            let manifest = CaptureManifest(
                framework: framework, model: "mpstudy case study (\(layers.joined(separator: ", ")))", every: nil,
                layers: layers, steps: written)
            try AtomicFile.write(manifest.json(), to: temporary.path + "/" + CaptureManifest.fileName)
            if durable { try RunFolderPublisher.syncTree(temporary.path) }
            try target.check()
            try RunFolderPublisher.commit(temporary.path, to: target, durable: durable, exchange: true)
        } catch {
            abandon()
            throw error
        }
        close(temporary.lock)
        self.temporary = nil
    }

    /// Removes everything written (nothing once published).
    public func abandon() {
        spool?.file.discard()
        spool = nil
        guard let temporary else { return }
        FolderTree.remove(temporary.path)
        FolderTree.removeCreated(created)
        close(temporary.lock)
        self.temporary = nil
    }
}

extension CaptureDump {
    /// Why the folder at `path` (holding `names`) is not a capture folder mpstudy wrote, or
    /// nil when it is one: only `manifest.json` and `.safetensors` files, and a manifest that
    /// reads as version 1 with a framework starting `mpstudy ` (a capture of another tool's
    /// is the user's, never replaced).
    static func problem(in path: String, names: [String]) -> String? {
        let foreign = names.filter { name in
            name != CaptureManifest.fileName
                && !(name.hasSuffix(".safetensors") && FolderTree.kind(path + "/" + name) == .file)
        }
        guard foreign.isEmpty else {
            return
                "it holds \(foreign.prefix(3).map { "'\($0)'" }.joined(separator: ", ")), which mpstudy does not write"
        }
        let file = path + "/" + CaptureManifest.fileName
        guard FolderTree.kind(file) == .file, let mapped = try? MappedFile(path: file),
            let manifest = try? CaptureManifest.decode(Data(mapped.bytes), path: file)
        else { return "its manifest.json is not a capture manifest" }
        guard manifest.framework.hasPrefix("mpstudy ") else {
            return "it is a capture of \(manifest.framework), not one mpstudy wrote"
        }
        return nil
    }
}

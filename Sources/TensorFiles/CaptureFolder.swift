//===--- CaptureFolder.swift ----------------------------------------------===//
//
// A captured run: its manifest and every step's tensors, all checked when it is opened.
//
//===----------------------------------------------------------------------===//

import Foundation

/// A capture folder (docs/capture-format.md) opened for reading: the manifest is checked, then
/// every step file is opened (memory-mapped) and every tensor name checked, before anything is
/// computed, so a bad folder is refused in one line naming the manifest, file or tensor.
public struct CaptureFolder: Sendable {
    /// One tensor of a step: its layer, its role, and the stored tensor.
    public struct Tensor: Sendable {
        public let layer: String
        public let role: CaptureRole
        public let stored: StoredTensor
    }

    /// One step: its manifest entry and its tensors in model order, then role order.
    public struct Step: Sendable {
        public let entry: CaptureManifest.Step
        public let tensors: [Tensor]
    }

    public let path: String
    public let manifest: CaptureManifest
    public let steps: [Step]

    /// Opens the capture folder at `path`.
    public init(path: String) throws(TensorFileError) {
        self.path = path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw TensorFileError(path: path, "no such folder")
        }
        guard isFolder.boolValue else { throw TensorFileError(path: path, "not a folder (a capture run is a folder)") }
        let manifestPath = path + "/" + CaptureManifest.fileName
        let manifestFile = try MappedFile(path: manifestPath)
        manifest = try CaptureManifest.decode(Data(manifestFile.bytes), path: manifestPath)
        guard !manifest.steps.isEmpty else { throw TensorFileError(path: manifestPath, "no steps captured") }
        let layerRank = Dictionary(uniqueKeysWithValues: manifest.layers.enumerated().map { ($1, $0) })
        var steps: [Step] = []
        for entry in manifest.steps {
            let file = path + "/" + entry.file
            let opened = try TensorFile(path: file)
            guard opened.kind == .safetensors else {
                throw TensorFileError(
                    path: file, "a \(opened.kind.rawValue) file, not safetensors (step \(entry.step))")
            }
            var tensors: [Tensor] = []
            for stored in opened.tensors {
                guard let (layer, role) = CaptureRole.split(stored.name) else {
                    throw TensorFileError(
                        path: file, tensor: stored.name,
                        "not <layer>/<role> with a role of "
                            + CaptureRole.allCases.map(\.rawValue).joined(separator: ", "))
                }
                guard layerRank[layer] != nil else {
                    throw TensorFileError(
                        path: file, tensor: stored.name,
                        "layer '\(layer)' is not in the manifest's layers (\(manifest.layers.joined(separator: ", ")))")
                }
                tensors.append(Tensor(layer: layer, role: role, stored: stored))
            }
            let roles = CaptureRole.allCases
            tensors.sort { a, b in
                (layerRank[a.layer]!, roles.firstIndex(of: a.role)!) < (
                    layerRank[b.layer]!, roles.firstIndex(of: b.role)!
                )
            }
            steps.append(Step(entry: entry, tensors: tensors))
        }
        self.steps = steps
    }
}

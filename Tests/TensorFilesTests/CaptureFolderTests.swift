//===--- CaptureFolderTests.swift -----------------------------------------===//
//
// Capture folders (docs/capture-format.md): a good one read back, every bad one refused in a line.
//
//===----------------------------------------------------------------------===//

import Foundation
import Testing
import TensorFiles
import _TestSupport

/// Folders built from hand-written manifests and safetensors bytes (``TensorFileBytes``,
/// independent of the writer), each breaking one rule of the contract.
@Suite("Capture folders")
struct CaptureFolderTests {
    /// A step file holding float32 `[1]` tensors with these names.
    static func stepFile(_ names: [String]) -> [UInt8] {
        let entries = names.enumerated().map { i, name in
            "\"\(name)\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[\(4 * i),\(4 * i + 4)]}"
        }
        return TensorFileBytes.safetensors(
            json: "{" + entries.joined(separator: ",") + "}", data: TensorFileBytes.f32(names.map { _ in 0.5 }))
    }

    static let goodManifest = """
        {"mpstudy_capture": 1, "framework": "torch 2.9.1", "model": "mlp", "every": 10, "extra": [1, 2],
         "layers": ["dense", "dense_1"],
         "steps": [{"step": 0, "file": "step-00000000.safetensors"},
                   {"step": 10, "file": "step-00000010.safetensors", "loss": 2.5, "loss_scale": 1024}]}
        """

    /// Writes the manifest and the two good step files (or `files` instead), runs `body`.
    static func folder(
        manifest: String = goodManifest,
        files: [String: [UInt8]] = [
            "step-00000000.safetensors": stepFile(["dense_1/output", "dense/weight", "dense/input"]),
            "step-00000010.safetensors": stepFile(["dense/output_gradient"]),
        ], _ body: (String) throws -> Void
    ) throws {
        try withScratchFolder { folder in
            try FileTree.write(manifest, to: folder.file("manifest.json"))
            for (name, bytes) in files { try FileTree.write(bytes, to: folder.file(name)) }
            try body(folder.path)
        }
    }

    @Test("a good folder: manifest fields, and each step's tensors in model then role order")
    func good() throws {
        try Self.folder { path in
            let capture = try CaptureFolder(path: path)
            #expect(capture.manifest.framework == "torch 2.9.1")
            #expect(capture.manifest.every == 10)
            #expect(capture.manifest.layers == ["dense", "dense_1"])
            #expect(capture.manifest.steps.map(\.step) == [0, 10])
            #expect(capture.manifest.steps[1].loss == 2.5 && capture.manifest.steps[1].lossScale == 1024)
            #expect(
                capture.steps[0].tensors.map { "\($0.layer)/\($0.role.rawValue)" } == [
                    "dense/input", "dense/weight", "dense_1/output",
                ])
            #expect(capture.steps[1].tensors.map(\.role) == [.outputGradient])
        }
    }

    @Test("the manifest written by mpstudy reads back as itself")
    func roundTrip() throws {
        let manifest = CaptureManifest(
            framework: "mpstudy 0.1.0 (analyze)", model: "case \"study\"", every: nil, layers: ["d/1", "d2"],
            steps: [
                .init(step: 1, file: "step-00000001.safetensors", loss: 2.25, lossScale: 32768, epoch: 1, batch: 0),
                .init(step: 12, file: "step-00000012.safetensors"),
            ])
        #expect(try CaptureManifest.decode(Data(manifest.json().utf8), path: "m") == manifest)
        #expect(CaptureManifest.stepFileName(12) == "step-00000012.safetensors")
    }

    struct Bad: CustomStringConvertible, Sendable {
        let description: String
        let manifest: String
        let files: [String: [UInt8]]?
        /// Words the one-line error must hold.
        let mentions: [String]
    }

    static func manifest(steps: String, version: String = "1", layers: String = "[\"dense\", \"dense_1\"]") -> String {
        "{\"mpstudy_capture\": \(version), \"framework\": \"x\", \"layers\": \(layers), \"steps\": [\(steps)]}"
    }

    static let step0 = "{\"step\": 0, \"file\": \"step-00000000.safetensors\"}"

    static let bad: [Bad] = [
        Bad(
            description: "version 2", manifest: manifest(steps: step0, version: "2"), files: nil,
            mentions: ["manifest.json", "version 2", "reads version 1"]),
        Bad(
            description: "no version", manifest: "{\"framework\": \"x\"}", files: nil,
            mentions: ["manifest.json", "mpstudy_capture"]),
        Bad(
            description: "version a string", manifest: manifest(steps: step0, version: "\"1\""), files: nil,
            mentions: ["manifest.json", "mpstudy_capture"]),
        Bad(description: "not JSON", manifest: "[1, 2", files: nil, mentions: ["manifest.json", "not a JSON object"]),
        Bad(
            description: "a file with a slash",
            manifest: manifest(steps: "{\"step\": 0, \"file\": \"sub/a.safetensors\"}"),
            files: nil, mentions: ["manifest.json", "steps[0]", "sub/a.safetensors", "slash"]),
        Bad(
            description: "a file with ..", manifest: manifest(steps: "{\"step\": 0, \"file\": \"..safetensors\"}"),
            files: nil, mentions: ["steps[0]", "'..'"]),
        Bad(
            description: "a hidden file", manifest: manifest(steps: "{\"step\": 0, \"file\": \".a.safetensors\"}"),
            files: nil, mentions: ["steps[0]", "starts with '.'"]),
        Bad(
            description: "not .safetensors", manifest: manifest(steps: "{\"step\": 0, \"file\": \"a.npy\"}"),
            files: nil, mentions: ["steps[0]", "a.npy", ".safetensors"]),
        Bad(
            description: "a repeated step",
            manifest: manifest(steps: step0 + ", {\"step\": 0, \"file\": \"b.safetensors\"}"), files: nil,
            mentions: ["steps[1]", "listed twice"]),
        Bad(
            description: "steps out of order",
            manifest: manifest(steps: "{\"step\": 5, \"file\": \"b.safetensors\"}, " + step0), files: nil,
            mentions: ["steps[1]", "step 0 comes after step 5"]),
        Bad(
            description: "a negative step", manifest: manifest(steps: "{\"step\": -1, \"file\": \"b.safetensors\"}"),
            files: nil, mentions: ["steps[0]", "negative"]),
        Bad(
            description: "a fractional step", manifest: manifest(steps: "{\"step\": 1.5, \"file\": \"b.safetensors\"}"),
            files: nil, mentions: ["manifest.json", "steps[0]", "1.5", "not an integer"]),
        Bad(
            description: "a file used twice",
            manifest: manifest(steps: step0 + ", {\"step\": 1, \"file\": \"step-00000000.safetensors\"}"), files: nil,
            mentions: ["steps[1]", "earlier step"]),
        Bad(
            description: "a zero loss scale",
            manifest: manifest(steps: "{\"step\": 0, \"file\": \"a.safetensors\", \"loss_scale\": 0}"), files: nil,
            mentions: ["steps[0]", "loss_scale"]),
        Bad(
            description: "a layer listed twice", manifest: manifest(steps: step0, layers: "[\"a\", \"a\"]"), files: nil,
            mentions: ["layers[1]", "twice"]),
        Bad(
            description: "no steps", manifest: manifest(steps: ""), files: nil, mentions: ["manifest.json", "no steps"]),
        Bad(
            description: "a missing step file", manifest: manifest(steps: step0), files: [:],
            mentions: ["step-00000000.safetensors", "no such file"]),
        Bad(
            description: "an unknown role", manifest: manifest(steps: step0),
            files: ["step-00000000.safetensors": stepFile(["dense/input", "dense/activation"])],
            mentions: ["step-00000000.safetensors", "dense/activation", "output_gradient"]),
        Bad(
            description: "a name without a role", manifest: manifest(steps: step0),
            files: ["step-00000000.safetensors": stepFile(["kernel"])],
            mentions: ["step-00000000.safetensors", "'kernel'", "<layer>/<role>"]),
        Bad(
            description: "a layer not in the manifest", manifest: manifest(steps: step0),
            files: ["step-00000000.safetensors": stepFile(["conv/weight"])],
            mentions: ["step-00000000.safetensors", "conv/weight", "layer 'conv'"]),
        Bad(
            description: "a step file that is not safetensors", manifest: manifest(steps: step0),
            files: ["step-00000000.safetensors": Array("hello, this is text".utf8)],
            mentions: ["step-00000000.safetensors", "not a tensor file"]),
    ]

    @Test("a bad capture folder is refused in one line naming the manifest, file or tensor", arguments: bad)
    func refused(_ bad: Bad) throws {
        try Self.folder(manifest: bad.manifest, files: bad.files ?? [:]) { path in
            do {
                _ = try CaptureFolder(path: path)
                Issue.record("accepted \(bad.description)")
            } catch {
                let line = String(describing: error)
                #expect(!line.contains("\n"), "\(line)")
                for word in bad.mentions { #expect(line.contains(word), "'\(word)' not in: \(line)") }
            }
        }
    }

    @Test("a missing folder and a file given as the folder are refused")
    func notAFolder() throws {
        try withScratchFolder { folder in
            #expect(throws: TensorFileError.self) { try CaptureFolder(path: folder.file("none")) }
            try FileTree.write("x", to: folder.file("f"))
            #expect(throws: TensorFileError.self) { try CaptureFolder(path: folder.file("f")) }
            #expect(throws: TensorFileError.self) { try CaptureFolder(path: folder.path) }
        }
    }
}

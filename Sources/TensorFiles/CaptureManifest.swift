//===--- CaptureManifest.swift --------------------------------------------===//
//
// manifest.json of a capture folder: what was captured, and which file holds each step.
//
//===----------------------------------------------------------------------===//

import Foundation

/// The manifest of a capture folder, version 1 (docs/capture-format.md), read with every rule
/// checked and written deterministically (`analyze --dump-tensors`).
public struct CaptureManifest: Sendable, Equatable {
    /// The format version this mpstudy reads and writes.
    public static let version = 1
    /// The manifest's file name inside the folder.
    public static let fileName = "manifest.json"
    /// The largest manifest read (a manifest lists steps; 64 MB is millions of them).
    public static let maximumBytes = 1 << 26

    /// One captured step.
    public struct Step: Sendable, Equatable {
        /// The training step (non-negative, increasing through the manifest).
        public var step: Int
        /// The step file, a plain name inside the folder ending in `.safetensors`.
        public var file: String
        public var loss: Double?
        /// The loss scale the step's gradients carry (absent: 1).
        public var lossScale: Double?
        /// Epoch and batch of the step, when the writer knew them (mpstudy's own keys).
        public var epoch: Int?
        public var batch: Int?

        public init(
            step: Int, file: String, loss: Double? = nil, lossScale: Double? = nil, epoch: Int? = nil, batch: Int? = nil
        ) {
            self.step = step
            self.file = file
            self.loss = loss
            self.lossScale = lossScale
            self.epoch = epoch
            self.batch = batch
        }
    }

    public var framework: String
    public var model: String
    /// Capture period in training steps (informational; nil when not given).
    public var every: Int?
    /// Layer names in model order.
    public var layers: [String]
    public var steps: [Step]

    public init(framework: String, model: String, every: Int?, layers: [String], steps: [Step]) {
        self.framework = framework
        self.model = model
        self.every = every
        self.layers = layers
        self.steps = steps
    }

    /// `step-00000012.safetensors`: the file name of step 12.
    public static func stepFileName(_ step: Int) -> String {
        let digits = String(step)
        return "step-" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits + ".safetensors"
    }

    /// Reads and checks `data`, the manifest at `path` (named in every error).
    public static func decode(_ data: Data, path: String) throws(TensorFileError) -> CaptureManifest {
        func fail(_ problem: String) -> TensorFileError { TensorFileError(path: path, problem) }
        guard data.count <= maximumBytes else { throw fail("larger than \(maximumBytes) bytes") }
        guard data.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{") else {
            throw fail("not a JSON object")
        }
        let decoder = JSONDecoder()
        let version: Int?
        do {
            version = try decoder.decode(VersionField.self, from: data).mpstudy_capture
        } catch {
            throw fail("not a capture manifest: \(describe(error))")
        }
        guard let version else { throw fail("no \"mpstudy_capture\" version: not a capture manifest") }
        guard version == Self.version else {
            throw fail("capture format version \(version); this mpstudy reads version \(Self.version)")
        }
        let raw: RawManifest
        do {
            raw = try decoder.decode(RawManifest.self, from: data)
        } catch {
            throw fail(describe(error))
        }
        guard let framework = raw.framework else { throw fail("no \"framework\"") }
        guard let layers = raw.layers, !layers.isEmpty else { throw fail("no \"layers\" (a list of layer names)") }
        var names = Set<String>()
        for (i, layer) in layers.enumerated() {
            guard !layer.isEmpty else { throw fail("layers[\(i)] is empty") }
            guard names.insert(layer).inserted else { throw fail("layers[\(i)] '\(layer)' is listed twice") }
        }
        if let every = raw.every, every < 1 { throw fail("\"every\" is \(every), not a positive number of steps") }
        guard let rawSteps = raw.steps else { throw fail("no \"steps\"") }
        var steps: [Step] = []
        var files = Set<String>()
        for (i, s) in rawSteps.enumerated() {
            func bad(_ problem: String) -> TensorFileError { fail("steps[\(i)]: \(problem)") }
            guard let number = s.step else { throw bad("no \"step\"") }
            guard let step = Self.integer(number) else { throw bad("step \(number) is not an integer") }
            guard step >= 0 else { throw bad("step \(step) is negative") }
            if let previous = steps.last, step <= previous.step {
                throw bad(
                    step == previous.step
                        ? "step \(step) is listed twice"
                        : "step \(step) comes after step \(previous.step) (steps must increase)")
            }
            guard let file = s.file else { throw bad("no \"file\"") }
            if let problem = fileNameProblem(file) { throw bad("file '\(file)': \(problem)") }
            guard files.insert(file).inserted else { throw bad("file '\(file)' is used by an earlier step") }
            if let scale = s.loss_scale, !(scale.isFinite && scale > 0) {
                throw bad("loss_scale \(scale) is not a positive number")
            }
            let epoch = s.epoch.flatMap(Self.integer)
            let batch = s.batch.flatMap(Self.integer)
            guard s.epoch == nil || (epoch ?? -1) >= 0 else { throw bad("epoch \(s.epoch!) is not a count") }
            guard s.batch == nil || (batch ?? -1) >= 0 else { throw bad("batch \(s.batch!) is not a count") }
            steps.append(
                Step(step: step, file: file, loss: s.loss, lossScale: s.loss_scale, epoch: epoch, batch: batch))
        }
        return CaptureManifest(
            framework: framework, model: raw.model ?? "", every: raw.every, layers: layers, steps: steps)
    }

    /// Why `name` is not a step file name (a plain name inside the folder ending in
    /// `.safetensors`), or nil.
    public static func fileNameProblem(_ name: String) -> String? {
        if name.contains("/") || name.contains("\\") { return "not a plain file name (it holds a slash)" }
        if name.contains("..") { return "not a plain file name (it holds '..')" }
        if name.hasPrefix(".") { return "starts with '.'" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "holds a control character"
        }
        guard name.hasSuffix(".safetensors"), name.count > ".safetensors".count else {
            return "does not end in .safetensors"
        }
        return nil
    }

    /// The manifest as JSON text: keys in a fixed order, one step per line.
    public func json() -> String {
        func string(_ s: String) -> String { SafetensorsWriter.jsonString(s) }
        var lines = [
            "{", "  \"mpstudy_capture\": \(Self.version),", "  \"framework\": \(string(framework)),",
            "  \"model\": \(string(model)),",
        ]
        if let every { lines.append("  \"every\": \(every),") }
        lines.append("  \"layers\": [" + layers.map(string).joined(separator: ", ") + "],")
        lines.append("  \"steps\": [")
        for (i, s) in steps.enumerated() {
            var fields = ["\"step\": \(s.step)", "\"file\": \(string(s.file))"]
            if let loss = s.loss { fields.append("\"loss\": " + (loss.isFinite ? "\(loss)" : "null")) }
            if let scale = s.lossScale { fields.append("\"loss_scale\": \(scale)") }
            if let epoch = s.epoch { fields.append("\"epoch\": \(epoch)") }
            if let batch = s.batch { fields.append("\"batch\": \(batch)") }
            lines.append("    {" + fields.joined(separator: ", ") + "}" + (i == steps.count - 1 ? "" : ","))
        }
        lines += ["  ]", "}"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `number` as an Int when it is a whole number of at most 2^53 in magnitude (JSON numbers
    /// are read as doubles, so `1.5` is named rather than refused by the decoder in general words).
    static func integer(_ number: Double) -> Int? {
        guard number.rounded() == number, abs(number) <= 0x1p53 else { return nil }
        return Int(number)
    }

    /// A decoding error in one line, with the path to the offending value.
    static func describe(_ error: Error) -> String {
        let path: [CodingKey]
        switch error {
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c),
            DecodingError.keyNotFound(_, let c), DecodingError.dataCorrupted(let c):
            path = c.codingPath
        default:
            path = []
        }
        let location = path.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
        let place = location.isEmpty ? "" : (location.hasPrefix(".") ? String(location.dropFirst()) : location) + ": "
        return place + SafetensorsReader.brief(error)
    }

    private struct VersionField: Decodable {
        let mpstudy_capture: Int?
    }

    private struct RawManifest: Decodable {
        let framework: String?
        let model: String?
        let every: Int?
        let layers: [String]?
        let steps: [RawStep]?
    }

    private struct RawStep: Decodable {
        let step: Double?
        let file: String?
        let loss: Double?
        let loss_scale: Double?
        let epoch: Double?
        let batch: Double?
    }
}

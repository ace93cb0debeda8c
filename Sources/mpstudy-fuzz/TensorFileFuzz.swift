//===--- TensorFileFuzz.swift ---------------------------------------------===//
//
// One input of the tensor-file readers' fuzz run: a mutated file opened and read in full.
//
//===----------------------------------------------------------------------===//

import Foundation
import TensorFiles

/// The valid files the mutations start from: the committed fixtures written by numpy and the
/// safetensors package (`Tests/TensorFilesTests/Fixtures`, made by
/// `scripts/make-tensor-fixtures.py`), grouped by the reader they exercise.
struct TensorFileCorpus {
    var files: [TensorFile.Kind: [(name: String, bytes: [UInt8])]] = [:]
    /// Where the mutated files are written, one per process.
    let scratch: String

    /// Loads the fixtures under `folder` (the script runs from the repository's root).
    init(folder: String = "Tests/TensorFilesTests/Fixtures") {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.sorted() ?? []
        for name in names {
            let kind: TensorFile.Kind? =
                name.hasSuffix(".npy")
                ? .npy : name.hasSuffix(".npz") ? .npz : name.hasSuffix(".safetensors") ? .safetensors : nil
            guard let kind, let data = FileManager.default.contents(atPath: "\(folder)/\(name)") else { continue }
            files[kind, default: []].append((name, Array(data)))
        }
        scratch = NSTemporaryDirectory() + "mpstudy-fuzz-\(getpid())"
    }
}

/// Reads one mutated file of `kind` as `mpstudy inspect` does (open, list, decode every tensor)
/// and checks: an error is one printable line that names the file; an accepted tensor yields as
/// many values as its shape says; the process stays under `memoryLimit` bytes of resident memory
/// (a header cannot make the reader allocate more than the file holds, and the files are small).
func fuzzTensorFile(
    _ kind: TensorFile.Kind, inputs: FuzzInputs, corpus: TensorFileCorpus, dryRun: Bool
) -> (input: String, settings: String, anomalies: Anomalies) {
    var anomalies = Anomalies()
    var mutation = TensorFileMutation(inputs: inputs)
    guard let seeds = corpus.files[kind], !seeds.isEmpty else {
        anomalies.roundTripFailures.append("no \(kind.rawValue) fixtures found under Tests/TensorFilesTests/Fixtures")
        return ("", kind.rawValue, anomalies)
    }
    let seed = mutation.inputs.pick(seeds)
    let (bytes, steps) = mutation.mutate(seed.bytes)
    let description = "\(seed.name): \(steps.joined(separator: ", "))"
    if dryRun { return (description, kind.rawValue, anomalies) }
    let path = "\(corpus.scratch).\(kind.rawValue)"
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
        anomalies.roundTripFailures.append("cannot write the scratch file \(path)")
        return (description, kind.rawValue, anomalies)
    }
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
        let file = try TensorFile(path: path)
        for tensor in file.tensors {
            let values = try tensor.floatValues()
            let expected = tensor.shape.reduce(1, *)
            if values.count != expected || tensor.count != expected {
                anomalies.roundTripFailures.append(
                    "tensor '\(tensor.name)' of shape \(tensor.shape) gave \(values.count) values (count \(tensor.count))"
                )
            }
        }
    } catch {
        let message = error.description
        check(message, &anomalies)
        if !message.hasPrefix(path + ":") { anomalies.multiLineErrors.append("does not name the file: \(message)") }
    }
    if residentBytes() > memoryLimit {
        anomalies.mpfrMismatches.append("resident memory \(residentBytes() >> 20) MiB, over \(memoryLimit >> 20) MiB")
    }
    return (description, kind.rawValue, anomalies)
}

/// The resident-memory bound of the reader fuzz run: the runner itself takes tens of MiB.
let memoryLimit = 512 << 20

/// The process's peak resident memory in bytes (Linux reports `ru_maxrss` in KiB).
func residentBytes() -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return usage.ru_maxrss * 1024
}

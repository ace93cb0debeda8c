//===--- InspectCommand.swift ---------------------------------------------===//
//
// `mpstudy inspect FILE...`: how stored tensors would fit narrow formats and schemes.
//
//===----------------------------------------------------------------------===//

import ArgumentParser
import Foundation
import Precision
import Reporter
import TensorFiles

/// `mpstudy inspect model.safetensors --format e4m3,mxfp8,half`: every tensor of NumPy and
/// safetensors files rounded to each format or scheme, with the shares that would overflow,
/// flush or go subnormal, the error, the exponent range, and the best power-of-two scale.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show how the tensors of NumPy and safetensors files would fit narrow formats and block schemes.",
        discussion: """
            Reads .npy (format 1.0, 2.0, 3.0; float16, float32, float64; either byte order; C or \
            Fortran order), .npz (stored or deflated members) and .safetensors (F16, BF16, F32, F64, \
            F8_E4M3, F8_E5M2) files, recognised by their content, memory-mapped. Each tensor is read \
            as float32 (float64 rounded once to nearest) and rounded to each --format by the kernels \
            analyze uses, one row per tensor and format: the share of its finite nonzero elements \
            that overflow (half, bfloat16: to infinity; FP8/FP6/FP4 and their MX and NVFP4 blocks: \
            saturated to ±max), are flushed to zero, or become subnormal; the mean and largest \
            relative error in units of u = 2^-p of the format; the exponents floor(log2 |x|) the \
            values span (for MX and NVFP4, of x over its block scale) against the format's range \
            (smallest subnormal ... largest binade); and the power-of-two scale 2^k that, multiplied \
            into the whole tensor, flushes least without overflowing, with the flushes left at it. \
            MX and NVFP4 blocks run along the last dimension (rows padded with zeros to whole \
            blocks, the padding not counted).

            With --output DIR, also writes a report folder: summary.md (the table), fits.csv (one \
            row per tensor and format, full precision), histograms.csv (every exponent bin with its \
            region of the format's range), inspect.json (everything) and charts/exponents-<tensor>-<n>.svg \
            (each tensor's exponents against every format's range; at most 100 tensors). DIR must be \
            new, empty, or a folder mpstudy wrote (replaced as a whole once the new one is complete).

            With --run DIR, reads a captured run instead (a capture folder, written by the Python \
            hooks of python/mpstudy_capture or by analyze --dump-tensors) and writes the per-layer, \
            per-step report analyze writes (run.json, steps.csv, layers.csv, histograms.csv, charts/, \
            summary.md) into --output, counting each captured tensor against one compute format (half, \
            bfloat16 or single) with the analyzer's own kernels; FP8/FP6/FP4 formats and block schemes \
            are not supported with --run. A capture holds no training facts (policy, batch, seed, \
            accuracy): the report says "captured run" instead.

            --format also takes runtime formats: eXmY (IEEE-like: overflow to infinity, as half), \
            eXmYfn (no infinities: saturates, as e4m3), custom:p=P,emax=E,emin=E[,inf=yes|no,nan=yes|no] \
            (w 2-11, p 2-53; built-in names win).

            Examples:
              mpstudy inspect model.safetensors
              mpstudy inspect weights.npz --format e4m3,mxfp8,half --tensor dense_1
              mpstudy inspect w.safetensors --format e5m10,e4m3fn,custom:p=3,emax=15,emin=-14
              mpstudy inspect a.npy b.npy --format all --output Reports/inspect-ab
              mpstudy inspect --run capture/ --format bfloat16 --output Reports/captured

            A file that is malformed (truncated, a header that disagrees with its size, offsets \
            outside the file or overlapping, a zip member that inflates beyond its size) or holds a \
            tensor of another type is refused with one line naming the file and tensor (exit 1); an \
            unknown format or --tensor name is a usage error (exit 64).
            """)

    @Argument(help: ArgumentHelp("Tensor files: .npy, .npz, .safetensors.", valueName: "file"))
    var files: [String] = []

    @Option(
        name: .customLong("format"),
        help: "Formats and schemes to round to.",
        default: "half,bfloat16,e4m3,e5m2,mxfp8,mxfp4,nvfp4")
    var formats: Selection<InspectTargetName>?

    @Option(
        name: .customLong("tensor"), parsing: .singleValue,
        help: ArgumentHelp("Only the tensor with this name (repeatable). Default: every tensor.", valueName: "name"))
    var tensorNames: [String] = []

    @Option(help: "Also write a report folder: new, empty, or one mpstudy wrote (replaced as a whole).")
    var output: String?

    @Option(
        name: .customLong("run"),
        help: ArgumentHelp(
            "A capture folder (manifest.json + step files, docs/capture-format.md) instead of files: the per-layer, per-step report analyze writes, for one --format (half, bfloat16 or single; default half).",
            valueName: "dir"))
    var captureFolder: String?

    func validate() throws {
        if captureFolder != nil { return try validateRun() }
        guard !files.isEmpty else { throw ValidationError("give at least one tensor file (.npy, .npz, .safetensors)") }
    }

    func run() throws {
        if let captureFolder { return try runCaptured(captureFolder) }
        let targets = formats?.values ?? InspectTargetName.defaults
        let destination = try output.map { path throws(ReportWriteError) in try RunFolderTarget(checking: path, for: .inspection) }
        let opened = try files.map { path throws(TensorFileError) in try TensorFile(path: path) }
        let chosen = try InspectSelection.tensors(in: opened, named: tensorNames)
        let inspector = TensorInspector()
        var inspected: [InspectedTensor] = []
        for stored in chosen {
            let values = try stored.floatValues()
            let fits = try values.withUnsafeBufferPointer { x throws(ScaledQuantizer.SchemeError) in
                let census = TensorCensus(x)
                return try targets.map { name throws(ScaledQuantizer.SchemeError) in
                    InspectedFit(
                        target: name.name,
                        fit: try inspector.fit(x, shape: stored.shape, census: census, target: name.target))
                }
            }
            inspected.append(
                InspectedTensor(
                    file: stored.path, name: stored.name, elementType: stored.elementType.rawValue, shape: stored.shape,
                    fits: fits))
        }
        let report = InspectionReport(files: files, targets: targets.map(\.name), tensors: inspected)
        print(InspectionTable.text(report), terminator: "")
        if let destination {
            destination.removeAbandonedTemporaries()
            try InspectionFolder.publish(report, to: destination)
            print("inspect: \(destination.path)/")
        }
    }
}

/// Which tensors `--tensor` picks.
enum InspectSelection {
    /// A `--tensor` name that no file holds: the command line named something that is not there.
    struct UnknownTensor: UsageError, CustomStringConvertible {
        let description: String
    }

    /// The tensors of `files` named in `names` (all when empty), in file order; every name must
    /// be found in some file.
    static func tensors(in files: [TensorFile], named names: [String]) throws(UnknownTensor) -> [StoredTensor] {
        let all = files.flatMap(\.tensors)
        guard !names.isEmpty else { return all }
        for name in names where !all.contains(where: { $0.name == name }) {
            let known = all.prefix(8).map(\.name).joined(separator: ", ") + (all.count > 8 ? ", ..." : "")
            throw UnknownTensor(
                description:
                    "--tensor '\(name)': no such tensor in \(files.map(\.path).joined(separator: ", ")) (tensors: \(known))"
            )
        }
        return all.filter { names.contains($0.name) }
    }
}

//===--- CapturedRunEndToEndTests.swift -----------------------------------===//
//
// analyze --dump-tensors, then inspect --run on the dump: the same records as analyze's own.
//
//===----------------------------------------------------------------------===//

import Foundation
import Testing
import _TestSupport

/// The oracle of `inspect --run` is `analyze` itself: the tensors dumped on a step are the
/// values analyze rounded there, so recounting them must give exactly the records analyze
/// wrote for that step (every rounding statistic: counts, error sums and maxima, histogram,
/// the counts without loss scaling), layer by layer and tensor by tensor. The tiny run of
/// ``TrainingRunsEndToEndTests`` (4 steps of 16 samples, 8 units, one thread).
@Suite("analyze --dump-tensors and inspect --run")
struct CapturedRunEndToEndTests {
    /// The tensor records (layer, tensor) -> record of `steps` in a run.json, keeping only
    /// those with rounding statistics (the dump holds what was rounded; updates and drift are
    /// not rounding sites).
    static func roundedRecords(_ path: String, steps: Set<Int>) throws -> [String: NSDictionary] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let all = try #require(json["steps"] as? [[String: Any]])
        var records: [String: NSDictionary] = [:]
        for step in all {
            let number = try #require(step["step"] as? Int)
            guard steps.contains(number) else { continue }
            for tensor in try #require(step["tensors"] as? [[String: Any]]) where tensor["rounding"] != nil {
                var kept = tensor
                kept["drift"] = nil
                records["\(number) \(tensor["layer"]!) \(tensor["tensor"]!)"] = kept as NSDictionary
            }
        }
        return records
    }

    @Test(
        "inspect --run on analyze's dump gives analyze's records of the dumped steps",
        arguments: [("mixed_float16", "half"), ("mixed_bfloat16", "bfloat16"), ("float16", "half")])
    func sameRecords(policy: String, format: String) throws {
        try TrainingRunsEndToEndTests.withData { folder in
            let analyze = try mpstudy(
                ["analyze"] + TrainingRunsEndToEndTests.tiny + [
                    "--policy", policy, "--shadow-every", "2", "--output", "run", "--dump-tensors", "2,4",
                    "--dump-dir", "dump",
                ], in: folder)
            expectSuccess(analyze)
            #expect(analyze.output.contains("dump: dump/"), "\(analyze)")
            let files = FileTree.entries(folder.file("dump"))
            #expect(files == ["manifest.json", "step-00000002.safetensors", "step-00000004.safetensors"], "\(files)")

            let inspect = try mpstudy(["inspect", "--run", "dump", "--format", format, "--output", "insp"], in: folder)
            expectSuccess(inspect)
            #expect(inspect.output.contains("## dense_1") && inspect.output.contains("flushed"), "\(inspect)")

            let expected = try Self.roundedRecords(folder.file("run/run.json"), steps: [2, 4])
            let found = try Self.roundedRecords(folder.file("insp/run.json"), steps: [2, 4])
            // 3 Dense layers x (kernel, bias, forward output, activation, gradient, kernel and
            // bias gradients) + the input cast of dense_1, on each of 2 steps.
            #expect(expected.count == 2 * (3 * 7 + 1), "\(expected.keys.sorted())")
            #expect(found.keys.sorted() == expected.keys.sorted())
            for (key, record) in expected {
                #expect(found[key] == record, "\(key): inspect --run \(found[key] ?? [:]) analyze \(record)")
            }
            let summary = FileTree.text(folder.file("insp/summary.md")) ?? ""
            #expect(summary.contains("captured run") && summary.contains("Not in a capture"), "\(summary)")

            // The run folder of a captured run regenerates like any other.
            let report = try mpstudy(["report", "insp/run.json", "--output", "copy"], in: folder)
            expectSuccess(report)
            #expect(FileTree.files(under: folder.file("copy")) == FileTree.files(under: folder.file("insp")))
        }
    }

    @Test("the dump folder is replaced when mpstudy wrote it, refused when it holds a file of the user's")
    func dumpFolder() throws {
        try TrainingRunsEndToEndTests.withData { folder in
            let args = ["analyze"] + TrainingRunsEndToEndTests.tiny + ["--output", "run", "--dump-dir", "dump"]
            expectSuccess(try mpstudy(args + ["--dump-tensors", "1"], in: folder))
            expectSuccess(try mpstudy(args + ["--dump-tensors", "3"], in: folder))
            #expect(FileTree.entries(folder.file("dump")) == ["manifest.json", "step-00000003.safetensors"])
            expectRefusal(
                try mpstudy(["inspect", "--run", "dump", "--output", "dump"], in: folder), status: ExitStatus.usage,
                mentions: ["would replace the capture folder"])
            #expect(FileTree.entries(folder.file("dump")) == ["manifest.json", "step-00000003.safetensors"])
            try FileTree.write("mine", to: folder.file("dump/notes.txt"))
            expectRefusal(
                try mpstudy(args + ["--dump-tensors", "1"], in: folder), status: ExitStatus.failure,
                mentions: ["dump", "notes.txt"])
            #expect(FileTree.text(folder.file("dump/notes.txt")) == "mine")
        }
    }

    @Test("bad --dump-tensors and --run command lines are usage errors")
    func usage() throws {
        try withScratchFolder(prefix: "mpstudy-e2e") { folder in
            let cases: [([String], [String])] = [
                (["analyze", "--dump-tensors", "1"], ["--dump-dir"]),
                (["analyze", "--dump-dir", "d"], ["--dump-tensors"]),
                (["analyze", "--dump-tensors", "0", "--dump-dir", "d"], ["'0'"]),
                (["analyze", "--dump-tensors", "3-1", "--dump-dir", "d"], ["backwards"]),
                (["analyze", "--dump-tensors", "1", "--dump-dir", "d", "--policy", "float32"], ["float32"]),
                (["inspect", "--run", "d", "--format", "e4m3"], ["e4m3", "not supported with --run"]),
                (["inspect", "--run", "d", "--format", "half,bfloat16"], ["one format"]),
                (["inspect", "--run", "d", "x.npy"], ["--run"]),
            ]
            for (arguments, mentions) in cases {
                expectRefusal(try mpstudy(arguments, in: folder), status: ExitStatus.usage, mentions: mentions)
            }
        }
    }

    @Test("a capture whose manifest is of another version is refused in one line (exit 1)")
    func badCapture() throws {
        try withScratchFolder(prefix: "mpstudy-e2e") { folder in
            try FileTree.makeFolder(folder.file("cap"))
            try FileTree.write(
                "{\"mpstudy_capture\": 2, \"framework\": \"x\", \"layers\": [\"a\"], \"steps\": []}",
                to: folder.file("cap/manifest.json"))
            expectRefusal(
                try mpstudy(["inspect", "--run", "cap"], in: folder), status: ExitStatus.failure,
                mentions: ["cap/manifest.json", "version 2"])
        }
    }
}

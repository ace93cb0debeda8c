import Testing
import _TestSupport

/// `train` and `analyze` on tiny synthetic data, and `report` regenerating what `analyze`
/// wrote, byte for byte: the round trip a user relies on to update committed reports.
///
/// Sizes: 80 training images with validation split 0.2 leave 64 (Keras holds out the last
/// 80 · 0.2 = 16), in batches of 16: 4 steps per epoch; 8 hidden units; one epoch; one thread.
@Suite("train, analyze and report")
struct TrainingRunsEndToEndTests {
    static let tiny = [
        "--data", "data", "--units", "8", "--batch-size", "16", "--epochs", "1", "--threads", "1", "--seed", "5",
    ]

    /// A scratch folder holding `data/` (the synthetic MNIST set, gzipped, with SHA256SUMS).
    static func withData<R>(_ body: (ScratchFolder) throws -> R) throws -> R {
        try withScratchFolder(prefix: "mpstudy-e2e") { folder in
            try FileTree.makeFolder(folder.file("data"))
            try SyntheticMNIST(trainCount: 80, testCount: 20).write(to: folder.file("data"))
            return try body(folder)
        }
    }

    @Test func trainPrintsEpochAndTestLines() throws {
        try Self.withData { folder in
            let result = try mpstudy(["train"] + Self.tiny, in: folder)
            expectSuccess(result)
            #expect(result.output.contains("4/4 ["), "one Keras epoch line of 4 steps: \(result)")
            #expect(result.output.lowercased().contains("test"), "\(result)")
        }
    }

    /// analyze -> report into another folder -> identical files; report in place -> unchanged;
    /// report --index over the folder lists the run.
    @Test func analyzeThenReportRoundTrip() throws {
        try Self.withData { folder in
            let analyze = try mpstudy(["analyze"] + Self.tiny + ["--shadow-every", "1", "--output", "run"], in: folder)
            expectSuccess(analyze)
            let written = FileTree.files(under: folder.file("run"))
            for name in ["run.json", "steps.csv", "layers.csv", "histograms.csv", "summary.md"] {
                #expect(written[name] != nil, "analyze wrote \(name)")
            }
            #expect(
                written.keys.contains { $0.hasPrefix("charts/") && $0.hasSuffix(".svg") },
                "charts: \(written.keys.sorted())")
            let steps = String(decoding: written["steps.csv"] ?? [], as: UTF8.self).split(separator: "\n")
            #expect(steps.count == 1 + 4, "a header and 4 steps: \(steps)")

            let copy = try mpstudy(["report", "run/run.json", "--output", "copy"], in: folder)
            expectSuccess(copy)
            #expect(Self.differences(written, FileTree.files(under: folder.file("copy"))) == [])

            let inPlace = try mpstudy(["report", "run/run.json"], in: folder)
            expectSuccess(inPlace)
            #expect(Self.differences(written, FileTree.files(under: folder.file("run"))) == [])

            let index = try mpstudy(["report", "--index", "."], in: folder)
            expectSuccess(index)
            #expect(FileTree.text(folder.file("README.md"))?.contains("run/summary.md") == true, "\(index)")
        }
    }

    /// With `--compare`, the compared policy's report sits in its subfolder and is regenerated too.
    @Test func comparisonRoundTrip() throws {
        try Self.withData { folder in
            let analyze = try mpstudy(
                ["analyze"] + Self.tiny + [
                    "--policy", "float16", "--compare", "float32",
                    "--layer", "dense_2", "--output", "cmp",
                ], in: folder)
            expectSuccess(analyze)
            let written = FileTree.files(under: folder.file("cmp"))
            #expect(
                written["float32/run.json"] != nil && written["float32/summary.md"] != nil, "\(written.keys.sorted())")
            let copy = try mpstudy(["report", "cmp/run.json", "--output", "copy"], in: folder)
            expectSuccess(copy)
            #expect(Self.differences(written, FileTree.files(under: folder.file("copy"))) == [])
        }
    }

    /// A recipe run compared with another recipe: each summary has the table of the GEMM
    /// operands, each run.json the recipe with the options given (the history length reaches
    /// the compared fp8_delayed run), and `report` regenerates every file byte for byte.
    @Test func recipeRunsRecordTheirOperands() throws {
        try Self.withData { folder in
            let analyze = try mpstudy(
                ["analyze"] + Self.tiny + [
                    "--policy", "mxfp4", "--compare", "fp8_delayed", "--amax-history", "4", "--output", "rec",
                ], in: folder)
            expectSuccess(analyze)
            let written = FileTree.files(under: folder.file("rec"))
            for summary in ["summary.md", "fp8_delayed/summary.md"] {
                let text = String(decoding: written[summary] ?? [], as: UTF8.self)
                #expect(text.contains("GEMM operands under the recipe"), "\(summary)")
            }
            let mx = String(decoding: written["summary.md"] ?? [], as: UTF8.self)
            #expect(mx.contains("| input          | e2m1    | mx32    |"), "\(mx)")
            // MXFP8 backward in E4M3, Transformer Engine's MXFP8BlockScaling default.
            #expect(mx.contains("| wgrad_gradient | e4m3    | mx32    |"), "\(mx)")
            // The error budget runs on the shadow pass's steps (step 1 of the 4 here), for the
            // recipe too, and the shadow pass itself (a recipe quantises in float32 compute).
            #expect(mx.contains("GEMM error budget") && mx.contains("| forward |      1 |"), "\(mx)")
            #expect(mx.contains("Output against the float32 shadow pass"), "\(mx)")
            let delayed = String(decoding: written["fp8_delayed/run.json"] ?? [], as: UTF8.self)
            #expect(delayed.contains("\"amaxHistoryLength\":4") && delayed.contains("\"quantizations\":["))
            // Counterfactuals: MX against one per-tensor scale, delayed against current scaling.
            #expect(mx.contains("| input          | one per-tensor scale |"), "\(mx)")
            let delayedSummary = String(decoding: written["fp8_delayed/summary.md"] ?? [], as: UTF8.self)
            #expect(delayedSummary.contains("| input          | current scaling |"), "\(delayedSummary)")
            // The recipe charts, linked from summary.md.
            for chart in ["recipe-scales-dense_1", "recipe-scales-dense_logits", "block-spread", "error-budget"] {
                #expect(written["charts/\(chart).svg"] != nil, "\(chart)")
                #expect(mx.contains("(charts/\(chart).svg)"), "\(chart)")
            }
            #expect(written["fp8_delayed/charts/block-spread.svg"] == nil)
            #expect(written["fp8_delayed/charts/recipe-scales-dense_2.svg"] != nil)
            // layers.csv: operand and error-budget rows, every row as wide as the header.
            let rows = String(decoding: written["layers.csv"] ?? [], as: UTF8.self).split(separator: "\n")
            let width = rows[0].split(separator: ",", omittingEmptySubsequences: false).count
            for row in rows {
                #expect(row.split(separator: ",", omittingEmptySubsequences: false).count == width, "\(row)")
            }
            #expect(rows.contains { $0.hasPrefix("mxfp4,1,1,0,dense_1,input,e2m1,") && $0.contains(",mx32,") })
            #expect(rows.contains { $0.hasPrefix("mxfp4,1,1,0,dense_1,gemm_forward,") })
            let copy = try mpstudy(["report", "rec/run.json", "--output", "copy"], in: folder)
            expectSuccess(copy)
            #expect(Self.differences(written, FileTree.files(under: folder.file("copy"))) == [])
        }
    }

    /// `report` into an output folder that cannot be created (a path through a regular file):
    /// exit 1, one line, and nothing written.
    @Test func reportOutputNotWritable() throws {
        try Self.withData { folder in
            expectSuccess(
                try mpstudy(["analyze"] + Self.tiny + ["--shadow-every", "0", "--output", "run"], in: folder))
            try FileTree.write("not a folder\n", to: folder.file("blocker"))
            let result = try mpstudy(["report", "run/run.json", "--output", "blocker/copy"], in: folder)
            expectRefusal(result, status: ExitStatus.failure, mentions: ["blocker"])
            let index = try mpstudy(["report", "--index", "blocker"], in: folder)
            expectRefusal(index, status: ExitStatus.failure, mentions: ["blocker"])
        }
    }

    /// The files that differ between two trees (missing on either side, or other bytes).
    static func differences(_ a: [String: [UInt8]], _ b: [String: [UInt8]]) -> [String] {
        Set(a.keys).union(b.keys).sorted().filter { a[$0] != b[$0] }
    }
}

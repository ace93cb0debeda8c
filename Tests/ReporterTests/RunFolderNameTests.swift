import Analyzer
import Testing
import _TestSupport
@testable import Reporter

/// A run.json names its compared runs' folders; `report` follows only plain subfolder names,
/// so a hostile run.json cannot make it read or write outside the folders given.
@Suite struct RunFolderNameTests {
    @Test func plainNames() {
        for name in ["float32", "mixed_float16", "mixed_bfloat16", "fp8_delayed", "mxfp8", "nvfp4", "a.b-c"] {
            #expect(RunFolderName.isValid(name), "\(name)")
        }
        for name in [
            "", ".", "..", "../B", "/tmp/x", "a/b", ".hidden", "-x", "charts", "run.json", "a b", "é", "x\n",
            String(repeating: "a", count: 65),
        ] {
            #expect(!RunFolderName.isValid(name), "\(name.debugDescription)")
        }
    }

    /// The committed comparison's layout with its compared folder renamed in run.json.
    @Test(arguments: ["../B", "/tmp/mpstudy-escape", "x/../../B", ".."])
    func regenerationRefusesTraversal(folder: String) throws {
        try withScratchFolder { scratch in
            let input = scratch.file("in/A")
            var primary = ReportFixture.record()
            var compared = ReportFixture.record()
            compared.settings.policy = "float32"
            primary.comparison = [primary.outcome(folder: "."), compared.outcome(folder: folder)]
            try RunFolderWriter.write(primary, to: OutputFolder(preparing: input))
            try RunFolderWriter.write(compared, to: OutputFolder(preparing: scratch.file("in/B")))
            do throws(ReportReadError) {
                _ = try RunFolderRegenerator.plan(runJSON: input + "/run.json", output: scratch.file("out/A"))
                Issue.record("accepted the compared folder \(folder)")
            } catch {
                #expect(error.reason.contains("not a plain subfolder name"), "\(error)")
            }
            #expect(FileTree.entries(scratch.path) == ["in"])
        }
    }

    @Test func regenerationRefusesAFolderNamedTwice() throws {
        try withScratchFolder { scratch in
            var primary = ReportFixture.record()
            primary.comparison = [
                primary.outcome(folder: "."), primary.outcome(folder: "float32"), primary.outcome(folder: "float32"),
            ]
            try RunFolderWriter.write(primary, to: OutputFolder(preparing: scratch.file("A")))
            #expect(throws: ReportReadError.self) {
                try RunFolderRegenerator.plan(runJSON: scratch.file("A/run.json"), output: scratch.file("out"))
            }
        }
    }
}

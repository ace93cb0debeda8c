import Analyzer
import Foundation
import Precision
import Testing
import _TestSupport
@testable import Reporter

/// `mpstudy report`: run folders and the reports index rebuilt from run.json, byte for byte.
@Suite struct ReportRegenerationTests {
    /// Every regular file under `folder`, by path relative to it, with its bytes.
    static func tree(_ folder: String) -> [String: [UInt8]] { FileTree.files(under: folder) }

    /// Names the files that differ between two trees (missing on either side, or other bytes).
    static func differences(_ a: [String: [UInt8]], _ b: [String: [UInt8]]) -> [String] {
        Set(a.keys).union(b.keys).sorted().filter { a[$0] != b[$0] }
    }

    /// The repository root (this file is Tests/ReporterTests/<name>.swift).
    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    /// A comparison written as `mpstudy analyze --compare float32` writes it: the primary
    /// mixed_float16 run with the comparison rows, float32's report in `float32/`.
    static func writeComparison(into root: String) throws {
        let primaryRun = try AnalysisDeterminismTests.analyze(AnalysisDeterminismTests.settings(policy: .mixedFloat16))
        var compared = try AnalysisDeterminismTests.analyze(AnalysisDeterminismTests.settings(policy: .float32))
        compared.comparison = []
        var primary = primaryRun
        primary.comparison = [primaryRun.outcome(folder: "."), compared.outcome(folder: "float32")]
        try RunFolderWriter.write(primary, to: OutputFolder(preparing: root))
        try RunFolderWriter.write(compared, to: OutputFolder(preparing: root + "/float32"))
    }

    @Test func comparisonFolderIsRegeneratedByteForByte() throws {
        try withScratchFolder { scratch in
            let original = scratch.file("original")
            try Self.writeComparison(into: original)
            let copy = scratch.file("copy")
            let plans = try RunFolderRegenerator.plan(runJSON: original + "/run.json", output: copy)
            #expect(plans.map(\.record.settings.policy) == ["mixed_float16", "float32"])
            try RunFolderRegenerator.write(plans)
            let before = Self.tree(original)
            let after = Self.tree(copy)
            // The analysis writes at least these files, in both folders.
            for name in RunFolderWriter.fileNames {
                #expect(before[name] != nil && before["float32/" + name] != nil, "\(name)")
            }
            #expect(Self.differences(before, after) == [])
            // The record's step times survive the round trip (they are the one non-reproducible number).
            let seconds = try RunFolderReader.record(at: copy + "/run.json").steps.compactMap(\.metrics?.seconds)
            #expect(seconds == plans[0].record.steps.compactMap(\.metrics?.seconds) && !seconds.isEmpty)
        }
    }

    @Test func missingComparedRunLeavesTheOutputUntouched() throws {
        try withScratchFolder { scratch in
            let original = scratch.file("original")
            try Self.writeComparison(into: original)
            FileTree.remove(original + "/float32/run.json")
            let copy = scratch.file("copy")
            #expect(throws: ReportReadError(path: original + "/float32/run.json", reason: "no such file")) {
                try RunFolderRegenerator.plan(runJSON: original + "/run.json", output: copy)
            }
            #expect(!FileTree.exists(copy))
        }
    }

    @Test func badRecordsAreRefusedInOneLine() throws {
        try withScratchFolder { scratch in
            let folder = scratch.path
            let good = try JSONWriter.text(ReportFixture.record())
            let cases: [(String, String)] = [
                (String(good.prefix(good.count / 2)), "not a JSON object (truncated or not a run.json)"),
                ("[1, 2]", "not a JSON object (truncated or not a run.json)"),
                ("{\"steps\": []}", "no schemaVersion: not a run.json written by mpstudy analyze"),
                (
                    good.replacingOccurrences(
                        of: "\"schemaVersion\":\(RunRecord.currentSchemaVersion)", with: "\"schemaVersion\":1"),
                    "schema version 1; this mpstudy reads versions 2 to \(RunRecord.currentSchemaVersion) (rerun the analysis)"
                ),
                (
                    good.replacingOccurrences(of: "\"batch\":0,", with: ""),
                    "malformed run record: missing 'batch' at steps[0]"
                ),
            ]
            for (index, (text, reason)) in cases.enumerated() {
                let path = folder + "/case\(index).json"
                try AtomicFile.write(text, to: path)
                #expect(throws: ReportReadError(path: path, reason: reason)) { try RunFolderReader.record(at: path) }
            }
            #expect(throws: ReportReadError(path: folder, reason: "is a folder; give the run.json inside it")) {
                try RunFolderReader.record(at: folder)
            }
        }
    }

    /// The committed Reports/: every run folder its README.md lists (with its compared runs)
    /// and README.md itself are exactly what `mpstudy report` writes from the committed
    /// run.json files. (Runs a user adds later, e.g. the main job's own folder, are not in
    /// the committed README and are left out.)
    @Test func committedReportsAreReproducedByteForByte() throws {
        let reports = Self.repositoryRoot + "/Reports"
        let readme = String(
            decoding: try #require(FileManager.default.contents(atPath: reports + "/README.md")), as: UTF8.self)
        let listed = Set(
            readme.split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("| [`"), let end = line.range(of: "/summary.md)") else { return nil }
                let link = line[line.index(line.startIndex, offsetBy: 3)..<end.lowerBound]
                return link.split(separator: "(").last.map { String($0.split(separator: "/").first ?? "") }
            })
        let runs = try ReportIndex.runs(in: reports).filter {
            listed.contains(String($0.folder.split(separator: "/").first ?? ""))
        }
        let folders = runs.map(\.folder).filter { !$0.contains("/") }
        #expect(folders.count >= 3, "\(folders)")
        try withScratchFolder { scratch in
            for folder in folders {
                let copy = scratch.file(folder)
                try RunFolderRegenerator.write(
                    RunFolderRegenerator.plan(runJSON: reports + "/" + folder + "/run.json", output: copy))
                #expect(Self.differences(Self.tree(reports + "/" + folder), Self.tree(copy)) == [], "\(folder)")
            }
        }
        let discussion = try #require(try IndexDiscussion.read(in: reports), "Reports/DISCUSSION.md")
        #expect(
            try readme == ReportIndexWriter.readme(runs, studies: IndexedStudy.all(in: reports), discussion: discussion)
        )
    }

    /// Every committed study's files are what `mpstudy study` writes from its runs' run.json
    /// files: study.json (grid and results), study.md, study.csv and the chart.
    @Test func committedStudiesRegenerate() throws {
        let reports = Self.repositoryRoot + "/Reports"
        let studies = try IndexedStudy.all(in: reports)
        for indexed in studies {
            let folder = reports + "/" + indexed.folder
            var study = indexed.study
            study.results = StudyResults(
                grids: study.grids, results: study.runs.map { StudyRunResult.read($0, in: folder) })
            #expect(study.results == indexed.results, "\(indexed.folder): study.json's results")
            let name = (indexed.folder as NSString).lastPathComponent
            let read = { (file: String) in try String(contentsOfFile: folder + "/" + file, encoding: .utf8) }
            #expect(try read("study.json") == study.encoded(), "\(indexed.folder)/study.json")
            #expect(try read("study.md") == StudyReportWriter.markdown(study, results: study.results!, name: name))
            #expect(try read("study.csv") == StudyReportWriter.csv(study.results!))
            #expect(
                try read("charts/test-accuracy.svg") == StudyStripChart(results: study.results!, name: name).svg)
        }
    }
}

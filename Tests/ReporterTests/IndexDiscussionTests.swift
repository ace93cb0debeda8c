import Analyzer
import Foundation
import Precision
import Testing
import _TestSupport
@testable import Reporter

/// The reports index's hand-written text (DISCUSSION.md): where it goes, its figures, its errors.
@Suite struct IndexDiscussionTests {
    /// A finished run of the blog's configuration under `policy` (the fixture's one step of
    /// 0.25 s: 250 ms/step), with test accuracy `accuracy` and seed `seed`.
    static func blogRun(_ policy: PrecisionPolicy, accuracy: Double, seed: UInt64 = 0) -> IndexedRun {
        var record = ReportFixture.record()
        record.settings.policy = policy.name
        record.settings.computeFormat = policy.compute
        record.settings.variableFormat = policy.variable
        record.settings.lossScaling = policy.defaultLossScaling
        record.settings.lossScalingExplicit = false
        record.settings.units = 4096
        record.settings.batchSize = 8192
        record.settings.epochs = 5
        record.settings.seed = seed
        record.settings.data = "Data/mnist"
        record.environment.cpu = "Test CPU"
        record.environment.cores = 1
        record.test = EvaluationRecord(
            metrics: MetricsRecord(samples: 10_000, loss: 0.3, accuracy: accuracy), seconds: 1)
        return IndexedRun(folder: "\(policy.name)-s\(seed)", record: record)
    }

    @Test func splitsAtLevelTwoHeadingsOutsideFences() {
        let text =
            "# Title\n\nIntro.\n\n\n## Beside the blog\n\nFirst.\n\n```\n## not a heading\n```\n\n## Notes \nLast.\n\n"
        let discussion = IndexDiscussion(parsing: text)
        #expect(discussion.opening == "# Title\n\nIntro.")
        #expect(
            discussion.sections == [
                IndexDiscussion.Section(heading: "Beside the blog", body: "First.\n\n```\n## not a heading\n```"),
                IndexDiscussion.Section(heading: "Notes", body: "Last."),
            ])
        #expect(IndexDiscussion(parsing: "").opening == "" && IndexDiscussion(parsing: "").sections.isEmpty)
    }

    /// The blog's figures are constants: 289 / 126 = 2.2937 (2.29); 0.902 - 0.9247 = -2.27
    /// points (-2.3). The runs: 250 ms/step each (ratio 1.00, 250/289 = 0.87 rounds to 1),
    /// accuracies 0.91 and 0.88 (+3.0 points); the best of the float32 seeds 0.88 and 0.9.
    @Test func figuresComeFromTheRuns() throws {
        let runs = [
            Self.blogRun(.mixedFloat16, accuracy: 0.91), Self.blogRun(.float32, accuracy: 0.88),
            Self.blogRun(.float32, accuracy: 0.9, seed: 1),
        ]
        let values = IndexFigures.values(runs)
        // Every figure but the study.* ones, which need a study (no study here).
        #expect(Set(values.keys) == Set(IndexFigures.names.filter { !$0.hasPrefix("study.") }))
        #expect(values["blog.speedup"] == "2.29" && values["blog.difference"] == "-2.3 points")
        #expect(values["blog.mixed_float16.test_accuracy"] == "0.9020" && values["blog.float32.ms_per_step"] == "289")
        #expect(values["mpstudy.slowdown"] == "1.00" && values["mpstudy.float32_over_blog"] == "1")
        #expect(values["mpstudy.float32.ms_per_step"] == "250" && values["mpstudy.difference"] == "+3.0 points")
        #expect(values["mpstudy.cores"] == "1 core" && values["mpstudy.cpu"] == "Test CPU")
        #expect(
            values["mpstudy.steps"] == "1" && values["mpstudy.epochs"] == "5"
                && values["mpstudy.steps_per_epoch"] == "1")
        #expect(values["seeds.float32.best_test_accuracy"] == "0.9000" && values["seeds.float32.runs"] == "2 seeds")

        let discussion = IndexDiscussion(
            parsing: "# R\n\n## Beside the blog\n\n{{blog.speedup}}x; {{ mpstudy.difference }}.")
        let page = try ReportIndexWriter.readme(runs, discussion: discussion)
        #expect(page.hasPrefix("# R\n\n## Runs\n\n"))
        #expect(
            page.contains(
                "| float32       |                289 |                   250 |             0.9247 |                0.8800 |\n\n2.29x; +3.0 points.\n\n### Seed to seed\n\n"
            ))
    }

    @Test func badPlaceholdersAreRefusedInOneLine() {
        let runs = [Self.blogRun(.mixedFloat16, accuracy: 0.91)]
        let cases = [
            ("{{blog.speedup", "'{{' without a closing '}}'"),
            ("{{speed}}", "unknown figure {{speed}} (known: \(IndexFigures.names.joined(separator: ", ")))"),
            (
                "{{mpstudy.slowdown}}",
                "{{mpstudy.slowdown}} has no value for these runs (it needs finished mixed_float16 and float32 runs of the blog's configuration)"
            ),
        ]
        for (body, reason) in cases {
            let discussion = IndexDiscussion(parsing: "## Beside the blog\n\n" + body, path: "R/DISCUSSION.md")
            #expect(throws: ReportReadError(path: "R/DISCUSSION.md", reason: reason)) {
                try ReportIndexWriter.readme(runs, discussion: discussion)
            }
        }
    }

    /// Text for a generated section follows its table; an unknown section comes last.
    @Test func sectionsGoWhereTheirHeadingsAre() throws {
        let runs = [Self.blogRun(.float32, accuracy: 0.88)]
        let discussion = IndexDiscussion(parsing: "Intro.\n## Epilogue\n\nThe end.\n## Runs\n\nAbout the runs.\n")
        let page = try ReportIndexWriter.readme(runs, discussion: discussion)
        let runTable = ReportIndexWriter.runTable(runs)
        #expect(
            page.hasPrefix("Intro.\n\n## Runs\n\n" + runTable + "\nAbout the runs.\n\n## How each run was made\n\n"))
        #expect(page.hasSuffix("\n## Epilogue\n\nThe end.\n\n"))
        #expect(
            page.contains(
                "The blog's configuration has not been run under both policies here yet.\n\n## What each run shows"))
    }

    /// No DISCUSSION.md: `read` gives nil and the page is the generated part under `# Reports`.
    @Test func withoutDiscussionThePageHasOnlyWhatItComputes() throws {
        try withScratchFolder { scratch in
            let folder = scratch.path
            #expect(try IndexDiscussion.read(in: folder) == nil)
            let runs = [Self.blogRun(.mixedFloat16, accuracy: 0.91), Self.blogRun(.float32, accuracy: 0.88)]
            let page = try ReportIndexWriter.readme(runs, discussion: nil)
            #expect(page.hasPrefix("# Reports\n\n## Runs\n\n"))
            #expect(!page.contains("**Speed.**") && page.contains("## Beside the blog\n\n| policy "))

            try AtomicFile.write(
                "# Mine\n\n## Beside the blog\n\n{{blog.speedup}}x\n", to: folder + "/" + IndexDiscussion.fileName)
            let discussion = try #require(try IndexDiscussion.read(in: folder))
            #expect(
                discussion.path == folder + "/DISCUSSION.md"
                    && discussion.body(of: "Beside the blog") == "{{blog.speedup}}x")
        }
    }
}

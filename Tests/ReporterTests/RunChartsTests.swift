#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Analyzer
import Precision
import Testing
import _TestSupport
@testable import Reporter

/// Which charts a run gets, where they are written, how summary.md links them, and that they
/// are a pure function of the record.
@Suite struct RunChartsTests {
    static let comparisonCharts = [
        "charts/loss.svg", "charts/accuracy.svg", "charts/loss-scale.svg", "charts/heatmap-flush.svg",
        "charts/heatmap-overflow.svg",
        "charts/histogram-dense_1-activation.svg", "charts/histogram-dense_2-gradient.svg",
    ]

    @Test func chartList() {
        #expect(RunCharts.list(ChartFixture.comparison()).map(\.path) == Self.comparisonCharts)
    }

    /// float32 rounds nothing: curves only.
    @Test func float32RunHasNoHistogramsOrHeatMaps() {
        var run = ChartFixture.diverged()
        for i in run.steps.indices {
            for j in run.steps[i].tensors.indices { run.steps[i].tensors[j].rounding = nil }
        }
        #expect(RunCharts.list(run).map(\.path) == ["charts/loss.svg", "charts/accuracy.svg", "charts/loss-scale.svg"])
    }

    /// Every chart parses as XML, twice gives the same bytes, and so does the record read
    /// back from run.json (what `mpstudy report` regenerates from).
    @Test func wellFormedAndDeterministic() throws {
        let run = ChartFixture.comparison()
        let back = try JSONWriter.record(from: JSONWriter.text(run))
        for chart in RunCharts.list(run) {
            let text = RunCharts.svg(chart, run: run)
            #expect(ParsedSVG(text).error == nil, "\(chart.path)")
            #expect(text == RunCharts.svg(chart, run: run), "\(chart.path)")
            #expect(text == RunCharts.svg(chart, run: back), "\(chart.path) from run.json")
        }
    }

    /// Names with markup characters stay well-formed and make safe file names.
    @Test func hostileNames() throws {
        var run = ChartFixture.gradientRecord(steps: [([0: 1], 2)])
        run.steps[0].tensors[0].layer = "d<&\"'>/x"
        run.layers = ["d<&\"'>/x"]
        let charts = RunCharts.list(run)
        #expect(charts.last?.path == "charts/histogram-d------x-gradient.svg")
        for chart in charts { #expect(ParsedSVG(RunCharts.svg(chart, run: run)).error == nil, "\(chart.path)") }
    }

    @Test func summaryEmbedsCharts() throws {
        let summary = MarkdownWriter.summary(ChartFixture.comparison())
        let findings = try #require(summary.range(of: "## Findings"))
        let curves = try #require(
            summary.range(
                of:
                    "![Loss per training step](charts/loss.svg)\n\n![Accuracy per training step](charts/accuracy.svg)\n\n![Loss scale per training step](charts/loss-scale.svg)\n"
            ))
        let comparison = try #require(summary.range(of: "## Policy comparison"))
        #expect(comparison.upperBound < curves.lowerBound && curves.upperBound < findings.lowerBound)
        let heatMap = try #require(
            summary.range(of: "![Fraction flushed to zero per tensor and step](charts/heatmap-flush.svg)"))
        let dense1 = try #require(summary.range(of: "## dense_1\n"))
        #expect(findings.upperBound < heatMap.lowerBound && heatMap.upperBound < dense1.lowerBound)
        let dense2 = try #require(summary.range(of: "## dense_2\n"))
        let gradient = try #require(
            summary.range(of: "![dense_2 gradient: exponent histogram](charts/histogram-dense_2-gradient.svg)"))
        #expect(dense2.upperBound < gradient.lowerBound)
        #expect(
            summary.contains(
                "<details>\n<summary>Exponent histograms against the format's range (1 tensor)</summary>\n\n![dense_1 activation"
            ))
    }

    /// The tensor selection decides which histograms summary.md shows; all are still listed.
    @Test func summaryFollowsTheTensorSelection() {
        var run = ChartFixture.comparison()
        run.settings.tensors = TensorSelection(groups: [.activations])
        let summary = MarkdownWriter.summary(run)
        #expect(summary.contains("charts/histogram-dense_1-activation.svg"))
        #expect(!summary.contains("charts/histogram-dense_2-gradient.svg"))
        #expect(RunCharts.list(run).map(\.path).contains("charts/histogram-dense_2-gradient.svg"))
    }

    /// The folder gets every chart under charts/, and the writer removes nothing: an SVG file
    /// it did not write stays (replacing an old run folder as a whole is
    /// ``RunFolderPublisher``'s job, which refuses folders holding files mpstudy did not write).
    @Test func runFolderWritesCharts() throws {
        try withScratchFolder { scratch in
            let folder = try OutputFolder(preparing: scratch.file("run"))
            let stale = try OutputFolder(preparing: folder.file("charts"))
            try AtomicFile.write("<svg/>", to: stale.file("histogram-old-gradient.svg"))
            try AtomicFile.write("mine", to: stale.file("notes.txt"))
            let run = ChartFixture.comparison()
            let written = try RunFolderWriter.write(run, to: folder)
            let names =
                ["run.json", "steps.csv", "layers.csv", "histograms.csv"] + Self.comparisonCharts + ["summary.md"]
            #expect(written == names.map(folder.file))
            #expect(
                FileTree.entries(folder.path) == [
                    "charts", "histograms.csv", "layers.csv", "run.json", "steps.csv", "summary.md",
                ])
            #expect(
                FileTree.entries(stale.path)
                    == (Self.comparisonCharts.map { String($0.dropFirst(7)) }
                    + ["histogram-old-gradient.svg", "notes.txt"]).sorted())
            let loss = try #require(FileTree.text(folder.file("charts/loss.svg")))
            #expect(loss == RunCharts.svg(RunCharts.list(run)[0], run: run))
        }
    }
}

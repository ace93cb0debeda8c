import Analyzer
import Foundation
import Testing
import _TestSupport
@testable import Reporter

/// A run of thousands of steps (issue 11: 18,000 steps took over 60 s and 7 GB to report):
/// its folder has the rows the steps give, charts whose size does not grow with the steps,
/// and `report` regenerates it byte for byte through the streaming reader.
@Suite struct LongRunReportTests {
    static let steps = 800

    /// The number of lines of the text file at `path`.
    static func lineCount(_ path: String) throws -> Int {
        let data = try #require(FileManager.default.contents(atPath: path))
        return data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    @Test func folderOfALongRun() throws {
        let run = LongRunFixture.record(steps: Self.steps)
        try withScratchFolder { scratch in
            let folder = try OutputFolder(preparing: scratch.file("run"))
            try RunFolderWriter.write(run, to: folder)
            // A header, then one row per step; per step and tensor record; per nonzero bin.
            #expect(try Self.lineCount(folder.file("steps.csv")) == 1 + Self.steps)
            #expect(try Self.lineCount(folder.file("layers.csv")) == 1 + Self.steps * LongRunFixture.tensorsPerStep)
            #expect(
                try Self.lineCount(folder.file("histograms.csv")) == 1 + Self.steps
                    * LongRunFixture.histogramRowsPerStep)
            // summary.md: its step table has a row per step.
            let summary = try #require(FileTree.text(folder.file("summary.md")))
            #expect(summary.components(separatedBy: "\n| \(Self.steps) ").count == 2)

            // The charts: 3 curves, 2 heat maps, a histogram per rounded tensor, none large (a
            // heat map has a cell per row and column: 24 rows of at most 300 columns).
            let charts = RunCharts.list(run)
            #expect(charts.count == 5 + LongRunFixture.layers.count * LongRunFixture.roundedKinds.count)
            for chart in charts {
                let size = try #require(
                    FileManager.default.attributesOfItem(atPath: folder.file(chart.path))[.size] as? Int)
                #expect(
                    size < ([.flushHeatMap, .overflowHeatMap].contains(chart.kind) ? 600_000 : 100_000),
                    "\(chart.path): \(size) bytes")
            }
            // Heat map: 24 rows of at most one cell per 2 pixels, each column k steps.
            let heatMap = ParsedSVG(try #require(FileTree.text(folder.file("charts/heatmap-flush.svg"))))
            let rows = LongRunFixture.layers.count * LongRunFixture.roundedKinds.count
            let chart = HeatMapChart(run, quantity: .flush)
            let k = chart.stepsPerColumn
            #expect(k > 1 && Double(Self.steps) / Double(k) <= chart.frame.plot.width / HeatMapChart.minimumCellWidth)
            #expect(heatMap.ofClass("cell").count == rows * ((Self.steps + k - 1) / k))
            // Every 250th step overflows dense_2's gradient: the overflow map shows those columns.
            let overflow = ParsedSVG(
                RunCharts.svg(try #require(charts.first { $0.kind == .overflowHeatMap }), run: run))
            let fills = overflow.ofClass("cell").map { $0.attributes["fill"] ?? "" }
            let columns = (Self.steps + k - 1) / k
            let gradientRow = 1 * LongRunFixture.roundedKinds.count + 5
            let shown = (0..<columns).filter { fills[gradientRow * columns + $0] != ChartPalette.zeroCell }
            #expect(shown == (1...(Self.steps / 250)).map { (250 * $0 - 1) / k })

            // `report` from the written run.json: the same folder, byte for byte.
            let copy = scratch.file("copy")
            let plans = try RunFolderRegenerator.plan(runJSON: folder.file("run.json"), output: copy)
            #expect(
                plans[0].record.steps.count == Self.steps && plans[0].record.steps.allSatisfy { $0.tensors.isEmpty })
            try RunFolderRegenerator.write(plans)
            #expect(
                ReportRegenerationTests.differences(
                    ReportRegenerationTests.tree(folder.path), ReportRegenerationTests.tree(copy)) == [])
            #expect(try RunFolderReader.record(at: copy + "/run.json") == run)
        }
    }
}

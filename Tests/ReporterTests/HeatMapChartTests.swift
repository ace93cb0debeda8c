import Analyzer
import Testing
@testable import Reporter

/// Heat maps: one cell per row and step, exact zeros in their own colour.
@Suite struct HeatMapChartTests {
    /// ``ChartFixture/diverged()``: rows dense_1/activation and dense_2/gradient (the kernel update
    /// is not rounded), 4 steps: 8 cells. Flush fractions: activation 0 on all 4 steps; gradient
    /// 1/7 at step 1, 0 at steps 2 and 3, no record at step 4.
    @Test func flushCellsRowsTimesSteps() throws {
        let chart = HeatMapChart(ChartFixture.diverged(), quantity: .flush)
        #expect(chart.rows.map { "\($0.layer)/\($0.tensor)" } == ["dense_1/activation", "dense_2/gradient"])
        let svg = ParsedSVG(chart.svg())
        #expect(svg.error == nil)
        let cells = svg.ofClass("cell")
        #expect(cells.count == 2 * 4)
        let fills = cells.map { $0.attributes["fill"] ?? "" }
        // Row-major: activation steps 1-4, then gradient steps 1-4.
        #expect(fills[0..<4].allSatisfy { $0 == "#ececec" })
        #expect(fills[5] == "#ececec" && fills[6] == "#ececec")
        #expect(fills[7] == "#ffffff", "step 4 has no gradient record")
        // 1/7: log10 = -0.84510; decades -1...0, so t = 0.15490 along viridis's 9 stops:
        // position 8t = 1.23922, between stop 1 (71, 44, 122) and stop 2 (59, 81, 139) at 0.23922:
        // (71 - 12·0.23922, 44 + 37·0.23922, 122 + 17·0.23922) = (68.13, 52.85, 126.07) = #44357e.
        #expect(fills[4] == "#44357e")
        let legend = svg.ofClass("legend").map(\.text)
        #expect(
            legend.contains("0: none flushed to zero") && legend.contains("not recorded that step")
                && legend.contains("skipped step"))
        #expect(svg.ofClass("skipped").count == 1)
    }

    /// No overflow anywhere: every recorded cell is the zero colour and a note says so.
    @Test func overflowAllZero() {
        let chart = HeatMapChart(ChartFixture.diverged(), quantity: .overflow)
        let svg = ParsedSVG(chart.svg())
        let fills = svg.ofClass("cell").map { $0.attributes["fill"] ?? "" }
        #expect(fills.count == 8 && fills.filter { $0 == "#ececec" }.count == 7)
        #expect(
            svg.ofClass("note").map(\.text).contains(
                "No element overflowed to infinity in any recorded step: every cell is 0."))
    }

    /// The colour scale spans whole decades and never goes above 10⁰ = 1 (a fully overflowed
    /// tensor once gave a bar up to 10¹).
    @Test func decades() {
        var chart = HeatMapChart(ChartFixture.diverged(), quantity: .flush)
        chart.rows = [HeatMapChart.Row(layer: "a", tensor: "b", values: [1, 0.5])]
        #expect(chart.decades == -1...0)
        chart.rows = [HeatMapChart.Row(layer: "a", tensor: "b", values: [0.0003, 0.02, nil])]
        #expect(chart.decades == -4 ... -1)
        chart.rows = [HeatMapChart.Row(layer: "a", tensor: "b", values: [0, nil])]
        #expect(chart.decades == -6...0)
        #expect(chart.color(1) == "#fde725" && chart.color(0) == "#ececec" && chart.color(nil) == "#ffffff")
    }
}

import Analyzer
import Testing
@testable import Reporter

/// Loss, accuracy and loss-scale charts: one line per policy, gaps at non-finite losses,
/// divergence and skipped steps marked.
@Suite struct TrainingCurvesTests {
    /// The plot rectangle, read off the left axis line (x1 == x2 == plot.left).
    static func plot(_ svg: ParsedSVG) throws -> (left: Double, top: Double, bottom: Double) {
        let axis = try #require(svg.ofClass("axis").first { $0.attributes["x1"] == $0.attributes["x2"] })
        return (try #require(axis.number("x1")), try #require(axis.number("y1")), try #require(axis.number("y2")))
    }

    /// mixed_float16 (4 steps, losses 2, 1, inf, NaN; diverged at 4) against float32 (8 steps,
    /// loss 2/n). The x axis runs 0...8 over 700 px from 76, so step 4 is at 76 + 4/8·700 = 426.
    @Test func lossChartOfAComparison() throws {
        let svg = ParsedSVG(TrainingCurves(ChartFixture.comparison()).lossChart())
        #expect(svg.error == nil)
        let event = try #require(svg.ofClass("event").first)
        #expect(event.number("x1") == 426 && event.number("x2") == 426)
        #expect(svg.ofClass("event-label").map(\.text) == ["mixed_float16 diverged at step 4"])
        // mixed_float16: one polyline over steps 1-2 (the rest is not finite); float32: 8 points.
        let lines = svg.elements.filter { $0.name == "polyline" && $0.attributes["class"] == "series" }
        #expect(lines.map { $0.attributes["points"]?.split(separator: " ").count } == [2, 8])
        #expect(lines.map { $0.attributes["stroke"] } == ["#0072b2", "#d55e00"])
        // float32's validation after epochs 1 and 2 (steps 4 and 8).
        #expect(svg.ofClass("mark").map { $0.number("cx") } == [426, 776])
        #expect(
            svg.ofClass("note").map(\.text).contains(
                "mixed_float16: batch loss not finite at 2 steps from step 3 (not drawn)."))
        #expect(svg.ofClass("legend").map(\.text) == ["mixed_float16", "float32", "validation, end of epoch"])
    }

    /// The loss scale on a log2 axis: 1 (float32) to 2^15 gives exponents -1...16 (a quarter
    /// binade of room each side, rounded out), ticks every 4th power (the first of 1, 2, 4
    /// giving at most 8 ticks). The skipped step 2 at scale 2^15 is a cross 16/17 of the plot
    /// height above its bottom.
    @Test func lossScaleChart() throws {
        let svg = ParsedSVG(TrainingCurves(ChartFixture.comparison()).lossScaleChart())
        #expect(svg.error == nil)
        #expect(svg.ofClass("tick").map(\.text).prefix(5) == ["2⁰", "2⁴", "2⁸", "2¹²", "2¹⁶"])
        let plot = try Self.plot(svg)
        let cross = try #require(svg.ofClass("mark").first?.attributes["d"])
        // "M x-4.5 y-4.5 L ...": the centre is 4.5 px right of and below the first point.
        let start = cross.dropFirst().split(separator: "L")[0].split(separator: " ").compactMap { Double($0) }
        let expectedY = plot.bottom - 16.0 / 17 * (plot.bottom - plot.top)
        #expect(start.count == 2 && abs(start[1] + 4.5 - expectedY) < 0.011)
        // x: step 2 of 0...8: 76 + 2/8·700 = 251.
        #expect(abs(start[0] + 4.5 - 251) < 0.011)
        #expect(
            svg.ofClass("legend").map(\.text) == [
                "mixed_float16 (dynamic)", "float32 (none)",
                "skipped step (gradients not finite; scale halved)",
            ])
    }

    /// A run without scaling still gets its chart, which says the scale is 1.
    @Test func noLossScaling() {
        var run = ChartFixture.gradientRecord(steps: [([0: 1], 1), ([0: 1], 1)])
        run.settings.lossScaling = .none
        let svg = ParsedSVG(TrainingCurves(run).lossScaleChart())
        #expect(svg.ofClass("note").map(\.text) == ["The loss scale is 1 on every step: loss scaling none."])
        #expect(svg.ofClass("tick").map(\.text).contains("2⁰"))
    }

    /// Non-finite losses never reach a coordinate: no NaN or inf in any number of any chart.
    @Test func noNonFiniteNumbersInTheText() throws {
        let run = ChartFixture.comparison()
        for chart in RunCharts.list(run) {
            let svg = ParsedSVG(RunCharts.svg(chart, run: run))
            #expect(svg.error == nil, "\(chart.path)")
            for element in svg.elements {
                for name in [
                    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height", "points", "d", "transform",
                    "opacity",
                ] {
                    guard let value = element.attributes[name]?.lowercased() else { continue }
                    #expect(
                        !value.contains("nan") && !value.contains("inf"),
                        "\(chart.path): \(element.name) \(name)=\(value)")
                }
            }
        }
    }

    /// Accuracy: a linear percent axis. Values from 0.1 (float32, step 1) to 1.0 (mixed_float16,
    /// step 4): span 0.9 in at most 6 steps needs 0.15, the next nice step is 0.2, so 0...1.
    @Test func accuracyAxis() {
        let svg = ParsedSVG(TrainingCurves(ChartFixture.comparison()).accuracyChart())
        #expect(svg.ofClass("tick").map(\.text).prefix(6) == ["0%", "20%", "40%", "60%", "80%", "100%"])
    }
}

import Analyzer
import Precision
import Testing
@testable import Reporter

/// Exponent histograms: the format's regions where the axis mapping puts them, the bars, and
/// the "without loss scaling" series as the recorded bins shifted by log2 of the scale.
@Suite struct ExponentHistogramChartTests {
    /// One float16 step of `dense_2/gradient`: 6 values at exponent 0, 2 at -10, scale 2^15.
    static func chart() throws -> (ExponentHistogramChart, ParsedSVG) {
        let run = ChartFixture.gradientRecord(steps: [([0: 6, -10: 2], 32768)])
        let counts = try #require(ExponentHistogramChart.Counts(run: run, layer: "dense_2", tensor: "gradient"))
        let chart = ExponentHistogramChart(counts: counts)
        let svg = ParsedSVG(chart.svg())
        #expect(svg.error == nil)
        return (chart, svg)
    }

    /// binary16: p = 11, emin = -14, emax = 15, smallest subnormal 2^-24. Recorded exponents 0
    /// and -10; without scaling -15 and -25. Domain: lo = 4·floor((min(-25, -24) - 2) / 4) =
    /// 4·floor(-6.75) = -28, hi = 4·ceil((max(0 + 1, 15 + 1) + 2) / 4) = 4·ceil(4.5) = 20: 48
    /// binades over the 700 px from x = 76, 700/48 = 14.5833 px each, x(e) = 76 + (e + 28)·14.5833.
    /// - flush: x(-28) = 76 to x(-24) = 134.33 (width 4 binades = 58.33)
    /// - subnormal -24...-15: x(-24) = 134.33, width 10 binades = 145.83
    /// - normal -14...15: x(-14) = 76 + 14·14.5833 = 280.17, width 30 binades = 437.5
    /// - overflow 16...: x(16) = 76 + 44·14.5833 = 717.67, width 4 binades = 58.33
    @Test func formatRegionsFollowTheAxisMapping() throws {
        let (chart, svg) = try Self.chart()
        #expect(chart.exponentDomain == -28...20)
        let expected: [(String, Double, Double)] = [
            ("zone-flush", 76, 58.33), ("zone-subnormal", 134.33, 145.83), ("zone-normal", 280.17, 437.5),
            ("zone-overflow", 717.67, 58.33),
        ]
        for (name, x, width) in expected {
            let zone = try #require(svg.ofClass(name).first, "\(name)")
            #expect(zone.number("x") == x, "\(name) x")
            #expect(zone.number("width") == width, "\(name) width")
        }
        let ticks = svg.ofClass("tick").map(\.text)
        #expect(ticks.contains("2⁻²⁴") && ticks.contains("2⁰") && ticks.contains("2¹⁶"))
    }

    /// Bars: binade 0 spans x(0) = 76 + 28·14.5833 = 484.33 to 498.92, drawn 0.6 px in from each
    /// side: x = 484.93, width 13.38. Shares: 6 of 8 = 75%, 2 of 8 = 25%; y axis log10 from 10%
    /// (floor(log10 25 - 0.2) = 1) to 100% (ceil(log10 75) = 2), so the 75% bar's top sits
    /// log10(75) - 1 = 0.87506 of the plot height above its bottom, the 25% bar's 0.39794.
    @Test func barsHaveTheirShareOnALogAxis() throws {
        let (_, svg) = try Self.chart()
        let frame = try #require(svg.ofClass("plot-frame").first)
        let top = try #require(frame.number("y"))
        let height = try #require(frame.number("height"))
        let bars = svg.ofClass("bar").sorted { ($0.number("x") ?? 0) < ($1.number("x") ?? 0) }
        #expect(bars.count == 2)
        let (low, high) = (bars[0], bars[1])
        #expect(high.number("x") == 484.93 && high.number("width") == 13.38)
        // x(-10) = 76 + 18·14.5833 = 338.5, + 0.6.
        #expect(low.number("x") == 339.1)
        for (bar, fraction) in [(high, 0.87506), (low, 0.39794)] {
            let y = try #require(bar.number("y"))
            #expect(abs((top + height - y) / height - fraction) < 0.0002)
            #expect(
                abs(y + (bar.number("height") ?? 0) - (top + height)) < 0.011, "bars stand on the bottom of the plot")
        }
        // The unscaled outline starts at the bottom-left corner of binade -25: x(-25) = 76 + 3·14.5833.
        let outline = try #require(svg.ofClass("unscaled").first?.attributes["points"])
        let first = try #require(outline.split(separator: " ").first).split(separator: ",").compactMap { Double($0) }
        #expect(first.count == 2 && first[0] == 119.75 && abs(first[1] - (top + height)) < 0.02)
    }

    /// Step 1 carries 2^15, step 2 carries 2^14 (dynamic scaling halved it): each step's bins
    /// move down by its own exponent. Bin 0 (float32 subnormals, shown at -127) moves too.
    @Test func withoutLossScalingShiftsEachStepByItsScale() throws {
        let run = ChartFixture.gradientRecord(steps: [([-3: 5, -20: 1, -127: 1], 32768), ([-3: 2], 16384)])
        let counts = try #require(ExponentHistogramChart.Counts(run: run, layer: "dense_2", tensor: "gradient"))
        #expect(counts.scaled == [-3: 7, -20: 1, -127: 1])
        #expect(counts.unscaled == [-18: 5, -35: 1, -142: 1, -17: 2])
        #expect(counts.scales == [16384, 32768] && !counts.hasInexactShift)
        let chart = ExponentHistogramChart(counts: counts)
        #expect(chart.notes.contains { $0.hasPrefix("Loss scales 2¹⁴ … 2¹⁵ over the steps") })
        #expect(chart.notes.contains { $0.contains("float32 subnormal") })
        let legend = ParsedSVG(chart.svg()).ofClass("legend").map(\.text)
        #expect(
            legend.contains("with loss scaling (values as rounded)")
                && legend.contains("without loss scaling (÷ each step's scale)"))
    }

    /// A fixed scale of 1000 is not a power of two: 2^9 = 512 <= 1000 < 1024, so the shift is 9
    /// and the chart says the unscaled series may sit one binade high.
    @Test func nonPowerOfTwoScaleUsesFloorLog2AndSaysSo() throws {
        let run = ChartFixture.gradientRecord(steps: [([5: 3], 1000)])
        let counts = try #require(ExponentHistogramChart.Counts(run: run, layer: "dense_2", tensor: "gradient"))
        #expect(counts.unscaled == [-4: 3] && counts.hasInexactShift)
        let notes = ExponentHistogramChart(counts: counts).notes
        #expect(notes.contains { $0.hasPrefix("Loss scale 1000 on every step") && $0.contains("not a power of two") })
    }

    /// Scale 1 on every step: one series, named after the format.
    @Test func unscaledTensorHasOneSeries() throws {
        let run = ChartFixture.gradientRecord(steps: [([2: 3], 1), ([2: 1], 1)])
        let counts = try #require(ExponentHistogramChart.Counts(run: run, layer: "dense_2", tensor: "gradient"))
        #expect(counts.unscaled == nil && counts.scaled == [2: 4] && counts.steps == 2)
        let svg = ParsedSVG(ExponentHistogramChart(counts: counts).svg())
        #expect(svg.ofClass("unscaled").isEmpty && svg.ofClass("bar").count == 1)
        #expect(svg.ofClass("legend").map(\.text).contains("values rounded to float16"))
    }

    /// Zeros and NaN/inf have no exponent: counted in a note. The fixture's gradient has 1 zero
    /// in each of its 3 steps, out of 7 values each: 3 of 21 = 14%.
    @Test func zerosAndNonFiniteAreNoted() throws {
        let counts = try #require(
            ExponentHistogramChart.Counts(run: ChartFixture.diverged(), layer: "dense_2", tensor: "gradient"))
        #expect(counts.zeros == 3 && counts.nonFinite == 0 && counts.total == 21)
        let notes = ExponentHistogramChart(counts: counts).notes
        #expect(notes.contains("21 values. Without an exponent, not drawn: 3 zeros (14%), 0 NaN or infinite (0%)."))
    }

    /// bfloat16 has float32's exponent range: subnormals 2^-133 to 2^-127, normal -126...127.
    @Test func bfloat16Range() throws {
        let run = ChartFixture.gradientRecord(steps: [([-3: 1], 1)], format: .bfloat16)
        let counts = try #require(ExponentHistogramChart.Counts(run: run, layer: "dense_2", tensor: "gradient"))
        // lo = 4·floor((-133 - 2) / 4) = 4·floor(-33.75) = -136; hi = 4·ceil((128 + 2) / 4) = 132.
        #expect(ExponentHistogramChart(counts: counts).exponentDomain == -136...132)
    }
}

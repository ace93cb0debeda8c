//===--- TensorRangeChartTests.swift --------------------------------------===//
//
// The inspect report's per-tensor charts: format regions where the axis mapping puts them,
// bars at their shares, safe and unique file names, the cap on their number.
//
//===----------------------------------------------------------------------===//

import Precision
import Testing
import _TestSupport
@testable import Reporter

@Suite struct TensorRangeChartTests {
    // The ranges as the formats define them (IEEE 754 binary16; bfloat16; OCP E4M3):
    // emin_sub = emin - (p - 1).
    static let half = FormatExtent(precision: 11, minExponent: -14, maxExponent: 15, maxFinite: 65504)
    static let bfloat16 = FormatExtent(
        precision: 8, minExponent: -126, maxExponent: 127, maxFinite: 3.389_531_389_251_535_5e38)
    static let e4m3 = FormatExtent(precision: 4, minExponent: -6, maxExponent: 8, maxFinite: 448)

    /// A fit of `bins` (floor(log2 |x|) -> count, all finite nonzero) to `range`.
    static func fit(
        _ range: FormatExtent, _ bins: [Int: UInt64], overflow: UInt64 = 0, blockScaled: Bool = false,
        saturates: Bool = false
    ) -> TensorFit {
        var fit = TensorFit(range: range)
        for (e, n) in bins { fit.histogram.bins[e + 127] = n }
        fit.count = bins.values.reduce(0, +)
        fit.overflow = overflow
        fit.blockScaled = blockScaled
        fit.saturates = saturates
        return fit
    }

    /// Two values in [1, 2), one at 2^16 (65520, above half's 2^15 binade), one at 2^-25
    /// (below half's smallest subnormal 2^-24).
    static let bins: [Int: UInt64] = [0: 2, 16: 1, -25: 1]

    static func tensor(_ name: String, _ fits: [(String, TensorFit)]) -> InspectedTensor {
        InspectedTensor(
            file: "w.npy", name: name, elementType: "float32", shape: [4],
            fits: fits.map { InspectedFit(target: $0.0, fit: $0.1) })
    }

    static func parsed(_ chart: TensorRangeChart) throws -> ParsedSVG {
        let svg = ParsedSVG(chart.svg())
        #expect(svg.error == nil, "\(svg.error ?? "")")
        return svg
    }

    /// Data -25...16, half's range -24...15: lo = 4·floor((-25 - 2) / 4) = -28, hi =
    /// 4·ceil((16 + 1 + 2) / 4) = 20, 48 binades. The labels ("half", "2⁻²⁴ … 2¹⁵", "max 65504",
    /// at most 61 px) fit the minimum left margin 112, so plot.left = 112 and plot.width =
    /// 800 - 24 - 112 = 664: 664/48 = 13.8333 px per binade, x(e) = 112 + (e + 28)·13.8333.
    /// - flush: x(-28) = 112, width 4 binades = 55.33
    /// - subnormal -24...-15: x(-24) = 167.33, width 10 binades = 138.33
    /// - normal -14...15: x(-14) = 305.67, width 30 binades = 415
    /// - overflow 16...: x(16) = 720.67, width 4 binades = 55.33
    @Test func halfRegionsFollowTheAxisMapping() throws {
        let chart = TensorRangeChart(name: "w", tensor: Self.tensor("w", [("half", Self.fit(Self.half, Self.bins))]))
        #expect(chart.exponentDomain == -28...20)
        #expect(chart.leftMargin == 112)
        let svg = try Self.parsed(chart)
        let expected: [(String, Double, Double)] = [
            ("zone-flush", 112, 55.33), ("zone-subnormal", 167.33, 138.33), ("zone-normal", 305.67, 415),
            ("zone-overflow", 720.67, 55.33),
        ]
        for (name, x, width) in expected {
            let zones = svg.ofClass(name)
            #expect(zones.count == 1, "\(name)")
            #expect(zones.first?.number("x") == x, "\(name) x")
            #expect(zones.first?.number("width") == width, "\(name) width")
        }
        let ticks = svg.ofClass("tick").map(\.text)
        #expect(ticks.contains("2⁻²⁴") && ticks.contains("2⁰") && ticks.contains("2¹⁶"), "\(ticks)")
        #expect(svg.ofClass("row-detail").map(\.text) == ["2⁻²⁴ … 2¹⁵", "max 65504"])
    }

    /// Shares of the 4 finite nonzero values: 50% at 2^0, 25% at 2^16 and 2^-25. The share axis
    /// runs over whole decades from floor(log10 25 - 0.2) = 1 to ceil(log10 50) = 2, 10%...100%,
    /// over the row's 54 px: the 50% level sits (log10 50 - 1)·54 = 37.744 px above the row's
    /// foot, the 25% level (log10 25 - 1)·54 = 21.489 px. The outline starts at the foot of
    /// x(-25) = 112 + 3·13.8333 = 153.5.
    @Test func barsHaveTheirShareOnALogAxis() throws {
        let chart = TensorRangeChart(name: "w", tensor: Self.tensor("w", [("half", Self.fit(Self.half, Self.bins))]))
        let svg = try Self.parsed(chart)
        let row = try #require(svg.ofClass("row-frame").first)
        let foot = try #require(row.number("y")) + (row.number("height") ?? 0)
        #expect(row.number("height") == 54 && row.number("x") == 112 && row.number("width") == 664)
        let outline = try #require(svg.ofClass("bars").first?.attributes["points"])
        let points = outline.split(separator: " ").map { $0.split(separator: ",").compactMap { Double($0) } }
        #expect(points.first == [153.5, foot])
        // x(0) = 112 + 28·13.8333 = 499.33; x(16) = 720.67.
        #expect(points.contains { $0[0] == 499.33 && abs($0[1] - (foot - 37.744)) < 0.011 }, "\(outline)")
        #expect(points.contains { $0[0] == 720.67 && abs($0[1] - (foot - 21.489)) < 0.011 }, "\(outline)")
        #expect(points.last == [734.5, foot])  // x(17) = 112 + 45·13.8333
    }

    /// Four rows, 66 px apart (54 + 12). E4M3 (emin_sub -9, emin -6, emax 8) on the same axis:
    /// subnormal x(-9) = 112 + 19·13.8333 = 374.83, width 3 binades = 41.5; normal x(-6) =
    /// 416.33, width 15 = 207.5; overflow x(9) = 623.83, width 11 = 152.17. bfloat16's range
    /// (-133...127) is wider than 64 binades: it does not widen the axis, and its row is normal
    /// from end to end. The MXFP8 row is labelled as counting x over the block scale.
    @Test func eachTargetHasItsRow() throws {
        let tensor = Self.tensor(
            "w",
            [
                ("half", Self.fit(Self.half, Self.bins)), ("e4m3", Self.fit(Self.e4m3, Self.bins, saturates: true)),
                ("bfloat16", Self.fit(Self.bfloat16, Self.bins)),
                ("mxfp8", Self.fit(Self.e4m3, [8: 3, -10: 1], blockScaled: true, saturates: true)),
            ])
        let chart = TensorRangeChart(name: "w", tensor: tensor)
        #expect(chart.exponentDomain == -28...20 && chart.leftMargin == 112)
        let svg = try Self.parsed(chart)
        let tops = svg.ofClass("row-frame").compactMap { $0.number("y") }
        #expect(tops.count == 4 && zip(tops, tops.dropFirst()).allSatisfy { $1 - $0 == 66 }, "\(tops)")
        func zones(_ row: Int) -> [String: [Double]] {
            var found: [String: [Double]] = [:]
            for e in svg.elements where e.number("y") == tops[row] && e.attributes["class"]?.hasPrefix("zone-") == true
            {
                found[e.attributes["class"]!] = [e.number("x") ?? -1, e.number("width") ?? -1]
            }
            return found
        }
        #expect(
            zones(1) == [
                "zone-flush": [112, 262.83], "zone-subnormal": [374.83, 41.5], "zone-normal": [416.33, 207.5],
                "zone-overflow": [623.83, 152.17],
            ])
        #expect(zones(2) == ["zone-normal": [112, 664]])
        #expect(zones(3) == zones(1))
        #expect(svg.ofClass("row-label").map(\.text) == ["half", "e4m3", "bfloat16", "mxfp8"])
        let details = svg.ofClass("row-detail").map(\.text)
        #expect(details.contains("x ÷ block scale") && details.contains("max 448") && details.contains("max 3.39e38"))
        #expect(svg.texts.contains { $0.contains("over its block's scale") })
        #expect(svg.ofClass("legend").contains { $0.text == "overflow to ±∞ (half, bfloat16) or saturated to ±max" })
    }

    /// A runtime format's canonical `custom:` name is wider than the widest margin (240): its
    /// label is cut with "…" to at most 224 px, so that the text ends before the plot begins at
    /// the margin 240; a short name is kept whole.
    @Test func aLongFormatNameIsCutBeforeThePlot() throws {
        let long = "custom:p=3,emax=15,emin=-14,inf=yes,nan=yes"
        let tensor = Self.tensor(
            "w", [("half", Self.fit(Self.half, Self.bins)), (long, Self.fit(Self.half, Self.bins))])
        let chart = TensorRangeChart(name: "w", tensor: tensor)
        let svg = try Self.parsed(chart)
        let labels = svg.ofClass("row-label").map(\.text)
        #expect(labels.count == 2 && labels[0] == "half")
        #expect(labels[1].hasSuffix("…") && long.hasPrefix(String(labels[1].dropLast())), "\(labels)")
        #expect(TextMetrics.width(labels[1], size: TensorRangeChart.labelSize, bold: true) <= 224)
        #expect(chart.leftMargin <= 240)
    }

    @Test func aTensorWithoutFiniteNonzeroValuesIsStillAChart() throws {
        var fit = Self.fit(Self.half, [:])
        fit.count = 3
        fit.zeros = 3
        let svg = try Self.parsed(TensorRangeChart(name: "z", tensor: Self.tensor("z", [("half", fit)])))
        #expect(svg.ofClass("bars").isEmpty && svg.texts.contains("no finite nonzero values"))
    }

    @Test("a name from a file becomes a safe, unique file name under charts/")
    func hostileNames() throws {
        #expect(InspectionCharts.fileName("../../etc/pass wd\n", index: 3) == "exponents-etc-pass-wd-3.svg")
        #expect(InspectionCharts.fileName("dense_1/kernel:0", index: 12) == "exponents-dense_1-kernel-0-12.svg")
        #expect(InspectionCharts.fileName("..", index: 1) == "exponents-1.svg")
        #expect(InspectionCharts.fileName("", index: 2) == "exponents-2.svg")
        #expect(InspectionCharts.fileName("Gewichte/ä", index: 4) == "exponents-Gewichte-4.svg")
        #expect(InspectionCharts.fileName(String(repeating: "a", count: 300), index: 5).count == 10 + 40 + 6)
        let hostile = "../x\u{7}<b>&\"'/\n"
        let report = InspectionReport(
            files: ["a.npy", "b.npy"], targets: ["half"],
            tensors: [
                Self.tensor(hostile, [("half", Self.fit(Self.half, Self.bins))]),
                Self.tensor(hostile, [("half", Self.fit(Self.half, Self.bins))]),
            ])
        let charts = InspectionCharts.list(report)
        #expect(charts.map(\.path) == ["charts/exponents-x-b-1.svg", "charts/exponents-x-b-2.svg"])
        try withScratchFolder { scratch in
            let out = scratch.file("out")
            try InspectionFolder.publish(report, to: RunFolderTarget(checking: out))
            #expect(FileTree.entries(scratch.path) == ["out"])
            #expect(FileTree.entries(out + "/charts") == ["exponents-x-b-1.svg", "exponents-x-b-2.svg"])
            let text = try #require(FileTree.text(out + "/charts/exponents-x-b-1.svg"))
            let svg = ParsedSVG(text)
            #expect(svg.error == nil)
            // Control characters shown as escapes, markup characters as text.
            #expect(svg.texts.first?.hasPrefix("w.npy:../x\\u{7}<b>&\"'/\\n: exponents") == true, "\(svg.texts)")
            let summary = try #require(FileTree.text(out + "/summary.md"))
            #expect(summary.contains("](charts/exponents-x-b-2.svg)"))
        }
    }

    /// 101 tensors, tensor i overflowing i of its 1000 values: the cap keeps 100, leaving out
    /// tensor 0 (the smallest share), and summary.md says so.
    @Test func manyTensorsAreCapped() {
        let tensors = (0...100).map { i in
            Self.tensor("t\(i)", [("half", Self.fit(Self.half, [0: 1000], overflow: UInt64(i)))])
        }
        let report = InspectionReport(files: ["m.npz"], targets: ["half"], tensors: tensors)
        let charts = InspectionCharts.list(report)
        #expect(InspectionCharts.maximumTensorCharts == 100)
        #expect(charts.count == 100 && charts.first?.tensor == 1 && charts.last?.tensor == 100)
        #expect(InspectionCharts.uncharted(report) == 1)
        let summary = InspectionFiles.summary(report)
        #expect(summary.contains("Charts for 100 of the 101 tensors"))
        #expect(!summary.contains("exponents-t0-1.svg") && summary.contains("](charts/exponents-t1-2.svg)"))
    }
}

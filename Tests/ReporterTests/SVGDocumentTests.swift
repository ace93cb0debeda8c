import Testing
@testable import Reporter

/// The SVG writer's text: escaping, numbers, scales.
@Suite struct SVGDocumentTests {
    @Test func numbers() {
        #expect(SVGNumber.text(3) == "3")
        #expect(SVGNumber.text(0.125) == "0.13", "half away from zero")
        #expect(SVGNumber.text(-0.125) == "-0.13")
        #expect(SVGNumber.text(-0.001) == "0", "never -0")
        #expect(SVGNumber.text(12.5) == "12.5")
        #expect(SVGNumber.text(1234567.891) == "1234567.89", "never exponent notation")
        #expect(SVGNumber.text(.nan) == "0" && SVGNumber.text(-.infinity) == "0")
        #expect(SVGNumber.text(2.0 / 3, decimals: 1) == "0.7")
        #expect(SVGNumber.power(2, -24) == "2⁻²⁴" && SVGNumber.power(10, 3) == "10³" && SVGNumber.power(2, 0) == "2⁰")
    }

    @Test func escaping() {
        #expect(SVGDocument.escaped("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;")
        var svg = SVGDocument(width: 10, height: 10, title: "t & <u>")
        svg.text("x < y & \"z\"", x: 1, y: 2, .sized(12), class: "label")
        svg.polyline([(0, 0), (1.005, 2)], .stroked("#000000"))
        let parsed = ParsedSVG(svg.text)
        #expect(parsed.error == nil)
        #expect(parsed.ofClass("label").first?.text == "x < y & \"z\"")
        #expect(parsed.texts.first == "t & <u>")
        #expect(
            svg.text.hasPrefix(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\" viewBox=\"0 0 10 10\""
            ))
    }

    /// position(v) = start + (f(v) - f(lower)) / (f(upper) - f(lower)) · (end - start).
    @Test func scales() {
        let linear = ChartScale(.linear, lower: 0, upper: 8, start: 76, end: 776)
        #expect(linear.position(4) == 426)
        // log2 from 2^-1 to 2^16 over 340...0: 2^15 is 16/17 of the way.
        let log = ChartScale(.log(base: 2), lower: 0.5, upper: 65536, start: 340, end: 0)
        #expect(abs(log.position(32768) - (340 - 340 * 16.0 / 17)) < 1e-9)
        #expect(log.ticks(maxCount: 8) == [1, 16, 256, 4096, 65536])
        #expect(ChartScale.log2(32768) == 15 && ChartScale.log2(0.75) < -0.415 && ChartScale.log2(0.75) > -0.416)
        // 0.111...0.678 in 6 ticks: step 0.1 (a rounding hair must not push it to 0.2).
        let domain = ChartScale.niceDomain(0.111, 0.678, maxCount: 6)
        #expect(abs(domain.lowerBound - 0.1) < 1e-12 && abs(domain.upperBound - 0.7) < 1e-12)
        let ticks = ChartScale(.linear, lower: domain.lowerBound, upper: domain.upperBound, start: 0, end: 1).ticks(
            maxCount: 6)
        #expect(
            ChartAxis.linearTicks(ticks, percent: true).map(\.label) == [
                "10%", "20%", "30%", "40%", "50%", "60%", "70%",
            ])
        #expect(ChartScale.niceStep(span: 48, maxCount: 14, steps: .binary) == 4)
        #expect(
            ChartScale.powerTicks(lowExponent: -1, highExponent: 16, maxCount: 8, binary: true) == [0, 4, 8, 12, 16])
    }

    /// Long notes wrap at spaces to the chart width.
    @Test func wrapping() {
        let lines = ChartFrame.wrapped("aaaa bbbb cccc", width: 70, size: 10)
        // "aaaa bbbb" is 9 characters: 4·0.6 + 0.4 + 4·0.6 = 5.2 em = 52 px; with " cccc" 78 px.
        #expect(lines == ["aaaa bbbb", "cccc"])
    }
}

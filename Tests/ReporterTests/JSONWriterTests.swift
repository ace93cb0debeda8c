import Analyzer
import Testing
@testable import Reporter

/// run.json: complete (round trip), sorted, sparse histograms, non-finite numbers as strings.
@Suite struct JSONWriterTests {
    @Test func roundTrips() throws {
        let record = ReportFixture.record()
        let text = try JSONWriter.text(record)
        #expect(try JSONWriter.record(from: text) == record)
        #expect(try JSONWriter.text(JSONWriter.record(from: text)) == text, "re-encoding gives the same bytes")
    }

    @Test func layout() throws {
        let text = try JSONWriter.text(ReportFixture.record())
        #expect(
            text.hasPrefix(
                "{\"comparison\":[],\"computeRange\":{\"format\":\"float16\",\"maxExponent\":15,\"minExponent\":-14,\"minSubnormalExponent\":-24,\"precision\":11},"
            ))
        #expect(text.contains("\"histogramBins\":[97,107,127],\"histogramCounts\":[1,1,2]"))
        #expect(text.contains("\"drift\":{\"squaredDifference\":1,\"squaredReference\":4}"))
        #expect(text.contains("\"lossScaling\":{\"fixed\":{\"_0\":1024}}"))
        #expect(text.hasSuffix("}\n") && !text.dropLast().contains("\n"))
    }

    @Test func nonFiniteLossOfADivergedRun() throws {
        let record = ReportFixture.record(divergence: Divergence(step: 1, reason: "loss is nan"), loss: .nan)
        let text = try JSONWriter.text(record)
        #expect(text.contains("\"loss\":\"nan\""))
        #expect(text.contains("\"divergence\":{\"reason\":\"loss is nan\",\"step\":1}"))
        let back = try JSONWriter.record(from: text)
        #expect(back.steps[0].metrics?.loss.isNaN == true && back.divergence == record.divergence)
    }
}

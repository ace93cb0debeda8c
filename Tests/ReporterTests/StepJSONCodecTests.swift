import Analyzer
import Foundation
import SoftFloat
import Testing
import _MPStudySupport
@testable import Reporter
@testable import NeuralNet
@testable import Precision

/// The fast step reader and writer against `JSONDecoder` and `JSONEncoder` (the oracle): the
/// same values, the same bytes, and `nil` (so `JSONDecoder` decides) for what the reader does
/// not take.
@Suite struct StepJSONCodecTests {
    /// `JSONEncoder`'s bytes of `step` (with ``JSONWriter``'s settings).
    static func encoded(_ step: StepRecord) throws -> [UInt8] { Array(try JSONWriter.encoder().encode(step)) }

    /// The fast writer's bytes of `step`.
    static func fastEncoded(_ step: StepRecord) -> [UInt8] {
        var out = TextSink()
        StepJSONEncoder.write(step, to: &out)
        return out.bytes
    }

    /// The fast reader's step from `bytes`.
    static func fastDecoded(_ bytes: [UInt8]) -> StepRecord? {
        bytes.withUnsafeBytes { StepJSONParser.step($0, 0..<bytes.count) }
    }

    /// Both decoders give the same record; compared through `JSONEncoder`'s bytes, which tell
    /// -0 from 0 and write every NaN as `"nan"`.
    static func expectSameAsJSONDecoder(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let reference = try JSONWriter.decoder().decode(StepRecord.self, from: Data(bytes))
        let fast = try #require(fastDecoded(bytes), sourceLocation: sourceLocation)
        #expect(try encoded(fast) == encoded(reference), sourceLocation: sourceLocation)
    }

    /// Every step of the synthetic long run: written byte for byte as `JSONEncoder` writes it,
    /// read back by the fast reader to the same record.
    @Test func syntheticStepsRoundTrip() throws {
        for step in LongRunFixture.record(steps: 40).steps {
            let bytes = try Self.encoded(step)
            #expect(Self.fastEncoded(step) == bytes)
            #expect(Self.fastDecoded(bytes) == step)
        }
    }

    /// A recipe step with its quantisation and error-budget records (an infinite amax and a
    /// NaN median among them): the fast writer gives `JSONEncoder`'s bytes, and the reader
    /// leaves it to `JSONDecoder` (nil), which reads the same record back.
    @Test func recipeStepRoundTrip() throws {
        let base = LongRunFixture.record(steps: 1).steps[0]
        var statistics = ScaledStatistics()
        statistics.count = 64
        statistics.saturated = 3
        statistics.histogram[130] = 61
        statistics.spread[4] = 2
        let event = QuantizationEvent(
            layer: "dense_1", operand: .weightGradientGradient,
            position: ProbePosition(phase: .training, step: 1, epoch: 1, batch: 0),
            scheme: .tensor(element: .e5m2, scale: 1024), shape: [8, 8], amax: .infinity, scaleAmax: 56,
            statistics: statistics,
            counterfactual: QuantizationCounterfactual(
                kind: .current, scheme: .tensor(element: .e5m2, scale: 0.5), statistics: statistics))
        var summary = ErrorBudgetSummary([GEMMErrorBudget.Sample(quantization: 1e-3, accumulation: -2e-8)], skipped: 1)
        summary.accumulationMedian = .nan
        let budget = ErrorBudgetRecord(
            ErrorBudgetEvent(
                layer: "dense_1", gemm: .inputGradient,
                position: ProbePosition(phase: .training, step: 1, epoch: 1, batch: 0), summary: summary))
        let step = StepRecord(
            step: base.step, epoch: base.epoch, batch: base.batch, metrics: base.metrics, tensors: base.tensors,
            quantizations: [QuantizationRecord(event)], errorBudgets: [budget])
        let bytes = try Self.encoded(step)
        #expect(Self.fastEncoded(step) == bytes)
        #expect(Self.fastDecoded(bytes) == nil)
        let back = try JSONWriter.decoder().decode(StepRecord.self, from: Data(bytes))
        #expect(try Self.encoded(back) == bytes)
    }

    /// Every step of every committed run.json: the fast reader takes it (no fallback), gives
    /// `JSONDecoder`'s record, and the fast writer gives the step's bytes in the file back.
    @Test func committedStepsRoundTrip() throws {
        let reports = ReportRegenerationTests.repositoryRoot + "/Reports"
        let paths = try #require(FileManager.default.enumerator(atPath: reports)).compactMap { $0 as? String }
            .filter { $0.hasSuffix("run.json") }
        #expect(paths.count >= 5)
        for path in paths {
            let data = try #require(FileManager.default.contents(atPath: reports + "/" + path))
            let bytes = [UInt8](data)
            let ranges = try #require(
                bytes.withUnsafeBytes { raw in
                    JSONOutline.members(of: raw)?.first { $0.key == "steps" }.flatMap {
                        JSONOutline.elements(of: raw, array: $0.value)
                    }
                })
            #expect(!ranges.isEmpty, "\(path)")
            for range in ranges {
                let step = Array(bytes[range])
                guard let fast = Self.fastDecoded(step) else {
                    // Recipe steps (quantisation records) are left to JSONDecoder; the writer
                    // must still give their bytes back.
                    let back = try JSONWriter.decoder().decode(StepRecord.self, from: Data(step))
                    #expect(back.quantizations != nil, "\(path): fast reader refused a step without recipe records")
                    #expect(Self.fastEncoded(back) == step, "\(path)")
                    continue
                }
                try Self.expectSameAsJSONDecoder(step)
                #expect(Self.fastEncoded(fast) == step, "\(path)")
            }
        }
    }

    /// Numbers of every kind in every number field: random bit patterns (subnormals, huge,
    /// NaN, infinities), shortest forms of 1 to 17 digits, and in one step in ten a -0. The
    /// writer matches `JSONEncoder` on all; the reader takes every step without a `-0` (whose
    /// decoding it leaves to `JSONDecoder`) and matches `JSONDecoder` on it.
    @Test func randomNumbers() throws {
        var random = SeededGenerator(seed: 2026)
        func double() -> Double {
            switch Int.random(in: 0..<4, using: &random) {
            case 0: Double(bitPattern: random.next())
            case 1: Double.random(in: -1e6..<1e6, using: &random)
            case 2:
                [0.0, .nan, .infinity, -.infinity, .leastNonzeroMagnitude, -.greatestFiniteMagnitude, 1, 0.1][
                    Int.random(in: 0..<8, using: &random)]
            default: Double(Int.random(in: -100...100, using: &random)) * 0x1p-10
            }
        }
        func float() -> Float {
            Bool.random(using: &random)
                ? Float(bitPattern: UInt32.random(in: 0...UInt32.max, using: &random))
                : Float(sign: .plus, exponent: Int.random(in: -20...40, using: &random), significand: 1)
        }
        var taken = 0
        for n in 0..<400 {
            var step = LongRunFixture.record(steps: 1, seed: UInt64(n)).steps[0]
            step.metrics?.loss = double()
            step.metrics?.accuracy = double()
            step.metrics?.seconds = double()
            step.metrics?.lossScale = float()
            for i in step.tensors.indices {
                step.tensors[i].lossScale = float()
                step.tensors[i].rounding?.errorSum = double()
                step.tensors[i].rounding?.errorSquares = double()
                step.tensors[i].rounding?.errorMax = double()
                if step.tensors[i].drift != nil {
                    step.tensors[i].drift = DriftRecord(squaredDifference: double(), squaredReference: double())
                }
            }
            if n % 10 == 0 { step.tensors[n % step.tensors.count].rounding?.errorMax = -0.0 }
            let bytes = try Self.encoded(step)
            #expect(Self.fastEncoded(step) == bytes)
            if n % 10 == 0 {
                #expect(Self.fastDecoded(bytes) == nil)
            } else {
                try Self.expectSameAsJSONDecoder(bytes)
                taken += 1
            }
        }
        #expect(taken == 360)
    }

    /// What the fast reader refuses, `JSONDecoder` decides: an unknown key (ignored by it), an
    /// escaped name, whitespace and other key orders (taken by both), an integer written with
    /// an exponent, a repeated key, a malformed histogram.
    @Test func variantsAreLeftToJSONDecoder() throws {
        let step = LongRunFixture.record(steps: 1).steps[0]
        let text = String(decoding: try Self.encoded(step), as: UTF8.self)
        func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
        // Taken, and equal to JSONDecoder's result: whitespace, keys in declaration order, null optionals.
        let pretty = JSONWriter.encoder()
        pretty.outputFormatting = [.prettyPrinted, .sortedKeys]
        try Self.expectSameAsJSONDecoder(Array(try pretty.encode(step)))
        let unsorted = JSONWriter.encoder()
        unsorted.outputFormatting = []
        try Self.expectSameAsJSONDecoder(Array(try unsorted.encode(step)))
        try Self.expectSameAsJSONDecoder(
            bytes(text.replacingOccurrences(of: "\"format\":\"float16\",", with: "\"format\":null,")))
        // Refused.
        for variant in [
            text.replacingOccurrences(of: "{\"batch\":0,", with: "{\"batch\":0,\"extra\":1,"),
            text.replacingOccurrences(of: "\"layer\":\"dense_1\"", with: "\"layer\":\"dense\\u005f1\""),
            text.replacingOccurrences(of: "\"samples\":64", with: "\"samples\":6.4e1"),
            text.replacingOccurrences(of: "{\"batch\":0,", with: "{\"batch\":0,\"batch\":0,"),
            text.replacingOccurrences(of: "\"histogramBins\":[", with: "\"histogramBins\":[300,"),
        ] {
            #expect(Self.fastDecoded(bytes(variant)) == nil, "\(variant.prefix(80))")
        }
        // JSONDecoder ignores the unknown key and resolves the escape: the same step.
        for variant in [
            text.replacingOccurrences(of: "{\"batch\":0,", with: "{\"batch\":0,\"extra\":1,"),
            text.replacingOccurrences(of: "\"layer\":\"dense_1\"", with: "\"layer\":\"dense\\u005f1\""),
        ] {
            #expect(try JSONWriter.decoder().decode(StepRecord.self, from: Data(variant.utf8)) == step)
        }
    }
}

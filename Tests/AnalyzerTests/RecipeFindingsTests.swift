import Precision
import Testing
@testable import Analyzer
@testable import NeuralNet

/// The findings of a recipe's operands: per layer the most flushed and the most saturated
/// operand above 0.1%, with the other scaling's shares on the steps that recorded it.
@Suite struct RecipeFindingsTests {
    static func record(
        _ operand: GEMMOperand, step: Int, saturated: UInt64 = 0, flushed: UInt64 = 0,
        otherFlushed: UInt64? = nil
    ) -> QuantizationRecord {
        var s = ScaledStatistics()
        s.count = 1000
        s.saturated = saturated
        s.flushed = flushed
        let counterfactual = otherFlushed.map { f -> QuantizationCounterfactual in
            var c = ScaledStatistics()
            c.count = 1000
            c.flushed = f
            return QuantizationCounterfactual(
                kind: .perTensor, scheme: .tensor(element: .e2m1, scale: 2), statistics: c)
        }
        return QuantizationRecord(
            QuantizationEvent(
                layer: "dense_2", operand: operand,
                position: ProbePosition(phase: .training, step: step, epoch: 1, batch: step - 1),
                scheme: .mx(element: .e2m1, blockSize: 32), shape: [10, 100], amax: 1, scaleAmax: nil,
                statistics: s, counterfactual: counterfactual))
    }

    /// Two steps of 1000 elements per operand. input: 20 saturated each step, 40 of 2000 = 2%.
    /// kernel: 5 flushed each step, 10 of 2000 = 0.5%; on step 1 one per-tensor scale would
    /// have flushed 50 of 1000 against the blocks' 5. wgrad_gradient: 1 flushed of 2000 =
    /// 0.05%, under the 0.1% threshold. So: input for saturation, kernel for flushing, in
    /// the layer's operand order, and nothing for wgrad_gradient.
    @Test func mostFlushedAndMostSaturated() {
        let steps = (1...2).map { step in
            StepRecord(
                step: step, epoch: 1, batch: step - 1, metrics: nil, tensors: [],
                quantizations: [
                    Self.record(.input, step: step, saturated: 20),
                    Self.record(.kernel, step: step, flushed: 5, otherFlushed: step == 1 ? 50 : nil),
                    Self.record(.weightGradientGradient, step: step, flushed: step == 1 ? 1 : 0),
                ],
                errorBudgets: nil)
        }
        let run = RunRecordFixture.run(steps: steps, settings: RunRecordFixture.settings(layers: ["dense_2"]))
        let findings = Findings.compute(run)
        #expect(
            findings == [
                .quantized(
                    layer: "dense_2", operand: "input", element: .e2m1, scheme: "mx32",
                    saturated: Proportion(40, of: 2000), flushed: Proportion(0, of: 2000), other: nil),
                .quantized(
                    layer: "dense_2", operand: "kernel", element: .e2m1, scheme: "mx32",
                    saturated: Proportion(0, of: 2000), flushed: Proportion(10, of: 2000),
                    other: Finding.OtherScaling(
                        kind: .perTensor, saturated: Proportion(0, of: 1000), flushed: Proportion(50, of: 1000),
                        ownSaturated: Proportion(0, of: 1000), ownFlushed: Proportion(5, of: 1000), steps: 1)),
            ])
        #expect(findings.allSatisfy { $0.topic == .quantization && $0.layer == "dense_2" })
        #expect(findings.map(\.tensor) == ["input", "kernel"])
    }
}

import NeuralNet
import Precision
import Testing
@testable import Analyzer

/// Parsing of `--tensor`, `--layer` and policy names, and the one-line errors listing the
/// valid choices.
@Suite struct SelectionTests {
    @Test func tensorGroupsMapToKinds() throws {
        let s = try TensorSelection(parsing: ["gradients,ACTIVATIONS", "kernel_gradients"])
        #expect(s.groups == [.activations, .gradients, .kernelGradients])
        #expect(s.kinds == [.forwardOutput, .activation, .gradient, .preActivationGradient, .kernelGradient,
                            .biasGradient, .inputGradient])
        #expect(try TensorSelection(parsing: []).groups == TensorGroup.allCases)
        #expect(try TensorSelection(parsing: ["all"]).groups == TensorGroup.allCases)
        #expect(try TensorSelection(parsing: ["kernel", "update"]).kinds == [.input, .kernel, .bias, .kernelUpdate, .biasUpdate])
    }

    @Test func unknownTensorGroupListsValidOnes() {
        #expect(throws: AnalysisInputError.unknownTensor("weights", valid: "activations, gradients, kernel-gradients, kernels, updates")) {
            try TensorSelection(parsing: ["activations,weights"])
        }
        let message = AnalysisInputError.unknownTensor("weights", valid: TensorGroup.validNames).description
        #expect(message == "unknown tensor group 'weights'; valid tensor groups: activations, gradients, kernel-gradients, kernels, updates")
    }

    @Test func layersAreCheckedAgainstTheModel() throws {
        #expect(AnalysisSession.layerNames == ["dense_1", "dense_2", "dense_logits", "predictions"])
        let available = AnalysisSession.layerNames
        #expect(try LayerSelection(parsing: ["DENSE_2"], available: available).layers == ["dense_2"])
        #expect(try LayerSelection(parsing: ["predictions,dense_1"], available: available).layers == ["dense_1", "predictions"])
        #expect(try LayerSelection(parsing: [], available: available).layers == available)
        #expect(throws: AnalysisInputError.self) { try LayerSelection(parsing: ["dense_3"], available: available) }
        do {
            _ = try LayerSelection(parsing: ["dense_3"], available: available)
        } catch {
            #expect(error.description == "unknown layer 'dense_3'; valid layers: dense_1, dense_2, dense_logits, predictions")
        }
    }

    @Test func unknownPolicyListsValidOnes() {
        var settings = RunRecordFixture.settings()
        settings.policy = "mixed_float8"
        do {
            _ = try AnalysisSession(settings: settings)
            Issue.record("accepted an unknown policy")
        } catch {
            #expect(error.description == "unknown policy 'mixed_float8'; valid policies: float32, mixed_float16, mixed_bfloat16, float16")
        }
    }

    @Test func reportNamesOfKinds() {
        #expect(TensorKind.forwardOutput.reportName == "forward_output")
        #expect(TensorKind.preActivationGradient.reportName == "pre_activation_gradient")
        #expect(TensorKind(reportName: "bias_update") == .biasUpdate)
        #expect(TensorKind(reportName: "biasUpdate") == nil)
    }
}

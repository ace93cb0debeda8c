import NeuralNet
import Precision
import Testing
@testable import Analyzer

/// Tensor groups and the kinds they stand for, the model's layer names, and the one-line
/// error for an unknown policy in settings. (The command line's parsing of `--tensor` and
/// `--layer` lists is tested in MPStudyTests.)
@Suite struct SelectionTests {
    @Test func tensorGroupsMapToKinds() {
        let s = TensorSelection(groups: [.gradients, .activations, .kernelGradients, .gradients])
        #expect(s.groups == [.activations, .gradients, .kernelGradients])
        #expect(
            s.kinds == [
                .forwardOutput, .activation, .gradient, .preActivationGradient, .kernelGradient,
                .biasGradient, .inputGradient,
            ])
        #expect(TensorSelection.all.groups == TensorGroup.allCases)
        #expect(
            TensorSelection(groups: [.kernels, .updates]).kinds == [.input, .kernel, .bias, .kernelUpdate, .biasUpdate])
    }

    @Test func tensorGroupSpellings() {
        #expect(TensorGroup(name: "ACTIVATIONS") == .activations)
        #expect(
            TensorGroup(name: "kernel_gradients") == .kernelGradients
                && TensorGroup(name: "kernelgradients") == .kernelGradients)
        #expect(TensorGroup(name: "kernel") == .kernels && TensorGroup(name: "update") == .updates)
        #expect(TensorGroup(name: "weights") == nil)
    }

    @Test func layerNamesAreTheModels() {
        #expect(AnalysisSession.layerNames == ["dense_1", "dense_2", "dense_logits", "predictions"])
    }

    @Test func unknownPolicyListsValidOnes() {
        var settings = RunRecordFixture.settings()
        settings.policy = "mixed_float8"
        do {
            _ = try AnalysisSession(settings: settings)
            Issue.record("accepted an unknown policy")
        } catch {
            #expect(
                error.description
                    == "unknown policy 'mixed_float8'; valid policies: float32, mixed_float16, mixed_bfloat16, float16"
                    + ", fp8_delayed, fp8_current, mxfp8, mxfp6, mxfp4, nvfp4")
        }
    }

    @Test func reportNamesOfKinds() {
        #expect(TensorKind.forwardOutput.reportName == "forward_output")
        #expect(TensorKind.preActivationGradient.reportName == "pre_activation_gradient")
        #expect(TensorKind(reportName: "bias_update") == .biasUpdate)
        #expect(TensorKind(reportName: "biasUpdate") == nil)
    }
}

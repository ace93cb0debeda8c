import Analyzer
import Precision
import Testing
@testable import Reporter

/// The sentence of each kind of finding, with its numbers worked out by hand.
@Suite struct FindingTextTests {
    @Test func runWide() {
        #expect(
            FindingText.sentence(.diverged(step: 2, reason: "loss is nan", recordedSteps: 2))
                == "Training diverged at step 2: loss is nan. The report covers the 2 steps recorded up to then; no test evaluation was run."
        )
        #expect(
            FindingText.sentence(.diverged(step: 1, reason: "loss is inf", recordedSteps: 1))
                == "Training diverged at step 1: loss is inf. The report covers the 1 step recorded up to then; no test evaluation was run."
        )
        #expect(
            FindingText.sentence(.skippedSteps(skipped: [1], steps: 2))
                == "1 of 2 steps were skipped because their gradients were not finite (step 1); each halved the loss scale."
        )
        #expect(
            FindingText.sentence(.skippedSteps(skipped: Array(1...12), steps: 30))
                == "12 of 30 steps were skipped because their gradients were not finite (steps 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ...); each halved the loss scale."
        )
        #expect(
            FindingText.sentence(.lossScaleChanged(from: 32768, firstStep: 1, to: 0.5, lastStep: 30))
                == "The loss scale went from 32768 at step 1 to 0.5 at step 30.")
    }

    /// 70,000 and 1 of 10^7: 0.7% and 10^-5 %.
    @Test func lossScaling() {
        let share = { (part: UInt64) in Proportion(part, of: 10_000_000) }
        #expect(
            FindingText.sentence(
                .underflowWithoutScaling(
                    layer: "dense_2", tensor: "gradient", unscaled: share(70_000),
                    scaled: share(1), scales: 32768...32768))
                == "dense_2 activation gradients: 0.7% would flush to zero without loss scaling; with scale 32768, 0.00001%."
        )
        // 5 of 16 = 31.25%, two significant digits: 31%.
        #expect(
            FindingText.sentence(
                .overflowWithoutScaling(
                    layer: "dense_1", tensor: "kernel_gradient",
                    unscaled: Proportion(5, of: 16), scales: 16384...32768))
                == "dense_1 kernel gradients: 31% would overflow without loss scaling; with scales 16384 to 32768, none did."
        )
    }

    /// 1 of 12 = 8.33% (8.3%), 3 of 12 = 25%, 2 of 12 = 16.7% (17%), 3 NaN + 1 inf of 8 = 50%.
    @Test func perTensor() {
        #expect(
            FindingText.sentence(
                .overflowed(layer: "dense_2", tensor: "activation", overflowed: Proportion(1, of: 12), format: .float16)
            )
                == "dense_2 activations: 1 value (8.3%) overflowed to infinity in float16.")
        #expect(
            FindingText.sentence(
                .overflowed(layer: "dense_2", tensor: "activation", overflowed: Proportion(3, of: 12), format: nil))
                == "dense_2 activations: 3 values (25%) overflowed to infinity in the compute format.")
        #expect(
            FindingText.sentence(
                .subnormal(
                    layer: "dense_2", tensor: "activation", subnormal: Proportion(3, of: 12),
                    flushed: Proportion(2, of: 12), withoutLossScaling: false))
                == "dense_2 activations: 25% became subnormal (precision lost), 17% flushed to zero.")
        #expect(
            FindingText.sentence(
                .subnormal(
                    layer: "dense_2", tensor: "bias_gradient", subnormal: Proportion(3, of: 12),
                    flushed: Proportion(0, of: 12), withoutLossScaling: true))
                == "dense_2 bias gradients: 25% became subnormal (precision lost), none flushed to zero, without loss scaling."
        )
        #expect(
            FindingText.sentence(.nonFiniteInputs(layer: "dense_2", tensor: "gradient", nan: 3, infinite: 1, count: 8))
                == "dense_2 activation gradients: 50% of the values were already NaN or infinite before rounding (3 NaN, 1 infinite)."
        )
        #expect(
            FindingText.sentence(
                .overflowed(layer: "dense_2", tensor: "mystery", overflowed: Proportion(1, of: 2), format: .float16))
                == "dense_2 mystery: 1 value (50%) overflowed to infinity in float16.",
            "an unknown tensor keeps its name")
    }

    /// 2 of 8 lost = 25%, 1 of 8 = 12.5% (13%: an exact tie, away from zero).
    @Test func lostUpdatesByWhereTheWeightsAreKept() {
        let lost = { (compute: ComputeFormat, variables: ComputeFormat) in
            FindingText.sentence(
                .lostUpdates(
                    layer: "dense_2", tensor: "kernel_update", inCompute: Proportion(2, of: 8),
                    inFloat32: Proportion(1, of: 8), compute: compute, variables: variables))
        }
        #expect(
            lost(.float16, .float32)
                == "dense_2 kernel updates: 25% of the nonzero updates would be lost if the weights were kept in float16; 13% are lost in the float32 master weights."
        )
        #expect(
            lost(.float16, .float16)
                == "dense_2 kernel updates: 25% of the nonzero updates were lost: the weights are kept in float16 (13% would be lost in float32)."
        )
        #expect(lost(.float32, .float32) == "dense_2 kernel updates: 13% of the nonzero updates were lost in float32.")
    }

    /// Mean 0.375 u (a tie: 0.38), RMS sqrt(5/32) = 0.395 u (0.40, trimmed 0.4), max 0.5 u;
    /// drift 0.01 = 1% over one check, max 0.0123 = 1.2%.
    @Test func layerWide() {
        #expect(
            FindingText.sentence(
                .largestRoundingError(
                    layer: "dense_2", tensor: "kernel", format: .float16,
                    mean: 0.375, rms: (5.0 / 32).squareRoot(), max: 0.5))
                == "dense_2: the largest mean rounding error is in the kernel cast: 0.38 u (u = 2^-11), RMS 0.4 u, max 0.5 u."
        )
        #expect(
            FindingText.sentence(.drift(layer: "dense_2", mean: 0.01, max: 0.0123, checks: 1))
                == "dense_2 output drifts from the float32 shadow pass by 1% (relative error norm, mean of 1 check; max 1.2%)."
        )
        #expect(
            FindingText.sentence(.drift(layer: "dense_1", mean: 0.00033, max: 0.00035, checks: 6))
                == "dense_1 output drifts from the float32 shadow pass by 0.033% (relative error norm, mean of 6 checks; max 0.035%)."
        )
    }
}

import Precision
import Testing

/// Keras `LossScaleOptimizer` dynamic rules, checked on scripted step sequences.
@Suite struct LossScalerTests {
    @Test func dynamicFollowsKeras() {
        var s = LossScaler(.dynamic(initial: 32768, growthInterval: 3))
        #expect(s.scale == 32768)
        // A non-finite step is skipped and halves the scale.
        var applied = s.update(gradientsAreFinite: false)
        #expect(applied == false)
        #expect(s.scale == 16384 && s.finiteSteps == 0)
        // Three finite steps in a row double it, and the count restarts.
        let first = s.update(gradientsAreFinite: true)
        let second = s.update(gradientsAreFinite: true)
        #expect(first && second)
        #expect(s.scale == 16384 && s.finiteSteps == 2)
        applied = s.update(gradientsAreFinite: true)
        #expect(applied)
        #expect(s.scale == 32768 && s.finiteSteps == 0)
        // Two finite then a non-finite: no growth, halved, count reset.
        _ = s.update(gradientsAreFinite: true)
        _ = s.update(gradientsAreFinite: true)
        applied = s.update(gradientsAreFinite: false)
        #expect(applied == false)
        #expect(s.scale == 16384 && s.finiteSteps == 0)
    }

    @Test func defaultsAreKeras() {
        var s = LossScaler(.dynamic())
        #expect(s.scale == 32768)  // 2^15
        for _ in 0..<1999 { _ = s.update(gradientsAreFinite: true) }
        #expect(s.scale == 32768)
        _ = s.update(gradientsAreFinite: true)  // the 2000th consecutive finite step
        #expect(s.scale == 65536)
    }

    @Test func fixedAndNoneNeverSkip() {
        var fixed = LossScaler(.fixed(1024))
        var none = LossScaler(.none)
        let fixedApplied = fixed.update(gradientsAreFinite: false)
        let noneApplied = none.update(gradientsAreFinite: false)
        #expect(fixedApplied && fixed.scale == 1024)
        #expect(noneApplied && none.scale == 1)
    }

    @Test func parsesArguments() {
        #expect(LossScaling(argument: "dynamic") == .dynamic())
        #expect(LossScaling(argument: "NONE") == LossScaling.none)
        #expect(LossScaling(argument: "128") == .fixed(128))
        #expect(
            LossScaling(argument: "-1") == nil && LossScaling(argument: "abc") == nil
                && LossScaling(argument: "inf") == nil)
    }

    /// A fixed scale is a positive normal float32. Boundaries by hand: 2^-126 =
    /// 1.1754943508e-38 is the smallest normal; 1.1754942e-38 lies about 1.07 subnormal
    /// spacings (2^-149 = 1.4e-45) below it, so it rounds to a subnormal. The largest finite
    /// float32 is 3.4028234664e38 and values from FLT_MAX + 2^103 = 3.40282357e38 on round to
    /// infinity, so 3.4028236e38 and 1e40 are infinite; 1e-40 is subnormal.
    @Test func fixedScaleIsAPositiveNormalFloat32() {
        #expect(LossScaling(argument: "1.1754944e-38") == .fixed(Float.leastNormalMagnitude))
        #expect(LossScaling(argument: "3.4028235e38") == .fixed(Float.greatestFiniteMagnitude))
        #expect(LossScaling(argument: "0x1p-126") == .fixed(Float.leastNormalMagnitude))
        for refused in ["1.1754942e-38", "1e-40", "3.4028236e38", "1e40", "0", "-0", "nan", "-128", ""] {
            #expect(LossScaling(argument: refused) == nil, "\(refused)")
        }
    }

    @Test func policies() {
        #expect(PrecisionPolicy(name: "Mixed_Float16") == .mixedFloat16)
        #expect(PrecisionPolicy(name: "fp16") == nil)
        #expect(PrecisionPolicy.mixedFloat16.defaultLossScaling == .dynamic())
        #expect(PrecisionPolicy.float16.variable == .float16 && PrecisionPolicy.mixedBFloat16.compute == .bfloat16)
    }
}

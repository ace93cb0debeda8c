import NeuralNet
import Testing

/// The OpenBLAS core table (``OpenBLASCoreChoice``) on the feature sets of real CPUs, written
/// out by hand from their /proc/cpuinfo flags (only the flags the table reads matter).
@Suite struct OpenBLASCoreChoiceTests {
    static let zen4 = CPUFeatures(flags: [
        "avx2", "fma", "f16c", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl", "avx512_bf16",
    ])
    static let cooperlake = CPUFeatures(flags: [
        "avx2", "fma", "f16c", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl", "avx512_bf16",
        "avx512_vnni",
    ])
    /// Family 6 model 207 (the Xeon this project is measured on): AVX512_FP16 as well.
    static let emeraldRapids = cooperlake.union(CPUFeatures(flags: ["avx512_fp16"]))
    static let skylakeSP = CPUFeatures(flags: [
        "avx2", "fma", "f16c", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl",
    ])
    static let zen3 = CPUFeatures(flags: ["avx", "avx2", "fma", "f16c", "sse4_2"])
    static let zen2 = zen3
    /// AVX-512 F alone (Knights Landing has F and CD but not BW/DQ/VL): not SkylakeX's set.
    static let knightsLanding = CPUFeatures(flags: ["avx2", "fma", "avx512f", "avx512cd"])
    static let sandyBridge = CPUFeatures(flags: ["avx", "sse4_2"])

    /// Every core name OpenBLAS 0.3.21's DYNAMIC_ARCH x86-64 build can report.
    static let detectedCores = [
        "Prescott", "Core2", "Penryn", "Dunnington", "Nehalem", "Atom", "Opteron", "Barcelona", "Bobcat",
        "Bulldozer", "Piledriver", "Steamroller", "Excavator", "Sandybridge", "Haswell", "Zen", "SkylakeX",
        "Cooperlake", "SapphireRapids",
    ]

    @Test func namesFromCPUInfoFlags() {
        #expect(Self.zen4.isSuperset(of: .avx512Core) && Self.zen4.contains(.avx512bf16))
        #expect(!Self.zen3.contains(.avx512f) && Self.zen3.isSuperset(of: .avx2FMA))
        #expect(Self.skylakeSP.description == "avx2 fma f16c avx512f avx512cd avx512bw avx512dq avx512vl")
        #expect(
            CPUFeatures(flags: Self.emeraldRapids.description.split(separator: " ").map(String.init))
                == Self.emeraldRapids)
    }

    @Test func avx512WithBF16GetsCooperlake() {
        for cpu in [Self.zen4, Self.cooperlake, Self.emeraldRapids] {
            let choice = OpenBLASCoreChoice.choose(features: cpu, detected: "Prescott")
            #expect(choice.request == "Cooperlake" && choice.core == "Cooperlake")
            #expect(
                choice.reason == "AVX-512 F/CD/BW/DQ/VL with AVX512_BF16: Cooperlake instead of the detected Prescott")
        }
    }

    @Test func avx512WithoutBF16GetsSkylakeX() {
        let choice = OpenBLASCoreChoice.choose(features: Self.skylakeSP, detected: "Haswell")
        #expect(choice.request == "SkylakeX" && choice.core == "SkylakeX")
    }

    @Test func matchingDetectedCoresAreKept() {
        #expect(OpenBLASCoreChoice.choose(features: Self.cooperlake, detected: "SkylakeX").request == nil)
        #expect(OpenBLASCoreChoice.choose(features: Self.skylakeSP, detected: "SkylakeX").request == nil)
        let zen = OpenBLASCoreChoice.choose(features: Self.zen3, detected: "Zen")
        #expect(zen.request == nil && zen.core == "Zen" && zen.reason == "AVX2+FMA, no AVX-512: detected Zen kept")
        #expect(OpenBLASCoreChoice.choose(features: Self.sandyBridge, detected: "Sandybridge").request == nil)
    }

    @Test func avx2WithoutAVX512GetsHaswell() {
        for cpu in [Self.zen2, Self.zen3, Self.knightsLanding] {
            let choice = OpenBLASCoreChoice.choose(features: cpu, detected: "Prescott")
            #expect(choice.request == "Haswell")
        }
    }

    /// The safety rule: whatever OpenBLAS detected, a CPU without AVX-512 F/CD/BW/DQ/VL ends up
    /// on a core without AVX-512 kernels, and one without AVX2+FMA on one without AVX2.
    @Test(arguments: detectedCores)
    func noCoreTheCPUCannotRun(detected: String) {
        let avx512Cores: Set = ["SkylakeX", "Cooperlake", "SapphireRapids"]
        let avx2Cores: Set = ["Haswell", "Zen"]
        for cpu in [Self.zen2, Self.zen3, Self.knightsLanding] {
            #expect(!avx512Cores.contains(OpenBLASCoreChoice.choose(features: cpu, detected: detected).core))
        }
        let old = OpenBLASCoreChoice.choose(features: Self.sandyBridge, detected: detected).core
        #expect(!avx512Cores.contains(old) && !avx2Cores.contains(old))
        for cpu in [Self.zen4, Self.skylakeSP, Self.emeraldRapids] {
            #expect(avx512Cores.contains(OpenBLASCoreChoice.choose(features: cpu, detected: detected).core))
        }
    }

    @Test func fmaLoopFollowsTheFeatures() {
        #if arch(x86_64)
            #expect(FMAPeak.InstructionSet.widest(for: Self.zen4) == .avx512)
            #expect(FMAPeak.InstructionSet.widest(for: Self.knightsLanding) == .avx512)
            #expect(FMAPeak.InstructionSet.widest(for: Self.zen3) == .avx2)
            #expect(FMAPeak.InstructionSet.widest(for: Self.sandyBridge) == .sse2)
        #else
            #expect(FMAPeak.InstructionSet.widest(for: Self.zen4) == nil)
        #endif
    }
}

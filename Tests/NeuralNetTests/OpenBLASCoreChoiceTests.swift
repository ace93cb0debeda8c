import Foundation
import NeuralNet
import Testing

/// The OpenBLAS core table (``OpenBLASCoreChoice``) on the feature sets of real CPUs, written
/// out by hand from their /proc/cpuinfo flags (only the flags the table reads matter), and
/// their /proc/cpuinfo `vendor_id`, `cpu family` and `model`.
@Suite struct OpenBLASCoreChoiceTests {
    static let intel = CPUSignature(vendor: "GenuineIntel", family: 6, model: 207)
    /// EPYC 9004 (Genoa): family 25 model 17, as this project's machine reports.
    static let zen4Signature = CPUSignature(vendor: "AuthenticAMD", family: 0x19, model: 0x11)
    /// EPYC 7003 (Milan): family 25 model 1, no AVX-512.
    static let zen3Signature = CPUSignature(vendor: "AuthenticAMD", family: 0x19, model: 0x01)
    /// EPYC 9005 (Turin): family 26, full-width AVX-512.
    static let zen5Signature = CPUSignature(vendor: "AuthenticAMD", family: 0x1A, model: 0x02)

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

    /// The choice for an Intel CPU with `features` (the signature decides on AMD only).
    static func choose(_ features: CPUFeatures, _ detected: String, _ signature: CPUSignature = intel)
        -> OpenBLASCoreChoice
    {
        OpenBLASCoreChoice.choose(features: features, signature: signature, detected: detected)
    }

    @Test func avx512WithBF16GetsCooperlake() {
        for (cpu, signature) in [
            (Self.cooperlake, Self.intel), (Self.emeraldRapids, Self.intel), (Self.zen4, Self.zen5Signature),
        ] {
            let choice = Self.choose(cpu, "Prescott", signature)
            #expect(choice.request == "Cooperlake" && choice.core == "Cooperlake")
            #expect(
                choice.reason == "AVX-512 F/CD/BW/DQ/VL with AVX512_BF16: Cooperlake instead of the detected Prescott")
        }
    }

    /// A Zen 4 splits AVX-512 into 256-bit halves: the AVX2 kernels, whatever OpenBLAS detected
    /// (Debian's 0.3.21 says Cooperlake there), and an AVX2 core it detected is kept.
    @Test func zen4GetsAVX2Kernels() {
        for detected in ["Prescott", "Cooperlake", "SkylakeX"] {
            let choice = Self.choose(Self.zen4, detected, Self.zen4Signature)
            #expect(choice.request == "Haswell" && choice.core == "Haswell")
            #expect(
                choice.reason
                    == "AVX-512 in 256-bit halves (AMD family 19h, Zen 4): AVX2 kernels, Haswell instead of the detected \(detected)"
            )
        }
        let zen = Self.choose(Self.zen4, "Zen", Self.zen4Signature)
        #expect(zen.request == nil && zen.core == "Zen")
        // The same features on an Intel signature, or family 19h without AVX-512 (Zen 3), are
        // not a split AVX-512.
        #expect(Self.choose(Self.zen4, "Prescott").core == "Cooperlake")
        #expect(!Self.zen3Signature.splitsAVX512(features: Self.zen3))
        #expect(Self.zen4Signature.splitsAVX512(features: Self.zen4))
        #expect(!Self.zen5Signature.splitsAVX512(features: Self.zen4))
    }

    /// The signature of the CPU running the test agrees with /proc/cpuinfo's fields.
    @Test func currentSignatureMatchesCPUInfo() throws {
        #if os(Linux) && arch(x86_64)
            let info = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
            func field(_ key: String) -> String? {
                info.split(separator: "\n").first { $0.hasPrefix(key) }
                    .flatMap { $0.split(separator: ":", maxSplits: 1).last }
                    .map { $0.trimmingCharacters(in: .whitespaces) }
            }
            let current = CPUSignature.current
            #expect(current.vendor == field("vendor_id"))
            #expect(String(current.family) == field("cpu family"))
            #expect(String(current.model) == field("model\t"))
        #endif
    }

    @Test func avx512WithoutBF16GetsSkylakeX() {
        let choice = Self.choose(Self.skylakeSP, "Haswell")
        #expect(choice.request == "SkylakeX" && choice.core == "SkylakeX")
    }

    @Test func matchingDetectedCoresAreKept() {
        #expect(Self.choose(Self.cooperlake, "SkylakeX").request == nil)
        #expect(Self.choose(Self.skylakeSP, "SkylakeX").request == nil)
        let zen = Self.choose(Self.zen3, "Zen", Self.zen3Signature)
        #expect(zen.request == nil && zen.core == "Zen" && zen.reason == "AVX2+FMA, no AVX-512: detected Zen kept")
        #expect(Self.choose(Self.sandyBridge, "Sandybridge").request == nil)
    }

    @Test func avx2WithoutAVX512GetsHaswell() {
        for cpu in [Self.zen2, Self.zen3, Self.knightsLanding] {
            let choice = Self.choose(cpu, "Prescott", Self.zen3Signature)
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
            for signature in [Self.intel, Self.zen3Signature, Self.zen4Signature] {
                #expect(!avx512Cores.contains(Self.choose(cpu, detected, signature).core))
            }
        }
        let old = Self.choose(Self.sandyBridge, detected).core
        #expect(!avx512Cores.contains(old) && !avx2Cores.contains(old))
        for cpu in [Self.zen4, Self.skylakeSP, Self.emeraldRapids] {
            #expect(avx512Cores.contains(Self.choose(cpu, detected).core))
        }
        #expect(avx2Cores.contains(Self.choose(Self.zen4, detected, Self.zen4Signature).core))
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

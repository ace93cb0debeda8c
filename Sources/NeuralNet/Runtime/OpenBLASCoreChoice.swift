//===--- OpenBLASCoreChoice.swift -----------------------------------------===//
//
// Which OpenBLAS kernel set ("core") a CPU should run, from its features: a table.
//
//===----------------------------------------------------------------------===//

/// The OpenBLAS core to run on a CPU, chosen from its features (``CPUFeatures``), its vendor
/// and family (``CPUSignature``) and the core OpenBLAS detected by itself, with the reason in
/// words (`train` and `analyze` print it).
///
/// Why a table and not OpenBLAS's own detection: Debian's OpenBLAS 0.3.21 picks its kernels by
/// CPU model number, and CPUs newer than the library are not in its list. It detects a Xeon of
/// family 6 model 207 (with AVX-512) as `Prescott`, SSE3 kernels about five times slower in
/// sgemm, and an AMD Zen 4 as `Cooperlake`, AVX-512 kernels slower there than its AVX2 ones.
/// The table goes by features instead, which newer CPUs keep, and by family where the
/// features alone mislead:
///
/// | CPU | core | examples |
/// |---|---|---|
/// | AVX-512 F, CD, BW, DQ, VL, AMD family 19h | `Haswell` (OpenBLAS's `Zen` kept) | Zen 4 |
/// | AVX-512 F, CD, BW, DQ, VL and AVX512_BF16 | `Cooperlake` | Cooperlake, Sapphire/Emerald Rapids, Zen 5 |
/// | AVX-512 F, CD, BW, DQ, VL | `SkylakeX` | Skylake-SP, Cascade Lake, Ice Lake-SP |
/// | AVX2 and FMA, no AVX-512 | `Haswell` (OpenBLAS's `Zen` kept) | Zen 1 to Zen 3, Haswell to Alder Lake |
/// | neither | what OpenBLAS detected | older CPUs |
///
/// A Zen 4 runs each 512-bit operation as two 256-bit halves, so its FMA peak is the same with
/// AVX2 as with AVX-512, and OpenBLAS's AVX2 sgemm kernels (`Haswell`) get closer to it than the
/// AVX-512 ones: 90-92% of the peak against 87-89% on the case study's step (`mpstudy bench
/// gemm`, the two cores measured alternately, 3 rounds each). Different kernels sum in
/// different blocks, so a Zen 4 gives the bits of an AVX2 machine, not those of an AVX-512
/// Xeon; `OPENBLAS_CORETYPE=Cooperlake` (a value set by the user always wins) gives the Xeon's.
///
/// On a Zen 1 (AMD family 17h model 1; 128-bit FMA units, an AVX2 peak of 78-80 GFLOP/s on two
/// cores) OpenBLAS detects `Zen`, kept: it and `Haswell` run the step's products at the same
/// speed within the noise (`mpstudy bench gemm --rounds 3`, one run with each, oneDNN
/// interleaved in both as the yardstick: oneDNN/OpenBLAS 1.04x with `Zen`, 1.03x with
/// `Haswell`; 82-84% of the peak).
///
/// `Cooperlake`'s sgemm kernels are `SkylakeX`'s (it adds bfloat16 ones), so the two give the
/// same single-precision speed; `Cooperlake` is what OpenBLAS's own detection names for a CPU
/// with AVX512_BF16. The table never asks for a kernel set the CPU cannot run: a CPU without
/// AVX-512 never gets an AVX-512 core, even when OpenBLAS detected one (a wrong detection
/// would crash on the first AVX-512 instruction); it gets `Haswell` instead.
///
/// A detected core that already matches the CPU's class is kept (`Zen` on a Zen 3,
/// `SkylakeX` on a Cooperlake CPU): they are tuned for it, and their numbers are the ones
/// OpenBLAS users on that CPU get.
public struct OpenBLASCoreChoice: Sendable, Equatable {
    /// The core to request with `OPENBLAS_CORETYPE`; nil to keep the detected one.
    public let request: String?
    /// The core that will run: ``request``, or the detected core.
    public let core: String
    /// Why, in words: the features that decided, and what happens to the detected core.
    public let reason: String

    /// Detected cores OpenBLAS 0.3.21 may report that use AVX-512 kernels.
    static let avx512Cores: Set<String> = ["skylakex", "cooperlake", "sapphirerapids"]
    /// Detected cores that use AVX2+FMA kernels.
    static let avx2Cores: Set<String> = ["haswell", "zen"]

    /// The table above for a CPU with `features` and `signature`, on which OpenBLAS detected
    /// `detected`.
    public static func choose(features: CPUFeatures, signature: CPUSignature, detected: String) -> OpenBLASCoreChoice {
        let now = detected.lowercased()
        // Haswell's kernels need AVX2 and FMA, which every Zen 4 has; the test says so anyway.
        if features.isSuperset(of: .avx2FMA) && signature.splitsAVX512(features: features) {
            let why = "AVX-512 in 256-bit halves (AMD family 19h, Zen 4): AVX2 kernels"
            if avx2Cores.contains(now) {
                return OpenBLASCoreChoice(request: nil, core: detected, reason: "\(why), detected \(detected) kept")
            }
            return OpenBLASCoreChoice(
                request: "Haswell", core: "Haswell", reason: "\(why), Haswell instead of the detected \(detected)")
        }
        if features.isSuperset(of: .avx512Core) {
            let wanted = features.contains(.avx512bf16) ? "Cooperlake" : "SkylakeX"
            let why =
                features.contains(.avx512bf16)
                ? "AVX-512 F/CD/BW/DQ/VL with AVX512_BF16" : "AVX-512 F/CD/BW/DQ/VL"
            if avx512Cores.contains(now) {
                return OpenBLASCoreChoice(request: nil, core: detected, reason: "\(why): detected \(detected) kept")
            }
            return OpenBLASCoreChoice(
                request: wanted, core: wanted, reason: "\(why): \(wanted) instead of the detected \(detected)")
        }
        if features.isSuperset(of: .avx2FMA) {
            if avx2Cores.contains(now) {
                return OpenBLASCoreChoice(
                    request: nil, core: detected, reason: "AVX2+FMA, no AVX-512: detected \(detected) kept")
            }
            return OpenBLASCoreChoice(
                request: "Haswell", core: "Haswell",
                reason: "AVX2+FMA, no AVX-512: Haswell instead of the detected \(detected)")
        }
        if avx512Cores.contains(now) || avx2Cores.contains(now) {
            // Never run kernels the CPU lacks; the baseline x86-64 kernels always work.
            return OpenBLASCoreChoice(
                request: "Prescott", core: "Prescott",
                reason: "no AVX2+FMA: Prescott instead of the detected \(detected)")
        }
        return OpenBLASCoreChoice(request: nil, core: detected, reason: "no AVX2+FMA: detected \(detected) kept")
    }
}

//===--- CPUFeatures.swift ------------------------------------------------===//
//
// The instruction-set extensions that choose kernels at run time, read from CPUID.
//
//===----------------------------------------------------------------------===//

import CKernels

/// The x86-64 extensions that decide which kernels run: the OpenBLAS kernel set
/// (``OpenBLASCoreChoice``) and the FMA peak loop (``FMAPeak``).
///
/// Read at run time from CPUID by the CKernels target (`ck_cpu_features`, which also checks
/// that the operating system saves the wide registers), never baked in at build time: one
/// binary serves an AVX2-only Zen 3 and an AVX-512 Xeon. A value can also be built from a set
/// of names, so the choices made from it are pure functions that tests feed any CPU.
public struct CPUFeatures: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let avx2 = CPUFeatures(rawValue: UInt32(CK_CPU_AVX2))
    public static let fma = CPUFeatures(rawValue: UInt32(CK_CPU_FMA))
    public static let f16c = CPUFeatures(rawValue: UInt32(CK_CPU_F16C))
    public static let avx512f = CPUFeatures(rawValue: UInt32(CK_CPU_AVX512F))
    public static let avx512cd = CPUFeatures(rawValue: UInt32(CK_CPU_AVX512CD))
    public static let avx512bw = CPUFeatures(rawValue: UInt32(CK_CPU_AVX512BW))
    public static let avx512dq = CPUFeatures(rawValue: UInt32(CK_CPU_AVX512DQ))
    public static let avx512vl = CPUFeatures(rawValue: UInt32(CK_CPU_AVX512VL))
    public static let avx512bf16 = CPUFeatures(rawValue: UInt32(CK_CPU_AVX512BF16))
    public static let avx512fp16 = CPUFeatures(rawValue: UInt32(CK_CPU_AVX512FP16))

    /// AVX-512 F, CD, BW, DQ and VL: what OpenBLAS's SkylakeX kernels use (Skylake-SP and
    /// later Xeons, Zen 4 and later).
    public static let avx512Core: CPUFeatures = [.avx512f, .avx512cd, .avx512bw, .avx512dq, .avx512vl]
    /// AVX2 with FMA: what OpenBLAS's Haswell and Zen kernels use.
    public static let avx2FMA: CPUFeatures = [.avx2, .fma]

    /// Every named feature, with the name /proc/cpuinfo gives it.
    public static let names: [(CPUFeatures, String)] = [
        (.avx2, "avx2"), (.fma, "fma"), (.f16c, "f16c"), (.avx512f, "avx512f"), (.avx512cd, "avx512cd"),
        (.avx512bw, "avx512bw"), (.avx512dq, "avx512dq"), (.avx512vl, "avx512vl"),
        (.avx512bf16, "avx512_bf16"), (.avx512fp16, "avx512_fp16"),
    ]

    /// The features of this CPU (empty off x86-64).
    public static var current: CPUFeatures { CPUFeatures(rawValue: UInt32(ck_cpu_features())) }

    /// The features among `flags` (names as in /proc/cpuinfo, e.g. `avx512_bf16`); other
    /// names are ignored.
    public init<S: Sequence>(flags: S) where S.Element == String {
        let given = Set(flags)
        self = CPUFeatures(Self.names.filter { given.contains($0.1) }.map(\.0))
    }

    /// The names of the features present, space-separated, in ``names`` order.
    public var description: String {
        Self.names.filter { contains($0.0) }.map(\.1).joined(separator: " ")
    }
}

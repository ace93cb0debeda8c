import CKernels

/// The sets of bulk rounding kernels (CKernels), narrowest first, and which one this CPU runs.
///
/// Chosen at run time from CPUID, never at build time, so one binary runs everywhere. All sets
/// round to the same bits (checked on every float32 input by `verify --kernels`), and the
/// AVX-512 and AVX2 sets also give bit-identical statistics: the AVX-512 kernels accumulate
/// the rounding-error sums in the AVX2 kernels' lane order (avx512.c), so an analysis does not
/// depend on which of the two a machine has. The portable set sums in another order (its
/// error sums agree to rounding, its counts exactly).
public enum RoundingKernels: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    /// One element at a time, plain C.
    case portable
    /// AVX2 + F16C (+ FMA), eight elements per step.
    case avx2
    /// AVX-512 F/BW/DQ/VL (+ F16C), sixteen elements per step.
    case avx512

    /// The widest set this CPU runs.
    public static var widest: RoundingKernels {
        if ck_has_avx512() != 0 { return .avx512 }
        if ck_has_f16c_avx2() != 0 { return .avx2 }
        return .portable
    }

    public static func < (a: RoundingKernels, b: RoundingKernels) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .portable: "portable"
        case .avx2: "AVX2+F16C"
        case .avx512: "AVX-512"
        }
    }
}

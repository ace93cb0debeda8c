import Precision

/// `--kernel-format`: the target formats of the `verify --kernels` sweeps: the bulk rounding
/// kernels' float16 and bfloat16, and the scaled kernels' element formats.
enum KernelSweepFormat: CommandLineChoice, CaseIterable {
    case float16, bfloat16
    case element(ElementFormat)

    static var choiceKind: String { "kernel format" }
    static var allCases: [KernelSweepFormat] { [.float16, .bfloat16] + ElementFormat.allCases.map { .element($0) } }

    var name: String {
        switch self {
        case .float16: "float16"
        case .bfloat16: "bfloat16"
        case .element(let e): e.rawValue
        }
    }

    var aliases: [String] {
        switch self {
        case .float16: ["float16", "half", "binary16", "fp16"]
        case .bfloat16: ["bfloat16", "bf16"]
        case .element(let e): [e.rawValue]
        }
    }
}

/// `--kernel-set`: which kernel implementations the `verify --kernels` sweeps run (the CPU's
/// widest and every narrower one by default; a set the CPU lacks is skipped with a note).
extension RoundingKernels: CommandLineChoice {
    static var choiceKind: String { "kernel set" }

    var name: String {
        switch self {
        case .portable: "portable"
        case .avx2: "avx2"
        case .avx512: "avx512"
        }
    }

    var aliases: [String] {
        switch self {
        case .portable: ["portable"]
        case .avx2: ["avx2", "AVX2+F16C"]
        case .avx512: ["avx512", "AVX-512"]
        }
    }
}

import CKernels
import _MPStudySupport

/// Rounds float32 tensors to a compute format in bulk (round to nearest even), writing the
/// rounded values as float32 (exactly representable) and, in the same pass, the statistics.
///
/// The kernels are C, chosen at run time from CPUID (``RoundingKernels``): AVX-512 when the CPU
/// has AVX-512 F/BW/DQ/VL, else AVX2+F16C, else portable. All give the same bits and counts,
/// and the two vector sets the same statistics bit for bit. Tensors are split into the fixed
/// chunks of ``parallel`` (2^16 elements by default), run ``threads`` at a time; each chunk
/// counts into its own statistics and those are merged in chunk order, so the results (the
/// floating-point error sums included) are the same for every thread count.
public struct TensorRounder: Sendable {
    /// The kernel set that runs.
    public let kernels: RoundingKernels
    /// Whether vector kernels (AVX2+F16C or AVX-512) run.
    public var usesVectorKernels: Bool { kernels != .portable }
    /// The chunking, and how many chunks run at once.
    public let parallel: ParallelChunks
    /// Chunks run at once.
    public var threads: Int { parallel.threads }

    /// A rounder using the vector kernels when the CPU has them (and `allowVectorKernels`),
    /// running `threads` chunks of the default size at once.
    public init(threads: Int = 1, allowVectorKernels: Bool = true) {
        self.init(parallel: ParallelChunks(threads: max(1, threads)), allowVectorKernels: allowVectorKernels)
    }

    /// A rounder using `kernels` (or the widest set the CPU runs if narrower), `threads` chunks
    /// of the default size at once.
    public init(threads: Int, kernels: RoundingKernels) {
        self.init(parallel: ParallelChunks(threads: max(1, threads)), kernels: kernels)
    }

    /// A rounder with the chunking of `parallel`: the widest kernels the CPU runs, or the
    /// portable ones when `allowVectorKernels` is false.
    public init(parallel: ParallelChunks, allowVectorKernels: Bool = true) {
        self.init(parallel: parallel, kernels: allowVectorKernels ? .widest : .portable)
    }

    /// A rounder using `kernels`, or the widest set the CPU runs if that is narrower.
    public init(parallel: ParallelChunks, kernels: RoundingKernels) {
        self.parallel = parallel
        self.kernels = min(kernels, .widest)
    }

    typealias Kernel =
        @convention(c) (
            UnsafePointer<Float>?, UnsafeMutablePointer<Float>?, Int,
            UnsafeMutablePointer<ck_round_stats>?, Float,
            UnsafeMutablePointer<ck_scaled_counts>?
        ) -> Void

    func kernel(_ format: ComputeFormat) -> Kernel? {
        switch format {
        case .float32: nil
        case .float16:
            switch kernels {
            case .avx512: ck_round_f16_avx512
            case .avx2: ck_round_f16_avx2
            case .portable: ck_round_f16_portable
            }
        case .bfloat16:
            switch kernels {
            case .avx512: ck_round_bf16_avx512
            case .avx2: ck_round_bf16_avx2
            case .portable: ck_round_bf16_portable
            }
        }
    }

    /// Rounds `count` values to `format` into `output` (which may be `input`), no statistics.
    public func round(
        _ input: UnsafePointer<Float>, count: Int, to format: ComputeFormat,
        into output: UnsafeMutablePointer<Float>
    ) {
        guard let kernel = kernel(format) else {
            if UnsafePointer(output) != input { output.update(from: input, count: count) }
            return
        }
        parallel.forEachChunk(count: count) { range in
            kernel(input + range.lowerBound, output + range.lowerBound, range.count, nil, 1, nil)
        }
    }

    /// Rounds `count` values to `format` into `output` (nil: statistics only) and adds what the
    /// rounding did to `record`; when `record.counterfactualScale` is set, also counts what
    /// rounding x * scale would have done. For float32 the values are kept and only observed.
    public func round(
        _ input: UnsafePointer<Float>, count: Int, to format: ComputeFormat,
        into output: UnsafeMutablePointer<Float>?, recording record: inout RoundingRecord
    ) {
        let scale = record.counterfactualScale
        let kernel = kernel(format)
        let parts = parallel.mapChunks(count: count) { range in
            var stats = ck_round_stats()
            var counts = ck_scaled_counts()
            let x = input + range.lowerBound
            if let kernel {
                withUnsafeMutablePointer(to: &counts) { counts in
                    kernel(
                        x, output.map { $0 + range.lowerBound }, range.count, &stats, scale ?? 1,
                        scale == nil ? nil : counts)
                }
            } else {
                ck_observe_f32(x, range.count, &stats)
                if let output, UnsafePointer(output) != input {
                    (output + range.lowerBound).update(from: x, count: range.count)
                }
            }
            return (stats, counts)
        }
        // In chunk order: the error sums are floating-point additions.
        for (stats, counts) in parts {
            record.statistics.absorb(stats)
            if scale != nil { record.counterfactual.absorb(counts) }
        }
    }
}

/// The statistics of one rounded tensor (or several), and optionally the counterfactual
/// counts of rounding it unscaled.
public struct RoundingRecord: Sendable, Equatable, Codable {
    public var statistics = RoundingStatistics()
    /// When set, the kernels also round x * counterfactualScale and count the outcome.
    public var counterfactualScale: Float?
    public var counterfactual = ScaledCounts()

    public init(counterfactualScale: Float? = nil) {
        self.counterfactualScale = counterfactualScale
    }

    /// The record of a tensor that carries the loss scale `lossScale` (1 for forward tensors):
    /// its counterfactual is x / lossScale, what rounding it unscaled would do (none at 1). The
    /// one rule shared by analyze's rounding sites and `inspect --run`'s recount.
    public init(lossScale: Float) {
        self.init(counterfactualScale: lossScale != 1 ? 1 / lossScale : nil)
    }
}

import CKernels
import Dispatch

/// Rounds float32 tensors to a compute format in bulk (round to nearest even), writing the
/// rounded values as float32 (exactly representable) and, in the same pass, the statistics.
///
/// The kernels are C: an AVX2+F16C version chosen at run time when the CPU has those features,
/// and a portable one; both give the same bits and counts. Large tensors are split into a
/// fixed number of chunks over `threads` cores and the chunks' statistics merged in order, so
/// results depend on the thread count but not on scheduling.
public struct TensorRounder: Sendable {
    /// Whether the AVX2+F16C kernels run.
    public let usesVectorKernels: Bool
    /// Cores to split large tensors over.
    public let threads: Int

    /// Smallest chunk worth a thread.
    static let minimumChunk = 1 << 16

    /// A rounder using the vector kernels when the CPU has them (and `allowVectorKernels`).
    public init(threads: Int = 1, allowVectorKernels: Bool = true) {
        self.threads = max(1, threads)
        usesVectorKernels = allowVectorKernels && ck_has_f16c_avx2() != 0
    }

    typealias Kernel = @convention(c) (UnsafePointer<Float>?, UnsafeMutablePointer<Float>?, Int,
                                       UnsafeMutablePointer<ck_round_stats>?, Float,
                                       UnsafeMutablePointer<ck_scaled_counts>?) -> Void

    func kernel(_ format: ComputeFormat) -> Kernel? {
        switch format {
        case .float32: nil
        case .float16: usesVectorKernels ? ck_round_f16_avx2 : ck_round_f16_portable
        case .bfloat16: usesVectorKernels ? ck_round_bf16_avx2 : ck_round_bf16_portable
        }
    }

    /// Rounds `count` values to `format` into `output` (which may be `input`), no statistics.
    public func round(_ input: UnsafePointer<Float>, count: Int, to format: ComputeFormat,
                      into output: UnsafeMutablePointer<Float>) {
        guard let kernel = kernel(format) else {
            if UnsafePointer(output) != input { output.update(from: input, count: count) }
            return
        }
        forEachChunk(count) { range, _ in
            kernel(input + range.lowerBound, output + range.lowerBound, range.count, nil, 1, nil)
        }
    }

    /// Rounds `count` values to `format` into `output` (nil: statistics only) and adds what the
    /// rounding did to `record`; when `record.counterfactualScale` is set, also counts what
    /// rounding x * scale would have done. For float32 the values are kept and only observed.
    public func round(_ input: UnsafePointer<Float>, count: Int, to format: ComputeFormat,
                      into output: UnsafeMutablePointer<Float>?, recording record: inout RoundingRecord) {
        let scale = record.counterfactualScale
        let kernel = kernel(format)
        let chunks = chunkCount(count)
        var stats = [ck_round_stats](repeating: ck_round_stats(), count: chunks)
        var counts = [ck_scaled_counts](repeating: ck_scaled_counts(), count: chunks)
        stats.withUnsafeMutableBufferPointer { statsSlots in
            counts.withUnsafeMutableBufferPointer { countSlots in
                nonisolated(unsafe) let statsBase = statsSlots.baseAddress!, countBase = countSlots.baseAddress!
                forEachChunk(count) { range, index in
                    let x = input + range.lowerBound
                    if let kernel {
                        kernel(x, output.map { $0 + range.lowerBound }, range.count, statsBase + index,
                               scale ?? 1, scale == nil ? nil : countBase + index)
                    } else {
                        ck_observe_f32(x, range.count, statsBase + index)
                        if let output, UnsafePointer(output) != input {
                            (output + range.lowerBound).update(from: x, count: range.count)
                        }
                    }
                }
            }
        }
        for part in stats { record.statistics.absorb(part) }
        if scale != nil { for part in counts { record.counterfactual.absorb(part) } }
    }

    func chunkCount(_ count: Int) -> Int {
        max(1, min(threads, count / Self.minimumChunk))
    }

    /// Calls `body` with `chunkCount(count)` contiguous ranges covering 0..<count, in parallel.
    func forEachChunk(_ count: Int, _ body: (Range<Int>, Int) -> Void) {
        let chunks = chunkCount(count)
        if chunks == 1 { body(0..<count, 0); return }
        let size = (count + chunks - 1) / chunks
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: chunks) { i in
                body(i * size..<min(count, (i + 1) * size), i)
            }
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
}

import CKernels
import _MPStudySupport

extension TensorRounder {
    /// What the update `w <- w - d` does to each of `count` variables at `weights` (before the
    /// update) with increments `updates`: ``UpdateStatistics`` against float32 and `format`.
    /// Split into chunks like the rounding kernels; integer counts, exact in any order.
    public func lostUpdates(
        weights: UnsafePointer<Float>, updates: UnsafePointer<Float>, count: Int,
        format: ComputeFormat
    ) -> UpdateStatistics {
        let kernel = usesVectorKernels ? ck_lost_updates_avx2 : ck_lost_updates_portable
        return Self.counting(parallel, count: count, format: format) { range, precision, slots in
            kernel(weights + range.lowerBound, updates + range.lowerBound, range.count, precision, slots)
        }
    }

    /// ``lostUpdates(weights:updates:count:format:)`` and the update itself, `w = w - d` in
    /// float32, in the same pass over the weights (each weight is read before it is written):
    /// what an analysed optimizer step does instead of counting and then updating.
    public func applyCountingLostUpdates(
        weights: UnsafeMutablePointer<Float>, updates: UnsafePointer<Float>, count: Int,
        format: ComputeFormat
    ) -> UpdateStatistics {
        let kernel = usesVectorKernels ? ck_lost_updates_apply_avx2 : ck_lost_updates_apply_portable
        return Self.counting(parallel, count: count, format: format) { range, precision, slots in
            kernel(weights + range.lowerBound, updates + range.lowerBound, range.count, precision, slots)
        }
    }

    /// Runs `kernel` on every chunk of `0..<count` and adds up its four counters.
    static func counting(
        _ parallel: ParallelChunks, count: Int, format: ComputeFormat,
        _ kernel: (Range<Int>, Int32, UnsafeMutablePointer<UInt64>) -> Void
    ) -> UpdateStatistics {
        let precision = Int32(format.precision)
        let parts = parallel.mapChunks(count: count) { range in
            var counts: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            withUnsafeMutablePointer(to: &counts) { tuple in
                tuple.withMemoryRebound(to: UInt64.self, capacity: 4) { slots in
                    kernel(range, precision, slots)
                }
            }
            return counts
        }
        var s = UpdateStatistics()
        for part in parts {
            s.count += part.0
            s.nonzero += part.1
            s.lostInFloat32 += part.2
            s.lostInCompute += part.3
        }
        return s
    }
}

import CKernels

extension TensorRounder {
    /// What the update `w <- w - d` does to each of `count` variables at `weights` (before the
    /// update) with increments `updates`: ``UpdateStatistics`` against float32 and `format`.
    /// Split over the cores like the rounding kernels; counts do not depend on the split.
    public func lostUpdates(weights: UnsafePointer<Float>, updates: UnsafePointer<Float>, count: Int,
                            format: ComputeFormat) -> UpdateStatistics {
        let chunks = chunkCount(count)
        var parts = [UInt64](repeating: 0, count: 4 * chunks)
        parts.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let base = slots.baseAddress!
            forEachChunk(count) { range, index in
                let kernel = usesVectorKernels ? ck_lost_updates_avx2 : ck_lost_updates_portable
                kernel(weights + range.lowerBound, updates + range.lowerBound, range.count,
                       Int32(format.precision), base + 4 * index)
            }
        }
        var s = UpdateStatistics()
        for i in 0..<chunks {
            s.count += parts[4 * i]
            s.nonzero += parts[4 * i + 1]
            s.lostInFloat32 += parts[4 * i + 2]
            s.lostInCompute += parts[4 * i + 3]
        }
        return s
    }
}

//===--- Parallelism.swift ------------------------------------------------===//
//
// Fixed, deterministic partitioning of elementwise work over the cores.
//
//===----------------------------------------------------------------------===//

import Dispatch

/// Splits elementwise work into a fixed number of contiguous chunks run with
/// `DispatchQueue.concurrentPerform`.
///
/// Determinism: chunk boundaries depend only on the element count and ``threads``, and every
/// kernel in NeuralNet either works elementwise or reduces each output element (a column sum,
/// a row's softmax) entirely inside one chunk, in a fixed order. So results are identical for
/// any thread count; only OpenBLAS's GEMM depends on it.
public struct Parallelism: Sendable {
    /// Number of chunks to split work into (normally the number of cores).
    public let threads: Int
    /// Below this many elements per chunk the work runs on the calling thread: waking a
    /// worker costs microseconds, a memory-bound pass moves about 4 GB/s per core.
    public let minimumChunk: Int

    public init(threads: Int, minimumChunk: Int = 1 << 16) {
        precondition(threads >= 1)
        self.threads = threads
        self.minimumChunk = minimumChunk
    }

    /// Calls `body` on disjoint ranges covering `0..<count`, concurrently when worthwhile.
    /// Boundaries are multiples of `alignment` items (64 bytes of Float by default), so chunks
    /// never share a cache line. `workPerItem` is the number of elements one item stands for
    /// (a column of a column sum stands for all its rows), to decide whether splitting pays.
    @inlinable
    public func forEachChunk(count: Int, workPerItem: Int = 1, alignment: Int = 16, _ body: (Range<Int>) -> Void) {
        let chunks = Swift.min(threads, Swift.max(1, count * workPerItem / Swift.max(minimumChunk, 1)), Swift.max(1, count / alignment))
        if chunks <= 1 { body(0..<count); return }
        let rough = (count + chunks - 1) / chunks
        let size = (rough + alignment - 1) / alignment * alignment
        withoutActuallyEscaping(body) { body in
            // The chunks touch disjoint ranges, and `concurrentPerform` returns only when all of
            // them are done, so handing the (non-Sendable) kernel to the workers is safe.
            let kernel = _UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: chunks) { index in
                let lower = Swift.min(index * size, count)
                let upper = Swift.min(lower + size, count)
                if lower < upper { kernel.value(lower..<upper) }
            }
        }
    }
}

/// Carries a value into a `@Sendable` closure when the caller guarantees there is no data
/// race (disjoint writes, joined before returning).
@usableFromInline
struct _UncheckedSendable<Value>: @unchecked Sendable {
    @usableFromInline let value: Value
    @usableFromInline init(_ value: Value) { self.value = value }
}

import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Deterministic parallel loops over `0..<count`, split into chunks of a fixed size.
///
/// The chunking depends only on the element count and the chunk size, never on the thread
/// count: chunk `k` is `k·size ..< min((k + 1)·size, count)`. A reduction produces one partial
/// result per chunk (``mapChunks(count:chunkSize:_:)``) and combines them in chunk order
/// (``reduceChunks(count:chunkSize:_:_:_:)``), so a floating-point sum has the same bits with
/// 1, 2 or 8 threads. ``threads`` only decides how many chunks run at once: worker `w` of `W`
/// runs chunks `w, w + W, w + 2W, …` (interleaved, so workers stream through memory side by
/// side and unequal chunks even out), and the call returns when every chunk is done.
///
/// With one thread, or one chunk, everything runs on the calling thread in chunk order, with
/// no dispatch at all.
public struct ParallelChunks: Sendable {
    /// Elements per chunk unless a call says otherwise: 2^16 floats (256 KiB) is far more work
    /// than waking a worker costs (microseconds; a memory-bound pass moves a few GB/s per
    /// core), and a multiple of every vector width and cache line, so only the last chunk has
    /// a ragged end.
    public static let defaultChunkElements = 1 << 16

    /// How many chunks may run at once.
    public let threads: Int
    /// Elements of work per chunk (see ``chunkSize(workPerItem:alignment:)``).
    public let chunkElements: Int

    /// Loops that run `threads` chunks at once, chunks of `chunkElements` elements.
    public init(threads: Int, chunkElements: Int = ParallelChunks.defaultChunkElements) {
        precondition(threads >= 1, "ParallelChunks: threads must be at least 1, not \(threads)")
        precondition(chunkElements >= 1, "ParallelChunks: chunkElements must be at least 1, not \(chunkElements)")
        self.threads = threads
        self.chunkElements = chunkElements
    }

    /// Cores online (at least 1): the thread count when the user chose none.
    public static var availableCores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Items per chunk when one item stands for `workPerItem` elements (a row of a matrix
    /// stands for its columns): `chunkElements / workPerItem`, at least 1, rounded up to a
    /// multiple of `alignment` (16 items keep chunks of Float on separate cache lines).
    /// A function of the shape only, so the chunking stays independent of the thread count.
    @inlinable
    public func chunkSize(workPerItem: Int = 1, alignment: Int = 1) -> Int {
        precondition(workPerItem >= 1 && alignment >= 1)
        let items = Swift.max(1, chunkElements / workPerItem)
        return (items + alignment - 1) / alignment * alignment
    }

    /// The number of chunks of `size` items that cover `0..<count` (0 when `count` is 0).
    @inlinable
    public static func chunkCount(count: Int, size: Int) -> Int {
        precondition(count >= 0 && size >= 1)
        return count == 0 ? 0 : (count - 1) / size + 1
    }

    /// Chunk `index` of `0..<count` in chunks of `size` items.
    @inlinable
    public static func chunk(_ index: Int, count: Int, size: Int) -> Range<Int> {
        let lower = index * size
        return lower..<Swift.min(lower + size, count)
    }

    /// Calls `body` once for every chunk of `0..<count` (`chunkSize` items each, default
    /// ``chunkElements``), up to ``threads`` at once. `body` must only write what its range
    /// owns. Returns when every chunk is done.
    @inlinable
    public func forEachChunk(count: Int, chunkSize: Int? = nil, _ body: (Range<Int>) -> Void) {
        let size = chunkSize ?? chunkElements
        runChunks(chunks: Self.chunkCount(count: count, size: size)) { index in
            body(Self.chunk(index, count: count, size: size))
        }
    }

    /// `body` of every chunk of `0..<count`, up to ``threads`` at once, the results in chunk
    /// order: the per-chunk partials of a reduction.
    @inlinable
    public func mapChunks<Partial>(
        count: Int, chunkSize: Int? = nil,
        _ body: (Range<Int>) -> Partial
    ) -> [Partial] {
        let size = chunkSize ?? chunkElements
        let chunks = Self.chunkCount(count: count, size: size)
        return [Partial](unsafeUninitializedCapacity: chunks) { buffer, initialized in
            guard let base = buffer.baseAddress else {
                initialized = 0
                return
            }
            // Each chunk initialises only its own slot.
            let slots = UncheckedSendable(base)
            runChunks(chunks: chunks) { index in
                (slots.value + index).initialize(to: body(Self.chunk(index, count: count, size: size)))
            }
            initialized = chunks
        }
    }

    /// The per-chunk results of `part` combined in chunk order, starting from `initial`:
    /// `combine(combine(initial, p₀), p₁)…`. Bit-identical for every thread count.
    @inlinable
    public func reduceChunks<Partial>(
        count: Int, chunkSize: Int? = nil, _ initial: Partial,
        _ combine: (Partial, Partial) -> Partial,
        _ part: (Range<Int>) -> Partial
    ) -> Partial {
        mapChunks(count: count, chunkSize: chunkSize, part).reduce(initial, combine)
    }

    /// Runs `job(0..<chunks)`, on the calling thread when at most one worker is needed, else
    /// on `min(threads, chunks)` workers, worker `w` taking chunks `w, w + W, …`.
    @inlinable
    func runChunks(chunks: Int, _ job: (Int) -> Void) {
        let workers = Swift.min(threads, chunks)
        if workers <= 1 {
            for index in 0..<chunks { job(index) }
            return
        }
        withoutActuallyEscaping(job) { job in
            // Safe to share: chunks write disjoint memory, and concurrentPerform returns only
            // after every worker has finished.
            let shared = UncheckedSendable(job)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var index = worker
                while index < chunks {
                    shared.value(index)
                    index += workers
                }
            }
        }
    }
}

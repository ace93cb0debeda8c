import Testing
import _MPStudySupport

/// The chunking is arithmetic on the count and the chunk size alone, and the thread count
/// changes nothing but how many chunks run at once.
@Suite struct ParallelChunksTests {
    static let threadCounts = [1, 2, 3, 8]

    /// Chunk k of 0..<count in chunks of `size` is k·size ..< min((k+1)·size, count), so:
    /// 10 in fours is 0..<4, 4..<8, 8..<10 (⌈10/4⌉ = 3 chunks, the last one short); 8 in fours
    /// is exactly two; 1 in fours is one short chunk; 0 is no chunk at all.
    @Test(arguments: threadCounts)
    func boundariesFollowFromCountAndSize(_ threads: Int) {
        let loops = ParallelChunks(threads: threads)
        #expect(loops.mapChunks(count: 10, chunkSize: 4) { $0 } == [0..<4, 4..<8, 8..<10])
        #expect(loops.mapChunks(count: 8, chunkSize: 4) { $0 } == [0..<4, 4..<8])
        #expect(loops.mapChunks(count: 1, chunkSize: 4) { $0 } == [0..<1])
        #expect(loops.mapChunks(count: 0, chunkSize: 4) { $0 } == [])
        // The default size is chunkElements: 2^16 + 1 elements are one full chunk and one of 1.
        #expect(loops.mapChunks(count: 65_537) { $0 } == [0..<65_536, 65_536..<65_537])
        #expect(ParallelChunks(threads: threads, chunkElements: 3).mapChunks(count: 7) { $0 } == [0..<3, 3..<6, 6..<7])
    }

    /// Items that stand for several elements: ⌊chunkElements / workPerItem⌋, at least 1, rounded
    /// up to the alignment. 65536 / 784 = 83.6 → 83, aligned to 16 → 96; 65536 / 8192 = 8,
    /// aligned to 256 → 256; 65536 / 100000 → 0 → 1; 65536 / 1 = 65536 (already aligned).
    @Test func chunkSizeForWideItems() {
        let loops = ParallelChunks(threads: 5)
        #expect(loops.chunkSize(workPerItem: 784) == 83)
        #expect(loops.chunkSize(workPerItem: 784, alignment: 16) == 96)
        #expect(loops.chunkSize(workPerItem: 8192, alignment: 256) == 256)
        #expect(loops.chunkSize(workPerItem: 100_000) == 1)
        #expect(loops.chunkSize() == 65_536)
        #expect(ParallelChunks.chunkCount(count: 10, size: 4) == 3)
        #expect(ParallelChunks.chunkCount(count: 12, size: 4) == 3)
        #expect(ParallelChunks.chunkCount(count: 13, size: 4) == 4)
        #expect(ParallelChunks.chunk(2, count: 10, size: 4) == 8..<10)
    }

    /// Every index of 0..<1000 is visited exactly once (chunks of 7: 143 chunks, the last of
    /// 6), whatever the thread count; each chunk writes only its own indices.
    @Test(arguments: threadCounts)
    func forEachChunkVisitsEveryIndexOnce(_ threads: Int) {
        let count = 1000
        let visits = UnsafeMutableBufferPointer<Int>.allocate(capacity: count)
        visits.initialize(repeating: 0)
        defer { visits.deallocate() }
        ParallelChunks(threads: threads).forEachChunk(count: count, chunkSize: 7) { range in
            for i in range { visits[i] += 1 }
        }
        #expect(visits.allSatisfy { $0 == 1 })
    }

    /// A float32 sum that tells chunked from serial association. x = [2^24, 1, 1, 1] in chunks
    /// of 2: the partials are 2^24 + 1 = 16777217, which ties between 16777216 and 16777218 and
    /// rounds to even, 16777216; and 1 + 1 = 2; combined, 16777216 + 2 = 16777218 (exact).
    /// Adding serially would give 16777216 (each + 1 ties back to even), and one chunk per
    /// thread would give 16777216 for one thread: only the fixed chunking gives 16777218 for all.
    @Test(arguments: threadCounts)
    func reductionAssociatesByChunk(_ threads: Int) {
        let x: [Float] = [16_777_216, 1, 1, 1]
        let sum = x.withUnsafeBufferPointer { x in
            ParallelChunks(threads: threads).reduceChunks(count: 4, chunkSize: 2, Float(0), +) { range in
                var s: Float = 0
                for i in range { s += x[i] }
                return s
            }
        }
        #expect(sum == 16_777_218)
    }

    /// 100,003 random floats of mixed magnitudes summed in chunks of 1000: the same bits for
    /// every thread count, and those of the definition, computed here in a plain loop (each
    /// chunk summed in order from 0, the partials added in chunk order).
    @Test func sumIsBitIdenticalForEveryThreadCount() {
        var rng = SeededGenerator(seed: 42)
        let values: [Float] = (0..<100_003).map { _ in
            Float(
                sign: rng.next() & 1 == 0 ? .plus : .minus, exponent: Int(rng.next() % 40) - 20,
                significand: 1 + Float(rng.next() % (1 << 23)) / Float(1 << 23))
        }
        var expected: Float = 0
        for start in stride(from: 0, to: values.count, by: 1000) {
            var partial: Float = 0
            for i in start..<min(start + 1000, values.count) { partial += values[i] }
            expected += partial
        }
        let sums = Self.threadCounts.map { threads in
            values.withUnsafeBufferPointer { x in
                ParallelChunks(threads: threads).reduceChunks(count: x.count, chunkSize: 1000, Float(0), +) { range in
                    var s: Float = 0
                    for i in range { s += x[i] }
                    return s
                }
            }
        }
        for sum in sums { #expect(sum.bitPattern == expected.bitPattern) }
    }

    /// More threads than chunks, and more chunks than threads: partials come back in chunk order.
    @Test func partialsComeBackInChunkOrder() {
        for threads in [1, 2, 3, 8, 64] {
            let firsts = ParallelChunks(threads: threads).mapChunks(count: 50, chunkSize: 3) { $0.lowerBound }
            #expect(firsts == Array(stride(from: 0, to: 50, by: 3)))
        }
    }
}

//===--- RandomStreams.swift ----------------------------------------------===//
//
// The seeded random draws of training: initialisation and shuffling.
//
//===----------------------------------------------------------------------===//

import _MPStudySupport

/// The random streams of one training run, both ``SeededGenerator`` (xoshiro256**
/// seeded through SplitMix64), and the exact way values are drawn from them.
///
/// Every draw is written out here instead of using `Float.random(in:using:)` or
/// `shuffle(using:)`, whose algorithms the standard library may change: the same seed must give
/// the same run with any toolchain.
///
/// - ``initialization`` is `SeededGenerator(seed: seed)`; it fills the kernels in layer order
///   (`dense_1`, `dense_2`, `dense_logits`), each in row-major order.
/// - ``shuffling`` is `SeededGenerator(seed: seed ^ 0x5348_5546_464C_4531)` (ASCII "SHUFFLE1"),
///   an independent stream, so changing the epochs or batch size never changes the weights.
public struct RandomStreams: Sendable {
    public var initialization: SeededGenerator
    public var shuffling: SeededGenerator

    public init(seed: UInt64) {
        initialization = SeededGenerator(seed: seed)
        shuffling = SeededGenerator(seed: seed ^ 0x5348_5546_464C_4531)
    }

    /// A uniform Double in [0, 1): the top 53 bits of one 64-bit draw, times 2⁻⁵³.
    @inlinable
    public static func unitInterval(_ generator: inout SeededGenerator) -> Double {
        Double(generator.next() >> 11) * 0x1p-53
    }

    /// A uniform integer in `0..<bound`, without bias: Lemire's multiply-and-reject method
    /// (D. Lemire, "Fast random integer generation in an interval", 2019).
    @inlinable
    public static func index(below bound: Int, _ generator: inout SeededGenerator) -> Int {
        precondition(bound > 0)
        let n = UInt64(bound)
        var product = generator.next().multipliedFullWidth(by: n)
        if product.low < n {
            let threshold = (0 &- n) % n
            while product.low < threshold { product = generator.next().multipliedFullWidth(by: n) }
        }
        return Int(product.high)
    }

    /// Fisher–Yates shuffle, from the last position down: position `i` swaps with a uniform
    /// index in `0...i`.
    @inlinable
    public static func shuffle(_ values: inout [Int32], _ generator: inout SeededGenerator) {
        var i = values.count - 1
        while i > 0 {
            let j = index(below: i + 1, &generator)
            values.swapAt(i, j)
            i -= 1
        }
    }
}

import SoftFloat
import _MPStudySupport

extension RuntimeFormat {
    /// `count` runtime formats drawn from `seed` for differential runs: w uniform in 2...11,
    /// p uniform in 2...53, half IEEE-like, a quarter without infinities (E4M3 layout), a
    /// quarter with neither infinities nor NaN (the MX layout). The same seed gives the same
    /// formats.
    public static func randomSample(count: Int, seed: UInt64) -> [RuntimeFormat] {
        var rng = SeededGenerator(seed: seed ^ 0x5EED_F0F0_0000_0001)
        return (0..<count).map { _ in
            let w = Int.random(in: exponentBitCounts, using: &rng)
            let p = Int.random(in: precisions, using: &rng)
            let layout = Int.random(in: 0..<4, using: &rng)
            // In range by construction: the initializer cannot refuse these.
            return try! RuntimeFormat(
                exponentBitCount: w, fractionBitCount: p - 1, hasInfinities: layout < 2, hasNaN: layout < 3)
        }
    }
}

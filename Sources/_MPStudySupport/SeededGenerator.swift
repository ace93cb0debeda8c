/// xoshiro256** (Blackman and Vigna, 2018) seeded through SplitMix64: a small, fast, documented
/// generator whose sequence depends only on the seed, for reproducible experiments and for
/// stochastic rounding. Not for cryptography.
///
/// It lives in the support target, not in SoftFloat: the arithmetic takes any caller-supplied
/// `RandomNumberGenerator`, and the training engine, the benchmarks and the differential
/// checks all need this one without needing SoftFloat for it.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    @usableFromInline var s0, s1, s2, s3: UInt64

    /// The generator whose state is four SplitMix64 outputs of `seed`.
    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z &>> 31)
        }
        s0 = splitMix()
        s1 = splitMix()
        s2 = splitMix()
        s3 = splitMix()
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) &<< 7 | (s1 &* 5) &>> 57) &* 9
        let t = s1 &<< 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 &<< 45 | s3 &>> 19
        return result
    }
}

import _MPStudySupport

/// The bulk benchmarks' input: `count` activations-like float32 values (every tenth zero, the
/// rest normal with |x| in [2^-30, 2^21) and random sign and significand), seeded, so every
/// kernel and every run sees the same tensor.
func activationLikeValues(count: Int, seed: UInt64 = 5) -> [Float] {
    var rng = SeededGenerator(seed: seed)
    return (0..<count).map { i in
        if i % 10 == 0 { return 0 }
        let e = Int(rng.next() % 51) - 30
        return Float(
            sign: rng.next() & 1 == 0 ? .plus : .minus, exponent: e,
            significand: 1 + Float(rng.next() % (1 << 23)) / Float(1 << 23))
    }
}

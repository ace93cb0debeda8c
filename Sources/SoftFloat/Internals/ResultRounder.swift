/// How an operation turns its exact result (in the working form of `roundPack`) into a value
/// of the format: by the environment's rounding attribute, or stochastically.
///
/// Every operation is written once over a rounder `R`; the public entry points pass
/// `AttributeRounder` (which the compiler inlines to plain `roundPack`, so the IEEE paths cost
/// nothing extra) or `StochasticRounder`.
@usableFromInline
protocol ResultRounder {
    /// True when the rounding reads, below the rounding point, only the first discarded bit and
    /// whether any other is set (the IEEE attributes): an operation may then deliver just those
    /// two bits exactly (the rest zero but a sticky bit 0) instead of every discarded bit.
    static var readsRoundAndStickyBitsOnly: Bool { get }

    mutating func roundPack<F: BinaryFormat>(
        _: F.Type, negative: Bool, exponent: Int, significand: UInt64,
        _ env: inout FloatEnvironment
    ) -> BinaryFloat<F>
}

/// Rounding by `env.rounding` (IEEE 754 rounding-direction attributes).
@usableFromInline @frozen
struct AttributeRounder: ResultRounder {
    @inlinable @inline(__always) init() {}

    @inlinable @inline(__always) static var readsRoundAndStickyBitsOnly: Bool { true }

    @inlinable @inline(__always)
    func roundPack<F: BinaryFormat>(
        _: F.Type, negative: Bool, exponent: Int, significand: UInt64,
        _ env: inout FloatEnvironment
    ) -> BinaryFloat<F> {
        BinaryFloat<F>.roundPack(negative: negative, exponent: exponent, significand: significand, &env)
    }
}

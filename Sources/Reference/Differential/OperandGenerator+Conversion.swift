import SoftFloat

extension OperandGenerator {
    /// A value of `F` near the rounding grid of the narrower format `T`: exponents at T's
    /// subnormal and overflow boundaries, and fractions exactly on, half-way between, or one
    /// unit off T's representable values, so conversions meet ties and carries.
    public mutating func operand<T: BinaryFormat>(nearGridOf _: T.Type) -> Value {
        if chance(6) { return special() }
        let extra = F.fractionBitCount - T.fractionBitCount
        guard extra > 0 else { return operand() }
        var inner = OperandGenerator<T>(seed: rng.next())
        let exponentT = inner.exponentField() + below(T.precision + 3) - 1 - (chance(50) ? T.precision : 0)
        let fractionT = inner.fraction()
        let half = UInt64(1) << UInt64(extra - 1)
        let low: UInt64
        switch below(6) {
        case 0: low = 0
        case 1: low = half
        case 2: low = half &- 1
        case 3: low = half &+ 1
        case 4: low = (UInt64(1) << UInt64(extra)) &- 1
        default: low = rng.next() & ((UInt64(1) << UInt64(extra)) &- 1)
        }
        return Self.make(chance(50), exponentT - T.bias + F.bias, fractionT << UInt64(extra) | low)
    }
}

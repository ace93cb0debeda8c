/// nextUp and nextDown (IEEE 754-2019, 5.3.1). Raise nothing, except invalid for a signalling
/// NaN (returned quieted). nextUp(±0) is the smallest positive subnormal, nextUp(largest) is
/// +infinity, nextUp(+inf) is +inf, nextUp(-inf) is -largest. In E4M3, which has no infinity,
/// the step beyond ±448 gives the NaN of that sign (there is no larger number).
extension BinaryFloat {
    /// The least value that compares greater than `self`.
    @inlinable
    public func nextUp(in env: inout FloatEnvironment) -> Self {
        if isNaN { return Self.propagateNaN(self, self, &env) }
        if isZero { return .leastSubnormal }
        if isInfinite { return sign ? .greatestFinite(negative: true) : self }
        if sign { return Self(word: word &- 1) }
        if magnitude == Format.maxFiniteMagnitude { return .infinity(negative: false) }
        return Self(word: word &+ 1)
    }

    /// The greatest value that compares less than `self`: -nextUp(-self).
    @inlinable
    public func nextDown(in env: inout FloatEnvironment) -> Self {
        if isNaN { return Self.propagateNaN(self, self, &env) }
        let negated = Self(word: word ^ Format.signMask)
        let up = negated.nextUp(in: &env)
        return Self(word: up.word ^ Format.signMask)
    }
}

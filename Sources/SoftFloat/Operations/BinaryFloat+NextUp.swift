/// nextUp and nextDown (IEEE 754-2019, 5.3.1). Raise nothing, except invalid for a signalling
/// NaN (returned quieted). nextUp(±0) is the smallest positive subnormal, nextUp(largest) is
/// +infinity, nextUp(+inf) is +inf, nextUp(-inf) is -largest. In E4M3, which has no infinity,
/// the step beyond ±448 gives the NaN of that sign (there is no larger number); in FP6 and
/// FP4, with neither infinity nor NaN, ±largest finite stays where it is (nothing lies beyond,
/// and nothing else can be delivered). In E8M0 nextUp(2^127) and nextDown(2^-127) are the NaN.
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
        if !Format.hasSign {
            // Unsigned (E8M0): one encoding down; below the least value 2^-127 there is no
            // number (no zero), so the NaN, as nextUp of the largest gives in E4M3.
            return magnitude == 0 ? .defaultNaN : Self(word: word &- 1)
        }
        let negated = Self(word: word ^ Format.signMask)
        let up = negated.nextUp(in: &env)
        return Self(word: up.word ^ Format.signMask)
    }
}

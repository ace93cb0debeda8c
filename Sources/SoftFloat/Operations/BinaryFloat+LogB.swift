/// logB (IEEE 754-2019, 5.3.3), delivered in the same format as C's `logb`: the exponent
/// floor(log2 |x|) of a finite nonzero x (subnormals included) as a value of the format,
/// rounded by `env` if the format cannot hold it exactly (E5M2 holds only 3 significant
/// bits: logB(2^9) is 9, which rounds to 8, inexact). logB(±0) is -infinity and raises
/// divide-by-zero (E4M3: NaN, or -448 saturating), logB(±inf) is +inf, NaNs propagate.
extension BinaryFloat {
    /// floor(log2 |self|) in this format.
    @inlinable
    public func logB(in env: inout FloatEnvironment) -> Self {
        if isNaN { return Self.propagateNaN(self, self, &env) }
        if isInfinite { return .infinity(negative: false) }
        if isZero {
            env.flags.insert(.divisionByZero)
            return Self.infiniteResult(negative: true, env)
        }
        guard let e = binaryExponent else { return self }
        return Self.fromMagnitude(UInt64(e.magnitude), negative: e < 0, &env)
    }

    /// floor(log2 |self|) for finite nonzero values (the IEEE exponent, below emin for
    /// subnormals); nil for zeros, infinities and NaNs.
    @inlinable
    public var binaryExponent: Int? {
        guard isFinite && !isZero else { return nil }
        return normalized.exponent - Format.bias
    }
}

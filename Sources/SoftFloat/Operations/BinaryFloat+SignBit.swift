/// negate, abs and copySign (IEEE 754-2019, 5.5.1): quiet-computational operations that only
/// affect the sign bit. They treat numbers and NaNs alike — a NaN keeps its payload and its
/// signalling bit, and is not quieted — and signal no exception.
///
/// E8M0 has no sign bit: abs(x) and copySign(x, y) are x (every E8M0 value is positive, y's
/// sign included), and negate(x) of a number has no encoding: it raises invalid and delivers
/// the NaN, or 2^-127 when saturating, as every negative result in E8M0 does
/// (`Internals/Unrepresentable.swift`; ml_dtypes' `-x` is the NaN too). negate(NaN) is the NaN,
/// quietly.
extension BinaryFloat {
    /// negate(self): `self` with its sign bit flipped.
    @inlinable
    public func negated(in env: inout FloatEnvironment) -> Self {
        if !Format.hasSign { return isNaN ? self : Self.unrepresentable(&env) }
        return Self(word: word ^ Format.signMask)
    }

    /// abs(self): `self` with its sign bit cleared.
    @inlinable
    public var absoluteValue: Self { Self(word: word & ~Format.signMask) }

    /// copySign(self, other): `self` with the sign bit of `other`.
    @inlinable
    public func copyingSign(of other: Self) -> Self {
        Self(word: (word & ~Format.signMask) | (other.word & Format.signMask))
    }
}

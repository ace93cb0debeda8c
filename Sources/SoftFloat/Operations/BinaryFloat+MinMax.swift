/// minimum, maximum, minimumNumber, maximumNumber (IEEE 754-2019, 9.6).
///
/// minimum/maximum: a NaN operand gives a NaN (propagated like arithmetic, invalid for a
/// signalling NaN); -0 < +0. minimumNumber/maximumNumber: a NaN operand is ignored when the
/// other is a number (a signalling NaN still raises invalid); two NaNs give a NaN.
extension BinaryFloat {
    /// minimum(self, other).
    @inlinable
    public func minimum(_ other: Self, in env: inout FloatEnvironment) -> Self {
        if isNaN || other.isNaN { return Self.propagateNaN(self, other, &env) }
        return totalOrder(other) ? self : other
    }

    /// maximum(self, other).
    @inlinable
    public func maximum(_ other: Self, in env: inout FloatEnvironment) -> Self {
        if isNaN || other.isNaN { return Self.propagateNaN(self, other, &env) }
        return totalOrder(other) ? other : self
    }

    /// minimumNumber(self, other).
    @inlinable
    public func minimumNumber(_ other: Self, in env: inout FloatEnvironment) -> Self {
        if isNaN || other.isNaN { return Self.numberOrNaN(self, other, &env) }
        return totalOrder(other) ? self : other
    }

    /// maximumNumber(self, other).
    @inlinable
    public func maximumNumber(_ other: Self, in env: inout FloatEnvironment) -> Self {
        if isNaN || other.isNaN { return Self.numberOrNaN(self, other, &env) }
        return totalOrder(other) ? other : self
    }

    /// With at least one NaN operand: the non-NaN one, or a NaN if both are NaNs.
    @inlinable
    static func numberOrNaN(_ a: Self, _ b: Self, _ env: inout FloatEnvironment) -> Self {
        if a.isSignalingNaN || b.isSignalingNaN { env.flags.insert(.invalid) }
        if !a.isNaN { return a }
        if !b.isNaN { return b }
        var scratch = env
        return propagateNaN(a, b, &scratch)
    }
}

/// minimumMagnitude, maximumMagnitude, minimumMagnitudeNumber, maximumMagnitudeNumber
/// (IEEE 754-2019, 9.6).
///
/// minimumMagnitude(x, y) is x if |x| < |y|, y if |y| < |x|, otherwise minimum(x, y); the
/// Number variants fall back on minimumNumber / maximumNumber. So, as in
/// `BinaryFloat+MinMax.swift`: a NaN operand makes minimumMagnitude a NaN (propagated like
/// arithmetic, invalid for a signalling NaN), while minimumMagnitudeNumber ignores a NaN when
/// the other operand is a number (a signalling NaN still raises invalid and is not returned);
/// equal magnitudes of opposite signs fall back on -0 < +0 and -x < +x.
extension BinaryFloat {
    /// minimumMagnitude(self, other).
    @inlinable
    public func minimumMagnitude(_ other: Self, in env: inout FloatEnvironment) -> Self {
        if isNaN || other.isNaN { return Self.propagateNaN(self, other, &env) }
        if magnitude != other.magnitude { return magnitude < other.magnitude ? self : other }
        return minimum(other, in: &env)
    }

    /// maximumMagnitude(self, other).
    @inlinable
    public func maximumMagnitude(_ other: Self, in env: inout FloatEnvironment) -> Self {
        if isNaN || other.isNaN { return Self.propagateNaN(self, other, &env) }
        if magnitude != other.magnitude { return magnitude > other.magnitude ? self : other }
        return maximum(other, in: &env)
    }

    /// minimumMagnitudeNumber(self, other).
    @inlinable
    public func minimumMagnitudeNumber(_ other: Self, in env: inout FloatEnvironment) -> Self {
        if isNaN || other.isNaN { return Self.numberOrNaN(self, other, &env) }
        if magnitude != other.magnitude { return magnitude < other.magnitude ? self : other }
        return minimumNumber(other, in: &env)
    }

    /// maximumMagnitudeNumber(self, other).
    @inlinable
    public func maximumMagnitudeNumber(_ other: Self, in env: inout FloatEnvironment) -> Self {
        if isNaN || other.isNaN { return Self.numberOrNaN(self, other, &env) }
        if magnitude != other.magnitude { return magnitude > other.magnitude ? self : other }
        return maximumNumber(other, in: &env)
    }
}

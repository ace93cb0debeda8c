/// Comparisons (IEEE 754-2019, 5.6.1 and 5.11).
///
/// Quiet predicates raise invalid only for signalling NaN operands; signalling predicates
/// (compareSignalingLess and friends, the usual meaning of <, <=, >, >=) raise invalid for
/// any NaN operand. Unordered (a NaN operand) is false for every relation except !=.
/// -0 equals +0.
public enum FloatComparison: Sendable, Equatable {
    case less, equal, greater, unordered
}

extension BinaryFloat {
    /// How `self` relates to `other`; raises invalid for any NaN operand if `signaling`, for
    /// signalling NaNs otherwise.
    @inlinable
    public func compare(_ other: Self, signaling: Bool, in env: inout FloatEnvironment) -> FloatComparison {
        if isNaN || other.isNaN {
            if signaling || isSignalingNaN || other.isSignalingNaN { env.flags.insert(.invalid) }
            return .unordered
        }
        if isZero && other.isZero { return .equal }
        if bits == other.bits { return .equal }
        // Sign-magnitude order.
        if sign != other.sign { return sign ? .less : .greater }
        let smaller = magnitude < other.magnitude
        return smaller != sign ? .less : .greater
    }

    /// compareQuietEqual (or compareSignalingEqual).
    @inlinable
    public func isEqual(to other: Self, signaling: Bool = false, in env: inout FloatEnvironment) -> Bool {
        compare(other, signaling: signaling, in: &env) == .equal
    }

    /// compareSignalingLess (or compareQuietLess).
    @inlinable
    public func isLess(than other: Self, signaling: Bool = true, in env: inout FloatEnvironment) -> Bool {
        compare(other, signaling: signaling, in: &env) == .less
    }

    /// compareSignalingLessEqual (or compareQuietLessEqual).
    @inlinable
    public func isLessThanOrEqual(to other: Self, signaling: Bool = true, in env: inout FloatEnvironment) -> Bool {
        let c = compare(other, signaling: signaling, in: &env)
        return c == .less || c == .equal
    }

    /// compareQuietUnordered.
    @inlinable
    public func isUnordered(with other: Self, in env: inout FloatEnvironment) -> Bool {
        compare(other, signaling: false, in: &env) == .unordered
    }
}

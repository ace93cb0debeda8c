/// The implementation-defined NaN results, all in one place (x86 SSE convention by default).
extension BinaryFloat {
    /// `self` with its quiet bit set.
    @inlinable @inline(__always)
    var quieted: Self { Self(word: word | Format.quietBit) }

    /// The NaN an invalid operation without NaN operands returns; raises invalid.
    @inlinable
    static func invalidResult(_ env: inout FloatEnvironment) -> Self {
        env.flags.insert(.invalid)
        return defaultNaN
    }

    /// The result of an operation with NaN operands: the first NaN operand, quieted, or the
    /// default NaN under `NaNRule.alwaysDefault`. Raises invalid if any operand signals.
    @inlinable
    static func propagateNaN(_ a: Self, _ b: Self, _ env: inout FloatEnvironment) -> Self {
        if a.isSignalingNaN || b.isSignalingNaN { env.flags.insert(.invalid) }
        if env.nanRule == .alwaysDefault { return defaultNaN }
        return (a.isNaN ? a : b).quieted
    }

    /// Three-operand `propagateNaN`, for fused multiply-add.
    @inlinable
    static func propagateNaN(_ a: Self, _ b: Self, _ c: Self, _ env: inout FloatEnvironment) -> Self {
        if a.isSignalingNaN || b.isSignalingNaN || c.isSignalingNaN { env.flags.insert(.invalid) }
        if env.nanRule == .alwaysDefault { return defaultNaN }
        return (a.isNaN ? a : b.isNaN ? b : c).quieted
    }
}

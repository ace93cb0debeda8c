/// A working-form significand as a host double, built from its bits: for the estimates of
/// division and square root, which correct them in exact integer arithmetic.
extension Normalized {
    /// `significand / 2^62 * 2^scale` as a double: exact when the significand has at most 53
    /// significant bits (p <= 53) and the value lies in double's normal range (|scale| < 1000).
    ///
    /// The leading bit 62 moved to bit 52 lands on the exponent field's lowest bit, adding one
    /// to the field `1022 + scale` below it: a shift and an add, where a conversion from an
    /// integer would also wait for the last value written to its vector register.
    @inlinable @inline(__always)
    static func exactDouble(_ significand: UInt64, scale: Int) -> Double {
        Double(bitPattern: (UInt64(truncatingIfNeeded: 1022 &+ scale) &<< 52) &+ (significand &>> 10))
    }
}

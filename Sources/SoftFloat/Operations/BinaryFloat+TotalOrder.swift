/// totalOrder and totalOrderMag (IEEE 754-2019, 5.10): a total order on all encodings.
///
/// -NaN < -inf < negative numbers < -0 < +0 < positive numbers < +inf < +NaN; among NaNs of
/// one sign, signalling before quiet for positive (after for negative), then by payload.
/// With the x86 encoding this is the order of the key below. Raises nothing.
extension BinaryFloat {
    /// The encoding mapped to an unsigned key ordered like totalOrder: negative encodings
    /// inverted, positive ones with the top bit set.
    @inlinable @inline(__always)
    var totalOrderKey: UInt64 {
        sign ? ~word & (Format.signMask | Format.magnitudeMask) : word | Format.signMask
    }

    /// totalOrder(self, other): true if self precedes or equals other.
    @inlinable
    public func totalOrder(_ other: Self) -> Bool { totalOrderKey <= other.totalOrderKey }

    /// totalOrderMag(self, other): totalOrder(|self|, |other|).
    @inlinable
    public func totalOrderMagnitude(_ other: Self) -> Bool { magnitude <= other.magnitude }
}

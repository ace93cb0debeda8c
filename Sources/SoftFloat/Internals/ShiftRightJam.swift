/// Shifts right by `count`, ORing every bit shifted out into bit 0 (the sticky bit), so that
/// a later rounding still sees that the discarded part was nonzero. Generic over the width
/// (UInt64 working significands, UInt128 exact products); specialised, it is a few selects.
@inlinable @inline(__always)
func shiftRightJam<W: FixedWidthInteger & UnsignedInteger>(_ x: W, _ count: Int) -> W {
    // Written as selects rather than branches: shift counts are data-dependent.
    let c = W(truncatingIfNeeded: min(max(count, 0), W.bitWidth - 1))
    let sticky: W = x & ((1 &<< c) &- 1) != 0 ? 1 : 0
    let inRange = (x &>> c) | sticky
    return count >= W.bitWidth ? (x != 0 ? 1 : 0) : inRange
}

/// `shiftRightJam` for an `x` below 2^(width - 1) (a working significand, an exact product
/// with its top bit clear), without a branch: a shift by width - 1 already leaves only the
/// sticky bit of such an `x`, so longer shifts are clamped to it instead of tested for.
@inlinable @inline(__always)
func shiftRightJamBelowTop<W: FixedWidthInteger & UnsignedInteger>(_ x: W, _ count: Int) -> W {
    let c = W(truncatingIfNeeded: min(max(count, 0), W.bitWidth - 1))
    return (x &>> c) | W(truncatingIfNeeded: bit(x & ((1 &<< c) &- 1) != 0))
}

/// The number of leading zero bits of `x`, for 128-bit words without the branch on the high
/// word's being zero that `leadingZeroBitCount` compiles to (data-dependent after a cancellation).
@inlinable @inline(__always)
func leadingZeroBitCountWithoutBranch<W: FixedWidthInteger & UnsignedInteger>(_ x: W) -> Int {
    if W.bitWidth <= 64 { return x.leadingZeroBitCount }
    let high = UInt64(truncatingIfNeeded: x &>> W(W.bitWidth - 64))
    let low = UInt64(truncatingIfNeeded: x)
    let highZeros = high.leadingZeroBitCount
    return highZeros &+ (low.leadingZeroBitCount & (0 &- Int(bit(high == 0))))
}

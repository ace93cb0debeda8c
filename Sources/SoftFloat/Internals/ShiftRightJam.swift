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

/// Shifts right by `count`, ORing every bit shifted out into bit 0 (the sticky bit), so that
/// a later rounding still sees that the discarded part was nonzero.
@inlinable @inline(__always)
func shiftRightJam(_ x: UInt64, _ count: Int) -> UInt64 {
    // Written as selects rather than branches: shift counts are data-dependent.
    let c = UInt64(truncatingIfNeeded: min(max(count, 0), 63))
    let sticky: UInt64 = x & ((1 &<< c) &- 1) != 0 ? 1 : 0
    let inRange = (x &>> c) | sticky
    return count >= 64 ? (x != 0 ? 1 : 0) : inRange
}

/// `shiftRightJam` on 128 bits, for the exact products of fused multiply-add.
@inlinable @inline(__always)
func shiftRightJam(_ x: UInt128, _ count: Int) -> UInt128 {
    let c = UInt128(truncatingIfNeeded: min(max(count, 0), 127))
    let sticky: UInt128 = x & ((1 &<< c) &- 1) != 0 ? 1 : 0
    let inRange = (x &>> c) | sticky
    return count >= 128 ? (x != 0 ? 1 : 0) : inRange
}

/// Shifts right by `count`, ORing every bit shifted out into bit 0 (the sticky bit), so that
/// a later rounding still sees that the discarded part was nonzero.
@inlinable @inline(__always)
func shiftRightJam(_ x: UInt64, _ count: Int) -> UInt64 {
    if count <= 0 { return x }
    if count >= 64 { return x != 0 ? 1 : 0 }
    let lost = x &<< UInt64(64 - count)
    return (x &>> UInt64(count)) | (lost != 0 ? 1 : 0)
}

/// `shiftRightJam` on 128 bits, for the exact products of fused multiply-add.
@inlinable @inline(__always)
func shiftRightJam(_ x: UInt128, _ count: Int) -> UInt128 {
    if count <= 0 { return x }
    if count >= 128 { return x != 0 ? 1 : 0 }
    let lost = x &<< UInt128(128 - count)
    return (x &>> UInt128(count)) | (lost != 0 ? 1 : 0)
}

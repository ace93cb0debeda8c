import Precision
import Testing

/// Tensors with a known number of overflows, flushes and subnormal results.
@Suite struct PlantedValueTests {
    /// binary16: largest finite 65504; 65520 = 65504 + 16 is the midpoint to 2^16 and ties to
    /// the even 2^16 = overflow, so x >= 65520 overflows and 65504 < x < 65520 rounds to 65504.
    /// Smallest subnormal 2^-24; x <= 2^-25 (half of it, a tie to the even 0) flushes to zero,
    /// and 2^-25 < x < 2^-14 rounds to a nonzero subnormal (or to 2^-14 from just below it).
    @Test func exactCountsForBinary16() {
        let k = 37
        let m = 53
        let s = 71
        var xs: [Float] = []
        for i in 0..<k { xs.append(i % 2 == 0 ? 65520 + Float(i) * 1000 : -70000 - Float(i)) }
        for i in 0..<m { xs.append(i % 2 == 0 ? 0x1p-25 : -0x1p-30 * Float(i + 1) / 64) }
        for i in 0..<s { xs.append(0x1p-24 * (1 + Float(i))) }  // (1 + i) * 2^-24 < 2^-14 for i < 71
        xs += [65504, 65505, 65519, -65519.996, 1.0, 0.5, 0x1.000002p-25, 0x1p-14]  // controls: none of the three
        xs += [Float](repeating: 3, count: 1000)  // a vector-sized bulk
        let (_, record) = kernelRun(xs, .float16, TensorRounder(threads: 1))
        #expect(record.statistics.overflow == UInt64(k))
        #expect(record.statistics.underflow == UInt64(m))
        // 0x1.000002p-25 rounds up to 2^-24: one more subnormal among the controls.
        #expect(record.statistics.subnormal == UInt64(s + 1))
    }

    /// bfloat16 keeps float32's exponent range: it overflows only just below float32's
    /// largest value (x >= 2^128 - 2^119 rounds up past 0x7F7F), and flushes only float32
    /// subnormals at most half of 2^-133.
    @Test func exactCountsForBFloat16() {
        var xs: [Float] = [Float.greatestFiniteMagnitude, 0x1.fep127, -0x1.ff8p127]  // two overflow
        xs += [0x1p-134, -0x1p-135, 0x1p-140]  // three flush
        xs += [0x1p-130, 0x1p-127]  // two subnormal
        xs += [Float](repeating: 1, count: 64)
        let (_, record) = kernelRun(xs, .bfloat16, TensorRounder(threads: 1))
        // bfloat16 keeps 7 fraction bits: its largest value is 0x1.fep127 (exact here).
        // 0x1.fffffep127 and 0x1.ff8p127 are above the midpoint 0x1.ffp127 to 2^128: overflow.
        #expect(record.statistics.overflow == 2)
        // 0x1p-134 = exactly half of 2^-133: ties to even 0. Smaller ones flush too.
        #expect(record.statistics.underflow == 3)
        #expect(record.statistics.subnormal == 2)
    }
}

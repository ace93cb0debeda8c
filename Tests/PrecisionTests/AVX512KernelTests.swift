import Precision
import Testing

/// The AVX-512 kernels give the AVX2 kernels' bits and statistics, the floating-point error
/// sums included (they accumulate in the AVX2 lane order): an analysis does not depend on
/// which of the two the CPU has. Runs where the CPU has AVX-512 (the rounding itself is
/// checked against SoftFloat for every kernel set by KernelAgreementTests).
@Suite struct AVX512KernelTests {
    /// Lengths around the steps (8, 16), the AVX-512 histogram tallies (1,024 elements) and the
    /// AVX2 fold blocks (32,768 elements): a last odd 8-element vector in a block, tails of 1 to
    /// 7 elements, a tally of a few elements, several chunks.
    static let lengths = [
        0, 1, 7, 8, 9, 15, 16, 17, 24, 40, 1_023, 1_032, 2_056, 32_768, 32_776, 32_784, 65_544, 100_003,
    ]

    @Test(arguments: [ComputeFormat.float16, .bfloat16])
    func sameBitsAndStatisticsAsAVX2(_ format: ComputeFormat) {
        guard RoundingKernels.widest == .avx512 else { return }
        let avx512 = TensorRounder(threads: 1, kernels: .avx512)
        let avx2 = TensorRounder(threads: 1, kernels: .avx2)
        #expect(avx512.kernels == .avx512 && avx2.kernels == .avx2)
        let all = adversarialInputs(count: 100_003, seed: 23)
        for n in Self.lengths {
            let xs = Array(all.prefix(n))
            for scale: Float? in [nil, 0x1p-15] {
                let (out512, record512) = kernelRun(xs, format, avx512, scale: scale)
                let (out2, record2) = kernelRun(xs, format, avx2, scale: scale)
                #expect(out512.map(\.bitPattern) == out2.map(\.bitPattern), "\(format) n=\(n)")
                #expect(record512 == record2, "\(format) n=\(n) scale=\(String(describing: scale))")
                #expect(
                    record512.statistics.errorSum.bitPattern == record2.statistics.errorSum.bitPattern
                        && record512.statistics.errorSquares.bitPattern == record2.statistics.errorSquares.bitPattern)
            }
            // Rounding alone (no statistics): the same bits.
            var plain512 = [Float](repeating: .nan, count: n)
            var plain2 = [Float](repeating: .nan, count: n)
            xs.withUnsafeBufferPointer { x in
                plain512.withUnsafeMutableBufferPointer {
                    avx512.round(x.baseAddress!, count: n, to: format, into: $0.baseAddress!)
                }
                plain2.withUnsafeMutableBufferPointer {
                    avx2.round(x.baseAddress!, count: n, to: format, into: $0.baseAddress!)
                }
            }
            #expect(plain512.map(\.bitPattern) == plain2.map(\.bitPattern), "plain \(format) n=\(n)")
        }
    }
}

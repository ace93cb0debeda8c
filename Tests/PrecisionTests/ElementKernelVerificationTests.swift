import SoftFloat
import Testing
@testable import Precision

/// The element sweeps of `verify --kernels` on slices of the float32 inputs: every kernel set
/// agrees with SoftFloat's saturating conversion, values and statistics, and the statistics
/// check can fail.
@Suite struct ElementKernelVerificationTests {
    /// Slices where the elements' edges lie: the positive float32 subnormals and the smallest
    /// normals (2^-126; every element flushes or rounds up to its smallest subnormal), 2^-10
    /// ... (E5M2's, E4M3's subnormal ranges 2^-16, 2^-9), 0.5 ... 2 (E2M1's and E2M3's
    /// subnormals and ties), 448 ... 512 (E4M3's largest 448, 480 saturates), 57344 ... (E5M2's
    /// largest), the largest finite float32, the infinity and the first NaNs, and the
    /// negative counterparts of some; 2^16 + 37 patterns each, crossing block boundaries.
    static let slices: [UInt64] = [
        0x0000_0000, 0x007f_c000, 0x3a7f_f000, 0x3eff_f000, 0x3f7f_f000, 0x43df_f000, 0x43ff_f000,
        0x475f_f000, 0x7f7f_f000, 0x8000_0000, 0xbf7f_f000, 0xc3df_f000, 0xff7f_f000,
    ]

    @Test(arguments: ElementFormat.allCases)
    func slicesAgreeWithSoftFloat(element: ElementFormat) {
        let sets = ScaledQuantizer.implementations
        for low in Self.slices {
            let high = min(low + 65_536 + 36, 0xFFFF_FFFF)
            let reports = ElementKernelVerification.run(element, kernelSets: sets, threads: 2, patterns: low...high)
            #expect(reports.count == sets.count)
            for (kernels, report) in zip(sets, reports) {
                #expect(report.inputs == high - low + 1)
                #expect(
                    report.mismatchCount == 0,
                    "\(element) \(kernels) from 0x\(String(low, radix: 16)): \(report.mismatches.prefix(3)) \(report.statisticsMismatches.prefix(3))"
                )
            }
        }
    }

    /// The bulk reference is the scalar one: E4M3 of 464 (the tie between 448 and 480, to the
    /// even 448: 448 = 1.110b·2^8, 480 = 1.111b·2^8) does not saturate; 470 rounds to 480,
    /// beyond 448: saturates to 448; E2M1 of 0.25 (the tie between 0 and 0.5) is 0, of 0.75
    /// (between 0.5 and 1) the even 1; a NaN stays NaN; -infinity is -max, not an overflow.
    @Test func bulkReferenceByHand() {
        func bulk(_ e: ElementFormat, _ xs: [Float]) -> ([Float], [Bool]) {
            var r = [Float](repeating: 0, count: xs.count)
            var o = [Bool](repeating: false, count: xs.count)
            xs.withUnsafeBufferPointer { x in
                r.withUnsafeMutableBufferPointer { rr in
                    o.withUnsafeMutableBufferPointer { oo in e.rounded(x, into: rr, overflowed: oo) }
                }
            }
            return (r, o)
        }
        let (r4, o4) = bulk(.e4m3, [464, 470, -.infinity, 1e-3])
        #expect(r4[0] == 448 && !o4[0])
        #expect(r4[1] == 448 && o4[1])
        #expect(r4[2] == -448 && !o4[2])
        // 1e-3 in E4M3: subnormal quantum 2^-9 = 0.001953125; 1e-3 < half of it? No: 0.5 * 2^-9 =
        // 0.0009765625 < 1e-3, so it rounds up to 2^-9.
        #expect(r4[3] == 0x1p-9)
        let (r1, o1) = bulk(.e2m1, [0.25, 0.75, .nan, 7])
        #expect(r1[0] == 0 && r1[1] == 1 && r1[2].isNaN)
        #expect(r1[3] == 6 && o1[3])  // 7: the tie between 6 and 8, to the even 8, beyond 6
        for x in [464, 470, -Float.infinity, 1e-3] {
            #expect(Float(ElementFormat.e4m3.rounded(Double(x))) == bulk(.e4m3, [x]).0[0])
        }
    }

    /// The bulk reference (from binary32) and the scalar one (from the exact binary64 widening)
    /// agree on float32 patterns spread over the whole range (every 65521st, a prime, so every
    /// exponent and many fractions; plus both infinities and a NaN).
    @Test(arguments: ElementFormat.allCases)
    func bulkReferenceIsTheScalarOne(element: ElementFormat) {
        var xs = stride(from: UInt64(0), through: 0xFFFF_FFFF, by: 65_521).map { Float(bitPattern: UInt32($0)) }
        xs += [.infinity, -.infinity, .nan]
        var r = [Float](repeating: 0, count: xs.count)
        var o = [Bool](repeating: false, count: xs.count)
        xs.withUnsafeBufferPointer { x in
            r.withUnsafeMutableBufferPointer { rr in
                o.withUnsafeMutableBufferPointer { oo in element.rounded(x, into: rr, overflowed: oo) }
            }
        }
        var mismatches = 0
        for i in xs.indices {
            let scalar = Float(element.rounded(Double(xs[i])))
            if !(scalar.bitPattern == r[i].bitPattern || (scalar.isNaN && r[i].isNaN)) { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    /// The statistics comparison reports a planted difference in a counter, a histogram bin and
    /// the last bit of an error sum, and nothing for equal statistics.
    @Test func statisticsDifferencesAreFound() {
        var a = ScaledStatistics()
        a.count = 10
        a.errorSum = 1.5
        a.histogram[127] = 3
        var b = a
        #expect(a.differences(from: b).isEmpty)
        b.flushed = 1
        b.histogram[127] = 4
        b.errorSum = 1.5.nextUp
        let d = a.differences(from: b)
        #expect(d.count == 3)
        #expect(d.contains { $0.hasPrefix("flushed") } && d.contains { $0.hasPrefix("histogram[127]") })
        #expect(d.contains { $0.hasPrefix("errorSum") })
    }
}

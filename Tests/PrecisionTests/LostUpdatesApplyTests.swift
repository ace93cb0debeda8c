import Precision
import Testing

/// `applyCountingLostUpdates` counts what `lostUpdates` counts and leaves `w - d` (float32) in
/// the weights, for the vector and the portable kernels.
@Suite struct LostUpdatesApplyTests {
    static let rounders = [TensorRounder(threads: 2), TensorRounder(threads: 1, allowVectorKernels: false)]

    /// Per group of five (by hand, binary16 round to nearest even):
    /// - w 1, d 0: not a nonzero update;
    /// - w 1, d 2^-30: 1 - 2^-30 rounds to 1 in float32 (half an ulp below 1 is 2^-25): lost
    ///   in float32 and in float16;
    /// - w 1, d 2^-12: 1 - 2^-12 is exact in float32; in float16 it is the tie between
    ///   1 - 2^-11 (0x3BFF, odd) and 1 (0x3C00, even): rounds to 1, lost in float16 only;
    /// - w 2048, d 1: 2047 (11 bits, exact in float16): not lost;
    /// - w 0, d 5: -5, not lost.
    /// Four groups (20 elements: two 8-element vectors and a tail of 4).
    @Test func handComputedGroups() {
        let w0: [Float] = [1, 1, 1, 2048, 0]
        let d0: [Float] = [0, 0x1p-30, 0x1p-12, 1, 5]
        let after0: [Float] = [1, 1, 0.999755859375, 2047, -5]
        for rounder in Self.rounders {
            var w = Array(repeating: w0, count: 4).flatMap { $0 }
            let d = Array(repeating: d0, count: 4).flatMap { $0 }
            let s = w.withUnsafeMutableBufferPointer { w in
                d.withUnsafeBufferPointer { d in
                    rounder.applyCountingLostUpdates(
                        weights: w.baseAddress!, updates: d.baseAddress!, count: 20, format: .float16)
                }
            }
            #expect(
                s.count == 20 && s.nonzero == 16 && s.lostInFloat32 == 4 && s.lostInCompute == 8, "\(rounder.kernels)")
            #expect(w == Array(repeating: after0, count: 4).flatMap { $0 }, "\(rounder.kernels)")
        }
    }

    @Test(arguments: [ComputeFormat.float16, .bfloat16, .float32])
    func agreesWithCountingThenSubtracting(_ format: ComputeFormat) {
        let w0 = adversarialInputs(count: 100_003, seed: 31)
        let d = adversarialInputs(count: 100_003, seed: 32).map { $0 * 0x1p-12 }
        for rounder in Self.rounders {
            let expected = w0.withUnsafeBufferPointer { w in
                d.withUnsafeBufferPointer { d in
                    rounder.lostUpdates(
                        weights: w.baseAddress!, updates: d.baseAddress!, count: w.count, format: format)
                }
            }
            var w = w0
            let got = w.withUnsafeMutableBufferPointer { w in
                d.withUnsafeBufferPointer { d in
                    rounder.applyCountingLostUpdates(
                        weights: w.baseAddress!, updates: d.baseAddress!, count: w.count, format: format)
                }
            }
            #expect(got == expected, "\(rounder.kernels) \(format)")
            #expect(w.map(\.bitPattern) == zip(w0, d).map { ($0 - $1).bitPattern }, "\(rounder.kernels) \(format)")
        }
    }
}

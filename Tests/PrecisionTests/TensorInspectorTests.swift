//===--- TensorInspectorTests.swift ---------------------------------------===//
//
// The fit of small tensors to formats and schemes, against hand-derived counts.
//
//===----------------------------------------------------------------------===//

import Precision
import Testing

@Suite("Tensor inspection: fits and power-of-two scales")
struct TensorInspectorTests {
    static func fit(_ values: [Float], shape: [Int]? = nil, _ target: InspectionTarget) throws -> TensorFit {
        try values.withUnsafeBufferPointer { x in
            try TensorInspector().fit(x, shape: shape ?? [x.count], census: TensorCensus(x), target: target)
        }
    }

    @Test("half: overflow, flush, subnormal, and the scale 2^-1 that removes the overflow")
    func half() throws {
        // 65520 = 65504 + ulp/2: the tie rounds to even, 2^16, infinity. 2^-25 is half the
        // smallest subnormal 2^-24: the tie rounds to even, 0 (flushed). 2^-20 is subnormal
        // (half's smallest normal is 2^-14).
        let fit = try Self.fit([1, 65504, 65520, 0x1p-25, 0x1p-20, 0, .nan], .compute(.float16))
        #expect(fit.count == 7 && fit.nan == 1 && fit.overflow == 1 && fit.flushed == 1 && fit.subnormal == 1)
        #expect(fit.histogram.zeros == 1 && fit.finiteNonzero == 5)
        #expect(fit.amax == 65520)
        // amax = 65520 has floor(log2) = 15 = emax: k0 = 0 overflows, so k = -1. At 2^-1:
        // 65520 -> 32760 fits; 2^-25 -> 2^-26 still flushes; 2^-20 -> 2^-21 still subnormal.
        let scale = try #require(fit.scale)
        #expect(scale.exponent == -1 && scale.overflow == 0 && scale.flushed == 1 && scale.subnormal == 1)
        #expect(fit.flushesFixed == 0)
        #expect(fit.range.precision == 11 && fit.range.minSubnormalExponent == -24 && fit.range.maxExponent == 15)
    }

    @Test("e4m3: a flush fixed by the scale 2^7, and the error of a flush (1 = 16 u)")
    func e4m3() throws {
        // E4M3: p = 4, emin = -6, smallest subnormal 2^-9 = 0.001953125. 0.0009 is 0.46 of it:
        // flushed, relative error 1 = 2^4 u. 1 and 2 are exact. Mean (16 + 0 + 0) / 3 u.
        let fit = try Self.fit([0.0009, 1, 2], .element(.e4m3))
        #expect(fit.flushed == 1 && fit.subnormal == 0 && fit.overflow == 0)
        #expect(fit.errorCount == 3 && fit.maxErrorU == 16)
        #expect(abs(fit.meanErrorU - 16.0 / 3) < 1e-12)
        // amax = 2: k0 = emax - 1 = 8 - 1 = 7 and 2 · 2^7 = 256 <= 448. 0.0009 · 128 = 0.1152 is
        // normal (>= 2^-6): no flush left.
        let scale = try #require(fit.scale)
        #expect(scale.exponent == 7 && scale.flushed == 0 && scale.subnormal == 0 && scale.overflow == 0)
        #expect(fit.flushesFixed == 1)
    }

    @Test("e4m3 saturation: 500 rounds to 512 > 448, so the scale is 2^-1; 464 ties down to 448 and fits")
    func e4m3Saturation() throws {
        let over = try Self.fit([500, 1], .element(.e4m3))
        #expect(over.overflow == 1)
        #expect(over.scale?.exponent == -1 && over.scale?.overflow == 0)
        // 464 = 448 + 16: quantum 32 in [256, 512), 14.5 quanta, ties to even: 14 · 32 = 448.
        let tie = try Self.fit([464], .element(.e4m3))
        #expect(tie.overflow == 0 && tie.scale?.exponent == 0)
    }

    @Test("no scale for float32, the block schemes, or a tensor of zeros")
    func noScale() throws {
        #expect(try Self.fit([1, 2], .compute(.float32)).scale == nil)
        #expect(try Self.fit([1, 2], .scheme(.mx(element: .e4m3, blockSize: 32))).scale == nil)
        #expect(try Self.fit([0, 0], .element(.e5m2)).scale == nil)
    }

    @Test("a fit says whether its histogram is over block scales and whether overflow saturates")
    func histogramMeaning() throws {
        // Half overflows to infinity and counts x; E4M3 (OCP) saturates and counts x; MXFP8's
        // elements saturate and its histogram counts x over the block scale.
        let half = try Self.fit([1, 2], .compute(.float16))
        let e4m3 = try Self.fit([1, 2], .element(.e4m3))
        let mx = try Self.fit([1, 2], .scheme(.mx(element: .e4m3, blockSize: 32)))
        #expect(!half.blockScaled && !half.saturates)
        #expect(!e4m3.blockScaled && e4m3.saturates)
        #expect(mx.blockScaled && mx.saturates)
    }

    @Test("MX on rows of 3 (padded to 32): the padding is not counted")
    func paddedRows() throws {
        // Rows [1, 2, 3] and [4, 5, 1e-9]: each row one MXFP8 block. Row 2's scale puts 5 in
        // E4M3's top binade: X = 2^(2 - 8) = 2^-6, and 1e-9 / 2^-6 = 6.4e-8 is far below 2^-9:
        // flushed. Row 1: all exact.
        let fit = try Self.fit([1, 2, 3, 4, 5, 1e-9], shape: [2, 3], .scheme(.mx(element: .e4m3, blockSize: 32)))
        #expect(fit.count == 6 && fit.histogram.zeros == 0 && fit.flushed == 1 && fit.overflow == 0)
        #expect(fit.finiteNonzero == 6)
    }

    @Test("NVFP4 blocks wiped out by a zero block scale are flushed, not zeros of the tensor")
    func nvfp4ZeroScale() throws {
        // amax 2688 makes the tensor scale t = 2688 / (448 · 6) = 1. Block 2 holds 0.001 and a
        // zero: its scale round_E4M3(0.001 / 6) = 0 (below E4M3's smallest subnormal 2^-9), so
        // the block is all zero. 16 + 16 elements; the tensor's own zeros: 14 in block 1, 15 in
        // block 2; 0.001 is flushed; finite nonzero: 2 + 1 = 3.
        var x = [Float](repeating: 0, count: 32)
        x[0] = 2688
        x[1] = 1000  // 1000 / 448 = 2.23: E2M1 2, not flushed
        x[16] = 0.001
        let fit = try Self.fit(x, .scheme(.nvfp4))
        #expect(fit.zeros == 29 && fit.finiteNonzero == 3, "\(fit.zeros)")
        #expect(fit.flushed == 1)
    }
}

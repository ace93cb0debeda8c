//===--- RuntimeFormatInspectionTests.swift -------------------------------===//
//
// Runtime formats in inspect: the same numbers as the built-in formats they equal.
//
//===----------------------------------------------------------------------===//

import Precision
import SoftFloat
import Testing
import _MPStudySupport

/// A runtime format with the parameters of a built-in one gives the built-in's fit on a random
/// tensor (the oracle is the built-in path, whose numbers other tests derive by hand): e5m10
/// those of half (IEEE overflow to infinity), e4m3fn those of e4m3 (saturation), e8m7 those
/// of bfloat16.
@Suite struct RuntimeFormatInspectionTests {
    /// 40,000 values spread over 2^-40 ... 2^20 (half's and E4M3's overflow, subnormals and
    /// flushes all occur), ties of half and of E4M3 among them, and zeros, NaNs, infinities.
    static let tensor: [Float] = {
        var rng = SeededGenerator(seed: 44)
        var values: [Float] = (0..<40_000).map { _ in
            let magnitude =
                Float(sign: .plus, exponent: Int.random(in: -40...20, using: &rng), significand: 1)
                * Float.random(in: 1..<2, using: &rng)
            return Bool.random(using: &rng) ? -magnitude : magnitude
        }
        values += [0, -0, .nan, .infinity, -.infinity, 65504, 65520, 65519.99, 448, 464, 465, 0x1p-25, 0x1p-10]
        return values
    }()

    static func fit(_ target: InspectionTarget, kernels: RoundingKernels) throws -> TensorFit {
        try tensor.withUnsafeBufferPointer { x in
            try TensorInspector(kernels: kernels).fit(x, shape: [x.count], census: TensorCensus(x), target: target)
        }
    }

    static let pairs: [(InspectionTarget, RuntimeFormat)] = [
        (.compute(.float16), try! RuntimeFormat(exponentBitCount: 5, fractionBitCount: 10)),
        (.compute(.bfloat16), try! RuntimeFormat(exponentBitCount: 8, fractionBitCount: 7)),
        (.element(.e4m3), try! RuntimeFormat(exponentBitCount: 4, fractionBitCount: 3, hasInfinities: false)),
        (
            .element(.e2m1),
            try! RuntimeFormat(exponentBitCount: 2, fractionBitCount: 1, hasInfinities: false, hasNaN: false)
        ),
    ]

    @Test(arguments: pairs.map { ($0.0, $0.1) })
    func sameFitAsTheBuiltIn(_ builtIn: InspectionTarget, _ runtime: RuntimeFormat) throws {
        // The portable kernels sum the errors in the same order: everything equal.
        let expected = try Self.fit(builtIn, kernels: .portable)
        let actual = try Self.fit(.runtime(runtime), kernels: .portable)
        #expect(actual == expected, "\(runtime.name)")
        // The tensor reaches every outcome (bfloat16's range holds all of it: errors only).
        #expect(expected.errorCount > 0)
        if builtIn != .compute(.bfloat16) {
            #expect(expected.overflow > 0 && expected.flushed > 0 && expected.subnormal > 0)
        }
        // Against the widest kernels the built-in uses by default: the same counts, histogram,
        // scale and largest error; the mean error to float32 precision (the vector kernels of
        // half and bfloat16 add the relative errors in another order).
        let widest = try Self.fit(builtIn, kernels: .widest)
        #expect(
            [actual.overflow, actual.flushed, actual.subnormal, actual.errorCount, actual.nan, actual.infinite]
                == [widest.overflow, widest.flushed, widest.subnormal, widest.errorCount, widest.nan, widest.infinite])
        #expect(actual.scale == widest.scale && actual.histogram == widest.histogram)
        #expect(abs(actual.meanErrorU - widest.meanErrorU) <= 1e-6 * widest.meanErrorU)
        #expect(actual.maxErrorU == widest.maxErrorU)
    }

    /// A precision above float32's: the largest finite value is no float (e5m30: (2 - 2^-30)
    /// * 2^15), and 65536 = 2^16 must still count as an overflow, 65535 not (exact).
    @Test func overflowAboveFloatPrecision() throws {
        let format = try RuntimeFormat(exponentBitCount: 5, fractionBitCount: 30)
        let values: [Float] = [65535, 65536, -65536, 1]
        let fit = try values.withUnsafeBufferPointer { x in
            try TensorInspector().fit(x, shape: [4], census: TensorCensus(x), target: .runtime(format))
        }
        #expect(fit.overflow == 2 && fit.errorCount == 2 && fit.maxErrorU == 0)
        let saturating = try RuntimeFormat(exponentBitCount: 5, fractionBitCount: 30, hasInfinities: false)
        // Without infinities emax is 16: (2 - 2^-30) * 2^16 is the largest, 2^17 saturates.
        let fit2 = try [Float(131072), 65536].withUnsafeBufferPointer { x in
            try TensorInspector().fit(x, shape: [2], census: TensorCensus(x), target: .runtime(saturating))
        }
        #expect(fit2.overflow == 1)
    }
}

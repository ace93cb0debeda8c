import Foundation
import SoftFloat
import Testing
import _MPStudySupport
@testable import Precision

/// Scaled and block-scaled quantisation: hand-derived blocks (derivations in the comments),
/// the kernels against the SoftFloat reference on random and adversarial matrices along both
/// axes, portable and vector kernels giving the same statistics, and the refusals.
@Suite struct BlockScalingTests {
    /// Every kernel set this CPU runs (portable, AVX2, AVX-512).
    static var kernelSets: [RoundingKernels] { RoundingKernels.allCases.filter { $0 <= .widest } }

    static func quantize(
        _ x: [Float], rows: Int, columns: Int, axis: BlockAxis, _ scheme: BlockScaling, kernels: RoundingKernels
    ) throws -> (values: [Float], scales: [Float], stats: ScaledStatistics) {
        var out = [Float](repeating: 0, count: x.count)
        var stats = ScaledStatistics()
        let scales = try x.withUnsafeBufferPointer { input in
            try out.withUnsafeMutableBufferPointer { output in
                try ScaledQuantizer(scheme, kernels: kernels).quantize(
                    input, rows: rows, columns: columns, axis: axis, into: output.baseAddress, statistics: &stats)
            }
        }
        return (out, scales, stats)
    }

    /// Same bits, NaN payloads aside (any NaN matches any NaN).
    static func sameBits(_ a: [Float], _ b: [Float]) -> Int? {
        a.indices.first { i in !(a[i].bitPattern == b[i].bitPattern || (a[i].isNaN && b[i].isNaN)) }
    }

    /// MXFP4 (E2M1, emax 2) of the block 0.1, 0.2, 3.5, -100, 1e-4, 112 and 26 zeros: amax 112
    /// lies in [2^6, 2^7), so X = 2^(6 - 2) = 16 (code 127 + 4 = 131). q = 0.00625, 0.0125,
    /// 0.21875, -6.25, 6.25e-6, 7: the first three are below 0.25, half of E2M1's smallest
    /// subnormal 0.5, so they round to 0; -6.25 lies between 6 and 8 (quantum 2 in [4, 8)),
    /// nearer 6: -6, i.e. -96 dequantised, not saturated; 1e-4 rounds to 0; 7 is the tie between
    /// 6 (1.1b·2²) and 8 (1.0b·2³), to the even 8, beyond the largest 6: saturated to 6 -> 96.
    /// Four elements flushed (all within an unclamped block), one saturated; the binades are
    /// -4, -3, 1, 6, -14 (2^-14 ≈ 6.1e-5 ≤ 1e-4) and 6, a spread of 20.
    @Test(arguments: kernelSets)
    func mxfp4HandDerivedBlock(kernels: RoundingKernels) throws {
        let x: [Float] = [0.1, 0.2, 3.5, -100, 1e-4, 112] + Array(repeating: 0, count: 26)
        let (values, scales, stats) = try Self.quantize(
            x, rows: 1, columns: 32, axis: .rows, .mx(element: .e2m1, blockSize: 32), kernels: kernels)
        #expect(scales == [131])
        #expect(Array(values.prefix(6)) == [0, 0, 0, -96, 0, 96])
        #expect(values.dropFirst(6).allSatisfy { $0 == 0 })
        #expect(stats.count == 32 && stats.flushed == 4 && stats.saturated == 1 && stats.flushedInBlock == 4)
        #expect(stats.blocks == 1 && stats.clampedScales == 0 && stats.spread[20] == 1)
    }

    /// MXFP8 (E4M3, emax 8) of the same block: X = 2^(6 - 8) = 1/4 (code 125); q = 0.4, 0.8, 14,
    /// -400, 4e-4. 0.4 in [2^-2, 2^-1) has quantum 2^(-2-3) = 1/32: 12.8 quanta round to 13,
    /// 0.40625, dequantised 0.1015625; 0.8: quantum 1/16, 12.8 -> 13, 0.8125 -> 0.203125; 14 is
    /// exact -> 3.5; -400 in [2^8, 2^9): quantum 32, 12.5 quanta, a tie, to the even 12: -384 ->
    /// -96; 4e-4 is below 2^-10, half the smallest subnormal 2^-9: 0.
    @Test(arguments: kernelSets)
    func mxfp8HandDerivedBlock(kernels: RoundingKernels) throws {
        let x: [Float] = [0.1, 0.2, 3.5, -100, 1e-4] + Array(repeating: 0, count: 27)
        let (values, scales, stats) = try Self.quantize(
            x, rows: 1, columns: 32, axis: .rows, .mx(element: .e4m3, blockSize: 32), kernels: kernels)
        #expect(scales == [125])
        #expect(Array(values.prefix(5)) == [0.1015625, 0.203125, 3.5, -96, 0])
        #expect(stats.flushed == 1 && stats.saturated == 0)
    }

    /// NVFP4 of two blocks of 16 with tensor amax 2688 = 448 · 6, so t = 1 exactly. Block 1:
    /// 2688, 1000, -300, 7, 0.1, zeros: S = round_E4M3(2688 / 6) = 448; q = 6, 2.2321…,
    /// -0.6696…, 0.015625, 0.000223…; E2M1: 6, 2 (quantum 1 in [2, 4)), -0.5 (quantum 0.5 below
    /// 1: 1.339 quanta -> 1), 0, 0; dequantised 2688, 896, -224, 0, 0. Block 2: 3, 1.5, zeros:
    /// S = round_E4M3(3 / 6) = 0.5; q = 6, 3, exact; dequantised 3, 1.5.
    @Test(arguments: kernelSets)
    func nvfp4HandDerivedBlocks(kernels: RoundingKernels) throws {
        var x = [Float](repeating: 0, count: 32)
        x[0] = 2688
        x[1] = 1000
        x[2] = -300
        x[3] = 7
        x[4] = 0.1
        x[16] = 3
        x[17] = 1.5
        #expect(BlockScaling.nvfp4TensorScale(amax: 2688) == 1)
        let (values, scales, stats) = try Self.quantize(x, rows: 1, columns: 32, axis: .rows, .nvfp4, kernels: kernels)
        #expect(scales == [448, 0.5])
        #expect(Array(values.prefix(5)) == [2688, 896, -224, 0, 0])
        #expect(values[16] == 3 && values[17] == 1.5)
        #expect(stats.flushed == 2 && stats.blocks == 2)
    }

    /// Per-tensor E4M3 with s = 2: q = 200, 600, -0.002, 2e-6, 2000. 200 in [2^7, 2^8): quantum
    /// 16, 12.5 quanta, tie to even 12: 192 -> 96 dequantised (× 1/2); 600 and 2000 saturate to
    /// 448 -> 224; -0.002 is below 2^-6 (subnormal quantum 2^-9 = 0.001953125): 1.024 quanta ->
    /// 1 -> -0.0009765625, a subnormal; 2e-6 flushes.
    @Test(arguments: kernelSets)
    func perTensorHandDerived(kernels: RoundingKernels) throws {
        let x: [Float] = [100, 300, -0.001, 1e-6, 1000, 0, 0, 0]
        let (values, _, stats) = try Self.quantize(
            x, rows: 1, columns: 8, axis: .rows, .tensor(element: .e4m3, scale: 2), kernels: kernels)
        #expect(values == [96, 224, -0.0009765625, 0, 224, 0, 0, 0])
        #expect(stats.saturated == 2 && stats.flushed == 1 && stats.subnormal == 1 && stats.blocks == 0)
    }

    /// Adversarial blocks: ties of every element format, saturation, all zeros, one huge outlier,
    /// float32 subnormals only, a NaN and an infinity, each placed as a block along rows and along
    /// columns, then random values; every scheme and kernel set against the reference.
    static func adversarial(rows: Int, columns: Int, seed: UInt64) -> [Float] {
        var g = SeededGenerator(seed: seed)
        var x = (0..<(rows * columns)).map { _ -> Float in
            let kind = Int.random(in: 0..<10, using: &g)
            switch kind {
            case 0: return 0
            case 1:
                return Float(Int.random(in: -40...40, using: &g)) * 0.25
                    * Float(sign: .plus, exponent: Int.random(in: -8...8, using: &g), significand: 1)
            case 2: return Float(bitPattern: UInt32.random(in: 1...0x7fffff, using: &g))
            default:
                return Float(
                    bitPattern: UInt32.random(in: 0...UInt32.max, using: &g) & 0x807f_ffff | UInt32.random(
                        in: 100...150, using: &g) << 23)
            }
        }
        // A few specials and an outlier in fixed places (those the matrix has room for).
        func set(_ i: Int, _ v: Float) { if i < x.count { x[i] = v } }
        set(3, .nan)
        set(columns + 5, .infinity)
        set(2 * columns + 7, -3e38)
        for i in 0..<min(32, columns) { set(4 * columns + i, 0) }
        for i in 0..<min(32, columns) { set(5 * columns + i, Float(bitPattern: UInt32(i + 1))) }
        // A column block of float32 subnormals only (rows 32 ..< 64 of column 1).
        if rows >= 64 && columns > 1 { for r in 32..<64 { set(r * columns + 1, Float(bitPattern: UInt32(r))) } }
        return x
    }

    /// Every element format per tensor and in MX blocks of 32, and MX blocks of 16, 8 and 12
    /// (which the AVX-512 kernels take, hand to the AVX2 kernels, and both hand to the portable
    /// ones), and NVFP4.
    static let schemes: [BlockScaling] =
        ElementFormat.allCases.map { BlockScaling.mx(element: $0, blockSize: 32) }
        + [16, 8, 12].map { BlockScaling.mx(element: .e4m3, blockSize: $0) }
        + ElementFormat.allCases.map { BlockScaling.tensor(element: $0, scale: 0.37) } + [.nvfp4]

    /// Shapes: square; lengths that are multiples of 8 but not of 16 (the AVX-512 kernels'
    /// width for MX rows) and columns that are not multiples of 8 (the vector kernels hand
    /// such shapes on, and their per-tensor tails go element by element); shapes a scheme
    /// refuses are skipped.
    static let shapes: [(rows: Int, columns: Int)] = [(64, 64), (64, 40), (32, 96), (96, 36), (7, 61), (1, 13)]

    @Test(arguments: schemes)
    func kernelsMatchTheReference(scheme: BlockScaling) throws {
        for seed in UInt64(1)...4 {
            for (rows, columns) in Self.shapes {
                for axis in BlockAxis.allCases where scheme.problem(rows: rows, columns: columns, axis: axis) == nil {
                    let x = Self.adversarial(rows: rows, columns: columns, seed: seed)
                    try Self.checkAgainstReference(x, rows: rows, columns: columns, axis: axis, scheme, "seed \(seed)")
                }
            }
        }
    }

    /// Special matrices: all zeros (NVFP4 tensor scale 0, MX scales at the bottom), all NaN,
    /// infinities only, one huge outlier among tiny values (flushed elements, clamped NVFP4
    /// scales), ties of every element format at their binade edges.
    @Test(arguments: schemes)
    func kernelsMatchTheReferenceOnSpecialMatrices(scheme: BlockScaling) throws {
        let (rows, columns) = (64, 48)
        let n = rows * columns
        var outlier = (0..<n).map { Float(bitPattern: UInt32(0x0080_0000 + $0 * 977)) }  // 2^-126 ...
        outlier[77] = 3e38
        let ties = (0..<n).map { i -> Float in
            // (2m + 1) / 2 * 2^k: a midpoint between two neighbours in many formats.
            let m = Float(2 * (i % 64) + 1) / 2
            return (i % 3 == 0 ? -m : m) * Float(sign: .plus, exponent: i / 64 % 24 - 12, significand: 1)
        }
        let matrices: [(String, [Float])] = [
            ("zeros", [Float](repeating: 0, count: n)),
            ("NaN", [Float](repeating: .nan, count: n)),
            ("infinities", (0..<n).map { $0 % 2 == 0 ? Float.infinity : -.infinity }),
            ("outlier", outlier),
            ("ties", ties),
        ]
        for (name, x) in matrices {
            for axis in BlockAxis.allCases where scheme.problem(rows: rows, columns: columns, axis: axis) == nil {
                try Self.checkAgainstReference(x, rows: rows, columns: columns, axis: axis, scheme, name)
            }
        }
    }

    /// Every kernel set against the reference's values and scales, and against each other's
    /// statistics, field for field.
    static func checkAgainstReference(
        _ x: [Float], rows: Int, columns: Int, axis: BlockAxis, _ scheme: BlockScaling, _ what: String
    ) throws {
        let reference = scheme.reference(x, rows: rows, columns: columns, axis: axis)
        var statistics: [(RoundingKernels, ScaledStatistics)] = []
        for kernels in kernelSets {
            let (values, scales, stats) = try quantize(
                x, rows: rows, columns: columns, axis: axis, scheme, kernels: kernels)
            if let i = sameBits(values, reference.values) {
                Issue.record(
                    "\(scheme) \(rows)x\(columns) \(axis) \(kernels) \(what): element \(i) x = 0x\(String(x[i].bitPattern, radix: 16)): got 0x\(String(values[i].bitPattern, radix: 16)), reference 0x\(String(reference.values[i].bitPattern, radix: 16))"
                )
            }
            if case .mx = scheme {
                #expect(scales == reference.scaleCodes.map(Float.init), "\(scheme) \(axis) \(kernels) \(what)")
            }
            if case .nvfp4 = scheme { #expect(scales == reference.blockScales, "\(scheme) \(axis) \(kernels) \(what)") }
            statistics.append((kernels, stats))
        }
        for (kernels, stats) in statistics.dropFirst() {
            let differences = statistics[0].1.differences(from: stats)
            #expect(
                differences.isEmpty,
                "\(scheme) \(rows)x\(columns) \(axis) \(what): portable vs \(kernels) statistics: \(differences)")
        }
    }

    @Test func refusals() {
        #expect(BlockScaling.mx(element: .e2m1, blockSize: 0).problem(rows: 4, columns: 32, axis: .rows) != nil)
        #expect(BlockScaling.mx(element: .e2m1, blockSize: 32).problem(rows: 4, columns: 48, axis: .rows) != nil)
        #expect(BlockScaling.mx(element: .e2m1, blockSize: 32).problem(rows: 4, columns: 48, axis: .columns) != nil)
        #expect(BlockScaling.mx(element: .e2m1, blockSize: 32).problem(rows: 64, columns: 48, axis: .columns) == nil)
        #expect(BlockScaling.tensor(element: .e4m3, scale: .nan).problem(rows: 1, columns: 1, axis: .rows) != nil)
        #expect(BlockScaling.tensor(element: .e4m3, scale: 0).problem(rows: 1, columns: 1, axis: .rows) != nil)
        #expect(BlockScaling.nvfp4.problem(rows: 3, columns: 24, axis: .rows) != nil)
    }
}

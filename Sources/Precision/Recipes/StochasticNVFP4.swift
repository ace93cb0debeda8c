//===--- StochasticNVFP4.swift --------------------------------------------===//
//
// NVFP4 with stochastic rounding of the elements: the gradients of NVIDIA's NVFP4 recipe.
//
//===----------------------------------------------------------------------===//

import _MPStudySupport

/// NVFP4 (E2M1 elements in blocks of 16 along `axis`, an E4M3 block scale, a float32 tensor
/// scale) with each element rounded stochastically: the scales are those of round-to-nearest
/// NVFP4 (``BlockScaling/reference(_:rows:columns:axis:)``: t = amax / 2688, s_b = E4M3(amax_b
/// / (6·t))), and q = x / (s_b·t) becomes its lower E2M1 neighbour or the upper one, the upper
/// with probability (|q| − lower) / (upper − lower), so E[round(q)] = q (NVIDIA's NVFP4
/// training recipe rounds the gradients of the backward GEMMs this way; "Pretraining Large
/// Language Models with NVFP4", 2025). Beyond 6 saturates to 6. The statistics have the
/// definitions of the round-to-nearest kernels (``ScaledStatistics``).
///
/// The probability is exact: |q| − lower and the division by the gap (a power of two) are
/// exact in binary64, and the draw is 53 uniform bits. Each block line (a row for blocks
/// along rows, a group of 16 rows for blocks along columns) draws from its own generator
/// seeded from `seed` and the line's index, so the bits do not depend on the thread count; a
/// row (column) whose length is not a multiple of 16 ends with a shorter block.
public struct StochasticNVFP4: Sendable {
    public let parallelism: ParallelChunks

    public init(parallelism: ParallelChunks) { self.parallelism = parallelism }

    /// E2M1's magnitudes, the grid q rounds to.
    static let grid: [Double] = [0, 0.5, 1, 1.5, 2, 3, 4, 6]

    /// |q| rounded to the grid: down, or up when `draw` (uniform in [0, 1)) is below the
    /// fraction of the gap |q| has covered. Above 6 the grid goes on to 8 (E2M1's next binade
    /// step): rounding up there, or from 8 and beyond, saturates to 6 (as the round-to-nearest
    /// kernels count saturation: a rounded value beyond the largest finite one).
    @inline(__always)
    static func round(_ magnitude: Double, draw: Double) -> (Double, saturated: Bool) {
        if magnitude >= 6 {
            if magnitude >= 8 { return (6, true) }
            return (6, draw < (magnitude - 6) / 2)
        }
        var upper = 1
        while grid[upper] <= magnitude { upper += 1 }
        let low = grid[upper - 1]
        let high = grid[upper]
        if magnitude == low { return (low, false) }
        return (draw < (magnitude - low) / (high - low) ? high : low, false)
    }

    /// A seed from `parts`, each folded in with SplitMix64's finaliser (stable across runs).
    public static func seed(_ parts: UInt64...) -> UInt64 {
        var h: UInt64 = 0x4E56_4650_3453_5221
        for part in parts {
            var z = h ^ (part &+ 0x9E37_79B9_7F4A_7C15)
            z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
            h = z ^ (z &>> 31)
        }
        return h
    }

    /// A stable 64-bit hash of `name` (FNV-1a), for seeds.
    public static func hash(_ name: String) -> UInt64 {
        name.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0100_0000_01B3 }
    }

    /// Quantises `x` (`rows x columns`, row-major) into `out` (may be `x`), adding to `statistics`.
    public func quantize(
        _ x: UnsafePointer<Float>, rows: Int, columns: Int, axis: BlockAxis, seed: UInt64,
        into out: UnsafeMutablePointer<Float>, statistics: inout ScaledStatistics
    ) {
        guard rows > 0, columns > 0 else { return }
        let t = BlockScaling.nvfp4TensorScale(
            amax: TensorAmax.finiteAmax(x, count: rows * columns, parallelism: parallelism))
        let size = BlockScaling.nvfp4BlockSize
        // Lines: rows (blocks along rows) or groups of 16 rows (blocks along columns).
        let lines = axis == .rows ? rows : (rows + size - 1) / size
        let work = axis == .rows ? columns : columns * size
        let x0 = UncheckedSendable(x)
        let out0 = UncheckedSendable(out)
        let parts = parallelism.mapChunks(count: lines, chunkSize: parallelism.chunkSize(workPerItem: work)) { range in
            var s = ScaledStatistics()
            var positions = [Int](repeating: 0, count: size)
            for line in range {
                var generator = SeededGenerator(seed: Self.seed(seed, UInt64(line)))
                let blocksInLine = axis == .rows ? (columns + size - 1) / size : columns
                for b in 0..<blocksInLine {
                    // The positions of the block's elements, in order along the axis.
                    var n = 0
                    switch axis {
                    case .rows:
                        for c in (b * size)..<min(b * size + size, columns) {
                            positions[n] = line * columns + c
                            n += 1
                        }
                    case .columns:
                        for r in (line * size)..<min(line * size + size, rows) {
                            positions[n] = r * columns + b
                            n += 1
                        }
                    }
                    Self.block(
                        x0.value, positions[..<n], tensorScale: t, generator: &generator, into: out0.value,
                        statistics: &s)
                }
            }
            return s
        }
        for part in parts { statistics.merge(part) }
    }

    /// One block: its scale from its finite amax, then every element.
    static func block(
        _ x: UnsafePointer<Float>, _ positions: ArraySlice<Int>, tensorScale t: Float,
        generator: inout SeededGenerator, into out: UnsafeMutablePointer<Float>, statistics s: inout ScaledStatistics
    ) {
        var amax: Float = 0
        var minBinade = Int.max
        var maxBinade = Int.min
        for p in positions {
            let a = abs(x[p])
            guard a.isFinite else { continue }
            amax = max(amax, a)
            if a != 0 {
                let binade = Int(a.exponent)
                minBinade = min(minBinade, binade)
                maxBinade = max(maxBinade, binade)
            }
        }
        let scale = t == 0 ? 0 : ElementFormat.e4m3.rounded(Double(amax) / (6 * Double(t)))
        let divisor = scale * Double(t)
        let clamped = amax != 0 && scale < 0x1p-6
        s.blocks += 1
        if clamped { s.clampedScales += 1 }
        if minBinade <= maxBinade { s.spread[min(maxBinade - minBinade, s.spread.count - 1)] += 1 }
        for p in positions {
            let v = x[p]
            s.count += 1
            if v.isNaN {
                s.nan += 1
                s.histogram[ExponentHistogram.nonFiniteBin] += 1
                out[p] = v
                continue
            }
            if v.isInfinite {
                s.infinite += 1
                s.histogram[ExponentHistogram.nonFiniteBin] += 1
                out[p] = divisor == 0 ? 0 : Float(Double(Float((v < 0 ? -6 : 6) * scale)) * Double(t))
                continue
            }
            if v == 0 || divisor == 0 {
                s.histogram[ExponentHistogram.zeroBin] += 1
                out[p] = v.sign == .minus ? -0.0 : 0
                // A zero scale flushes the block; q is 0, so no relative error is counted.
                if v != 0 { s.flushed += 1 }
                continue
            }
            let q = Double(v) / divisor
            let aq = abs(q)
            s.histogram[min(max(Int(aq.exponent) + 127, 0), 255)] += 1
            let draw = Double(generator.next() >> 11) * 0x1p-53
            let (magnitude, saturated) = round(aq, draw: draw)
            let r = q < 0 ? -magnitude : magnitude
            if saturated { s.saturated += 1 }
            if magnitude == 0 {
                s.flushed += 1
                if !clamped { s.flushedInBlock += 1 }
            } else if magnitude < 1 {
                s.subnormal += 1
            }
            // Relative error in units of E2M1's u = 2^-2.
            let error = abs(r - q) / aq * 4
            s.errorCount += 1
            s.errorSum += error
            s.errorSquares += error * error
            s.errorMax = max(s.errorMax, error)
            out[p] = Float(Double(Float(r * scale)) * Double(t))
        }
    }
}

//===--- OperandQuantizer.swift -------------------------------------------===//
//
// A GEMM operand through a scaling scheme, in parallel pieces, any shape.
//
//===----------------------------------------------------------------------===//

import _MPStudySupport

/// Quantises whole matrices (GEMM operands) under a ``BlockScaling``: in pieces of whole rows
/// run ``ParallelChunks/threads`` at a time, cut by the shape only, and the pieces' statistics
/// merged in order, so bits and statistics do not depend on the thread count.
///
/// When the length along the blocks' axis is not a multiple of the block size, each row (or
/// column) ends with one shorter block of the remaining elements, scaled by its own maximum
/// like the others (the blog model's 784 inputs are 24 MX blocks of 32 and one of 16; its 10
/// logits one NVFP4 block of 10). That equals padding the block with zeros, as Transformer
/// Engine and torchao do, and the statistics count only the real elements: an MX tail is
/// quantised as a block of its own size, an NVFP4 tail (whose kernel has blocks of 16) padded
/// with zeros that are then taken out of the element count and the zero bin.
public struct OperandQuantizer: Sendable {
    public let kernels: RoundingKernels
    public let parallelism: ParallelChunks

    public init(kernels: RoundingKernels = .widest, parallelism: ParallelChunks) {
        self.kernels = kernels
        self.parallelism = parallelism
    }

    /// Why `scheme` cannot quantise a `rows x columns` operand along `axis`, or nil.
    public static func problem(_ scheme: BlockScaling, rows: Int, columns: Int, axis: BlockAxis) -> String? {
        switch scheme {
        case .tensor: scheme.problem(rows: rows, columns: columns, axis: axis)
        case .mx(_, let size): size < 1 ? "the block size must be at least 1, not \(size)" : nil
        case .nvfp4: nil
        }
    }

    /// Quantises `x` (`rows x columns`, row-major) into `out` (may be `x`), adding to
    /// `statistics`. `finiteAmax`, when the caller has it, is x's largest finite magnitude
    /// (NVFP4's tensor scale comes from it; without it a pass finds it).
    public func quantize(
        _ x: UnsafePointer<Float>, rows: Int, columns: Int, axis: BlockAxis, scheme: BlockScaling,
        into out: UnsafeMutablePointer<Float>, statistics: inout ScaledStatistics, finiteAmax: Float? = nil
    ) throws(ScaledQuantizer.SchemeError) {
        if let problem = Self.problem(scheme, rows: rows, columns: columns, axis: axis) {
            throw ScaledQuantizer.SchemeError(description: problem)
        }
        guard rows > 0, columns > 0 else { return }
        let tensorScale: Float
        if case .nvfp4 = scheme {
            tensorScale = BlockScaling.nvfp4TensorScale(
                amax: finiteAmax ?? TensorAmax.finiteAmax(x, count: rows * columns, parallelism: parallelism))
        } else {
            tensorScale = 0
        }
        let block = scheme.blockSize ?? 1
        let whole = ScaledQuantizer(scheme, kernels: kernels)
        switch axis {
        case .columns:
            // Pieces of whole row groups; a shorter last block of each column (MX only) last.
            let tail = rows % block
            let head = rows - tail
            let size = parallelism.chunkSize(workPerItem: columns * block, alignment: 1) * block
            let x0 = UncheckedSendable(x)
            let out0 = UncheckedSendable(out)
            let parts = parallelism.mapChunks(count: head, chunkSize: size) { range in
                var s = ScaledStatistics()
                whole.quantizePiece(
                    x0.value + range.lowerBound * columns, rows: range.count, columns: columns, axis: .columns,
                    tensorScale: tensorScale, into: out0.value + range.lowerBound * columns, statistics: &s)
                return s
            }
            for part in parts { statistics.merge(part) }
            if tail > 0 {
                Self.quantizeTail(
                    x + head * columns, rows: tail, columns: columns, axis: .columns, whole: whole,
                    tensorScale: tensorScale,
                    into: out + head * columns, statistics: &statistics)
            }
        case .rows:
            let tail = columns % block
            let size = parallelism.chunkSize(workPerItem: columns, alignment: 1)
            let x0 = UncheckedSendable(x)
            let out0 = UncheckedSendable(out)
            let parts = parallelism.mapChunks(count: rows, chunkSize: size) { range in
                var s = ScaledStatistics()
                let px = x0.value + range.lowerBound * columns
                let po = out0.value + range.lowerBound * columns
                if tail == 0 {
                    whole.quantizePiece(
                        px, rows: range.count, columns: columns, axis: .rows, tensorScale: tensorScale, into: po,
                        statistics: &s)
                } else {
                    Self.quantizeRaggedRows(
                        px, rows: range.count, columns: columns, tail: tail, whole: whole, tensorScale: tensorScale,
                        into: po, statistics: &s)
                }
                return s
            }
            for part in parts { statistics.merge(part) }
        }
    }

    /// Rows whose length is not a multiple of the block: the whole blocks of every row gathered
    /// into one matrix, the short last blocks into another, each quantised and scattered back.
    static func quantizeRaggedRows(
        _ x: UnsafePointer<Float>, rows: Int, columns: Int, tail: Int, whole: ScaledQuantizer, tensorScale: Float,
        into out: UnsafeMutablePointer<Float>, statistics: inout ScaledStatistics
    ) {
        let head = columns - tail
        var heads = [Float](repeating: 0, count: rows * head)
        var tails = [Float](repeating: 0, count: rows * tail)
        heads.withUnsafeMutableBufferPointer { h in
            tails.withUnsafeMutableBufferPointer { t in
                let h = h.baseAddress!
                let t = t.baseAddress!
                for r in 0..<rows {
                    (h + r * head).update(from: x + r * columns, count: head)
                    (t + r * tail).update(from: x + r * columns + head, count: tail)
                }
                whole.quantizePiece(
                    h, rows: rows, columns: head, axis: .rows, tensorScale: tensorScale, into: h,
                    statistics: &statistics)
                quantizeTail(
                    t, rows: rows, columns: tail, axis: .rows, whole: whole, tensorScale: tensorScale, into: t,
                    statistics: &statistics)
                for r in 0..<rows {
                    (out + r * columns).update(from: h + r * head, count: head)
                    (out + r * columns + head).update(from: t + r * tail, count: tail)
                }
            }
        }
    }

    /// A matrix of short blocks: one block per row (`axis` rows, `columns` shorter than the
    /// block) or per column (`rows` shorter). MX quantises it with blocks of that length; NVFP4
    /// pads each block with zeros to 16 and takes the padding back out of the statistics.
    static func quantizeTail(
        _ x: UnsafePointer<Float>, rows: Int, columns: Int, axis: BlockAxis, whole: ScaledQuantizer, tensorScale: Float,
        into out: UnsafeMutablePointer<Float>, statistics: inout ScaledStatistics
    ) {
        let length = axis == .rows ? columns : rows
        guard case .nvfp4 = whole.scheme else {
            ScaledQuantizer(.mx(element: whole.scheme.element, blockSize: length), kernels: whole.kernels)
                .quantizePiece(
                    x, rows: rows, columns: columns, axis: axis, tensorScale: 0, into: out, statistics: &statistics)
            return
        }
        let block = BlockScaling.nvfp4BlockSize
        let paddedRows = axis == .rows ? rows : block
        let paddedColumns = axis == .rows ? block : columns
        var padded = [Float](repeating: 0, count: paddedRows * paddedColumns)
        padded.withUnsafeMutableBufferPointer { p in
            let p = p.baseAddress!
            for r in 0..<rows { (p + r * paddedColumns).update(from: x + r * columns, count: columns) }
            var s = ScaledStatistics()
            whole.quantizePiece(
                p, rows: paddedRows, columns: paddedColumns, axis: axis, tensorScale: tensorScale, into: p,
                statistics: &s)
            let padding = UInt64(paddedRows * paddedColumns - rows * columns)
            s.count -= padding
            s.histogram[ExponentHistogram.zeroBin] -= padding
            statistics.merge(s)
            for r in 0..<rows { (out + r * columns).update(from: p + r * paddedColumns, count: columns) }
        }
    }
}

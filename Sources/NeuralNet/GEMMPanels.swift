//===--- GEMMPanels.swift -------------------------------------------------===//
//
// How a matrix product's output is cut into panels that run in parallel, as a function of
// its shape alone.
//
//===----------------------------------------------------------------------===//

/// The rule that cuts the output `C` (`m x n`) of a ``GEMM`` into panels: blocks of whole
/// rows, or of whole columns, each computed by one single-threaded `cblas_sgemm` call.
///
/// Why panels: OpenBLAS 0.3.21's own threading splits `C` by the thread count, and rows or
/// columns that land at a different place in a split go through different tail kernels, so
/// the bits of `C` change with the thread count (measured for most shapes with n <= 256 on
/// the SkylakeX, Cooperlake and Prescott kernels). Here the panels depend only on `m` and `n`
/// and on ``minimumExtent``, never on the thread count, and the reduction dimension `k` is
/// never split: every element of `C` is computed by the same call with the same operands
/// whatever the number of threads, so the product has the same bits with 1 or 64 threads.
/// The thread count only decides how many panels run at once (``GEMM``).
///
/// The rule:
/// - cut the longer side of `C` (rows when `m >= n`): each panel then re-reads (OpenBLAS
///   re-packs) the whole of the other operand, so the smaller operand is the one repeated;
/// - panels of at least ``minimumExtent`` rows or columns: a panel of `r` rows does `2·r`
///   flops for each element of the other operand it packs, so the repacking costs about
///   `1/r` of the arithmetic (a few per cent at 1024, measured in the notes);
/// - an even number of panels when there is more than one, so that two or four threads
///   share them evenly;
/// - panel sides rounded up to a multiple of ``alignment`` (the widest register block of
///   OpenBLAS's sgemm kernels), so that only the last panel has a ragged end.
public struct GEMMPanels: Sendable, Equatable {
    /// Which side of `C` the panels cut.
    public enum Side: Sendable, Equatable {
        /// Panels of consecutive rows (all columns).
        case rows
        /// Panels of consecutive columns (all rows).
        case columns
    }

    /// The panels of one product: panel `i` covers `i·size ..< min((i + 1)·size, extent)`
    /// of ``side``.
    public struct Plan: Sendable, Equatable {
        public let side: Side
        /// Rows (or columns) of `C` along ``side``.
        public let extent: Int
        /// Rows (or columns) per panel (the last one may have fewer).
        public let size: Int
        /// The number of panels (0 when `extent` is 0).
        public var count: Int { extent == 0 ? 0 : (extent - 1) / size + 1 }
    }

    /// The default least panel side: 1024 rows or columns keep the repacking of the other
    /// operand to a few per cent of the arithmetic (measured on the 8192 x 4096 x 4096
    /// products of the case study) and still give 8 panels to a batch of 8192.
    public static let defaultMinimumExtent = 1024

    /// Panel sides are multiples of 16: OpenBLAS's widest sgemm register block (SkylakeX:
    /// 16 rows) and a whole 64-byte cache line of Float.
    public static let alignment = 16

    /// The least rows (or columns) of a panel; products shorter than twice this are one panel.
    public let minimumExtent: Int

    /// Panels of at least `minimumExtent` rows or columns.
    public init(minimumExtent: Int = GEMMPanels.defaultMinimumExtent) {
        precondition(minimumExtent >= 1, "GEMMPanels: minimumExtent must be at least 1, not \(minimumExtent)")
        self.minimumExtent = minimumExtent
    }

    /// The panels of an `m x n` result.
    public func plan(rows m: Int, columns n: Int) -> Plan {
        precondition(m >= 0 && n >= 0)
        let side: Side = m >= n ? .rows : .columns
        let extent = max(m, n)
        var panels = max(1, extent / minimumExtent)
        if panels > 1 && panels % 2 == 1 { panels -= 1 }
        let even = (extent + panels - 1) / panels
        let size = (even + Self.alignment - 1) / Self.alignment * Self.alignment
        return Plan(side: side, extent: extent, size: max(1, min(size, extent)))
    }
}

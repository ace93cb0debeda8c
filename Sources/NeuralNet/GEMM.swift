//===--- GEMM.swift -------------------------------------------------------===//
//
// Matrix products through OpenBLAS's cblas_sgemm or oneDNN's dnnl_sgemm, single-threaded on
// fixed panels of the result that run in parallel.
//
//===----------------------------------------------------------------------===//

import CBLAS
import CDNNL
import _MPStudySupport

/// Whether a GEMM operand is used as stored or transposed.
public enum Transpose: Sendable {
    case none, transposed
    @usableFromInline var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
    /// oneDNN's spelling: `N` or `T`.
    var letter: CChar { self == .none ? 0x4E : 0x54 }
}

/// `C = alpha·op(A)·op(B) + beta·C` on row-major Float32 tensors, through the sgemm of a
/// ``GEMMLibrary`` (OpenBLAS's `cblas_sgemm` or oneDNN's `dnnl_sgemm`).
///
/// Transposes are passed to the library, never materialised: the backward pass of a Dense
/// layer needs `Xᵀ·dZ` and `dZ·Wᵀ`, and both libraries pack the operands in whatever order they
/// are given. Accumulation is whatever the library's kernels do (float32 FMA chains over `k`).
///
/// The result does not depend on the thread count: `C` is cut into the panels of
/// ``GEMMPanels`` (whole rows or whole columns, a function of the shape only, `k` never
/// split), each panel is one call of OpenBLAS with OpenBLAS itself single-threaded, and the
/// panels run `parallelism.threads` at a time (``ParallelChunks``). A panel's call sees the
/// same operands at the same addresses whichever thread runs it, so every element of `C` has
/// the same bits with 1, 2 or 64 threads. (OpenBLAS's own threading splits `C` by the thread
/// count and changes the bits; concurrent single-threaded calls were checked to give the
/// bits of serial ones on the SkylakeX, Cooperlake, Haswell and Prescott kernels, and on
/// oneDNN 2.6's AVX-512 kernels, which ``OneDNNRuntime`` keeps on the calling thread.)
public enum GEMM {
    /// Multiplies the matrices seen as `rows x columns` (tensors of rank > 2 are flattened
    /// after the first dimension). Shapes are checked: a mismatch is a programming error.
    ///
    /// - Parameters:
    ///   - a: `m x k` (or `k x m` when `transposeA`).
    ///   - b: `k x n` (or `n x k` when `transposeB`).
    ///   - c: `m x n`; overwritten when `beta == 0`.
    ///   - parallelism: how many panels run at once (only its ``ParallelChunks/threads``).
    ///   - panels: how `C` is cut (the default unless a test wants many panels).
    ///   - library: whose sgemm computes each panel.
    ///   - profiler: receives the wall time and `2·m·n·k` flops.
    public static func multiply(
        _ a: Tensor, _ b: Tensor, into c: Tensor,
        transposeA: Transpose = .none, transposeB: Transpose = .none,
        alpha: Float = 1, beta: Float = 0,
        parallelism: ParallelChunks = ParallelChunks(threads: 1), panels: GEMMPanels = GEMMPanels(),
        library: GEMMLibrary, profiler: StepProfiler? = nil
    ) {
        let (m, k) = transposeA == .none ? (a.rows, a.columns) : (a.columns, a.rows)
        let (kb, n) = transposeB == .none ? (b.rows, b.columns) : (b.columns, b.rows)
        precondition(k == kb, "GEMM: inner dimensions differ (\(a.shape) \(transposeA), \(b.shape) \(transposeB))")
        precondition(c.rows == m && c.columns == n, "GEMM: result \(c.shape) is not \(m) x \(n)")
        if m == 0 || n == 0 { return }
        let start = StepProfiler.now()
        if k == 0 {
            // BLAS leaves C scaled by beta; make that explicit for the degenerate case.
            let buffer = c.buffer
            for i in buffer.indices { buffer[i] = beta == 0 ? 0 : beta * buffer[i] }
        } else {
            if library == .openBLAS { BLASRuntime.keepKernelsSingleThreaded() }
            let product = Product(
                library: library,
                a: UnsafePointer(a.baseAddress), lda: a.columns, transposeA: transposeA,
                b: UnsafePointer(b.baseAddress), ldb: b.columns, transposeB: transposeB,
                c: c.baseAddress, ldc: c.columns, m: m, n: n, k: k, alpha: alpha, beta: beta)
            let plan = panels.plan(rows: m, columns: n)
            parallelism.forEachChunk(count: plan.extent, chunkSize: plan.size) { range in
                product.run(plan.side, range)
            }
        }
        profiler?.addGEMM(nanoseconds: StepProfiler.now() &- start, flops: 2 * Double(m) * Double(n) * Double(k))
    }

    /// One product's operands as the libraries take them, and the call for one panel of it.
    struct Product {
        let library: GEMMLibrary
        let a: UnsafePointer<Float>, lda: Int, transposeA: Transpose
        let b: UnsafePointer<Float>, ldb: Int, transposeB: Transpose
        let c: UnsafeMutablePointer<Float>, ldc: Int
        let m: Int, n: Int, k: Int
        let alpha: Float, beta: Float

        /// `C[range, :]` (rows) or `C[:, range]` (columns) with one sgemm call: the
        /// rows of `op(A)` (or the columns of `op(B)`) in `range` times the whole other operand.
        func run(_ side: GEMMPanels.Side, _ range: Range<Int>) {
            let first = range.lowerBound
            switch side {
            case .rows:
                // Row i of op(A) is row i of A, or column i of A (stored k x m) when transposed.
                let panelA = transposeA == .none ? a + first * lda : a + first
                call(m: range.count, n: n, a: panelA, b: b, c: c + first * ldc)
            case .columns:
                // Column j of op(B) is column j of B, or row j of B (stored n x k) when transposed.
                let panelB = transposeB == .none ? b + first : b + first * ldb
                call(m: m, n: range.count, a: a, b: panelB, c: c + first)
            }
        }

        func call(m: Int, n: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>) {
            switch library {
            case .openBLAS:
                cblas_sgemm(
                    CblasRowMajor, transposeA.cblas, transposeB.cblas, Int32(m), Int32(n), Int32(k), alpha,
                    a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
            case .oneDNN:
                OneDNNRuntime.keepOnCallingThread()
                // Row-major, as the tensors are; 'N' or 'T' per operand.
                let status = dnnl_sgemm(
                    transposeA.letter, transposeB.letter, dnnl_dim_t(m), dnnl_dim_t(n), dnnl_dim_t(k), alpha,
                    a, dnnl_dim_t(lda), b, dnnl_dim_t(ldb), beta, c, dnnl_dim_t(ldc))
                precondition(status == dnnl_success, "dnnl_sgemm failed (status \(status.rawValue))")
            }
        }
    }
}

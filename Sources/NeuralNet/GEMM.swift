//===--- GEMM.swift -------------------------------------------------------===//
//
// Matrix products through OpenBLAS's cblas_sgemm.
//
//===----------------------------------------------------------------------===//

import CBLAS

/// Whether a GEMM operand is used as stored or transposed.
public enum Transpose: Sendable {
    case none, transposed
    @usableFromInline var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}

/// `C = alpha·op(A)·op(B) + beta·C` on row-major Float32 tensors, through `cblas_sgemm`.
///
/// Transposes are passed to CBLAS, never materialised: the backward pass of a Dense layer
/// needs `Xᵀ·dZ` and `dZ·Wᵀ`, and OpenBLAS packs the operands in whatever order it is given.
/// Accumulation is whatever OpenBLAS does (float32 FMA chains in its kernels); results are
/// deterministic for a fixed thread count (OpenBLAS splits the work the same way every time).
public enum GEMM {
    /// Multiplies the matrices seen as `rows x columns` (tensors of rank > 2 are flattened
    /// after the first dimension). Shapes are checked: a mismatch is a programming error.
    ///
    /// - Parameters:
    ///   - a: `m x k` (or `k x m` when `transposeA`).
    ///   - b: `k x n` (or `n x k` when `transposeB`).
    ///   - c: `m x n`; overwritten when `beta == 0`.
    ///   - profiler: receives the wall time and `2·m·n·k` flops.
    public static func multiply(
        _ a: Tensor, _ b: Tensor, into c: Tensor,
        transposeA: Transpose = .none, transposeB: Transpose = .none,
        alpha: Float = 1, beta: Float = 0,
        profiler: StepProfiler? = nil
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
            cblas_sgemm(
                CblasRowMajor, transposeA.cblas, transposeB.cblas,
                Int32(m), Int32(n), Int32(k), alpha,
                a.baseAddress, Int32(a.columns),
                b.baseAddress, Int32(b.columns),
                beta, c.baseAddress, Int32(c.columns))
        }
        profiler?.addGEMM(nanoseconds: StepProfiler.now() &- start, flops: 2 * Double(m) * Double(n) * Double(k))
    }
}

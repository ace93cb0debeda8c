//===--- MatrixView.swift -------------------------------------------------===//
//
// A GEMM operand as the product sees it: a row-major matrix, maybe transposed.
//
//===----------------------------------------------------------------------===//

/// op(M) of a row-major `rows x columns` matrix M: M itself or its transpose, read element by
/// element (the error budget reads a few rows and columns of each operand, not all of them).
public struct MatrixView {
    public let base: UnsafePointer<Float>
    public let rows: Int
    public let columns: Int
    public let transposed: Bool

    public init(_ base: UnsafePointer<Float>, rows: Int, columns: Int, transposed: Bool = false) {
        self.base = base
        self.rows = rows
        self.columns = columns
        self.transposed = transposed
    }

    /// Rows of op(M).
    public var viewRows: Int { transposed ? columns : rows }
    /// Columns of op(M).
    public var viewColumns: Int { transposed ? rows : columns }

    /// op(M)[i, k].
    @inline(__always)
    public subscript(i: Int, k: Int) -> Float { transposed ? base[k * columns + i] : base[i * columns + k] }
}

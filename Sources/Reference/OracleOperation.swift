/// The operations the oracle evaluates (IEEE 754-2019, 5.3, 5.4.1 and 5.4.2).
@usableFromInline
enum OracleOperation: Equatable, Sendable {
    case add, subtract, multiply, divide
    case squareRoot
    /// a * b + c, rounded once.
    case fusedMultiplyAdd
    /// Conversion between binary formats (formatOf-convertFormat); also the rounding of an
    /// exactly loaded integer or high-precision value.
    case convert
    /// IEEE remainder a - n*b, n the integer nearest a/b (ties to even); always exact.
    case remainder
    /// a * 2^n (scaleB), rounded.
    case scaleB(Int)
    /// The decimal or hexadecimal string set in `Oracle.parseInput`, read by `mpfr_strtofr`.
    case parse
}

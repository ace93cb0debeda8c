/// The operations the oracle evaluates (IEEE 754-2019, 5.4.1 and 5.4.2).
@usableFromInline
enum OracleOperation: Sendable {
    case add, subtract, multiply, divide
    case squareRoot
    /// a * b + c, rounded once.
    case fusedMultiplyAdd
    /// Conversion between binary formats (formatOf-convertFormat).
    case convert
}

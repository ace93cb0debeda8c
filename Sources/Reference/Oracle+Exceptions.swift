import SoftFloat

/// The exceptions MPFR cannot report, derived from the operands (IEEE 754-2019, 7.2 and 7.3).
///
/// MPFR has no signalling NaNs and no invalid flag in the IEEE sense (its NaN flag also fires
/// for quiet NaN operands), so invalid and NaN results are decided here, before MPFR runs.
extension Oracle {
    /// If the result is a NaN, the flags it raises; nil if the result is not a NaN.
    ///
    /// - A signalling NaN operand: invalid (7.2 a).
    /// - fma(0, inf, qNaN) or fma(inf, 0, qNaN): invalid, an implementation-defined choice
    ///   IEEE 754 allows (7.2 c) and x86 SSE makes (DESIGN.md).
    /// - Otherwise a quiet NaN operand: a NaN, no flag (6.2).
    /// - Invalid operations on non-NaN operands (7.2 b-f): inf - inf (magnitude subtraction
    ///   of infinities), 0 * inf, 0 / 0, inf / inf, sqrt of a value below zero (-0 is fine),
    ///   fma whose product is 0 * inf or whose infinite product meets an opposite infinity.
    static func nanResultFlags(
        _ operation: OracleOperation,
        _ a: Operand, _ b: Operand, _ c: Operand
    ) -> ExceptionFlags? {
        let hasB = operation.arity > 1
        let hasC = operation.arity > 2
        if a.isSignalingNaN || (hasB && b.isSignalingNaN) || (hasC && c.isSignalingNaN) {
            return .invalid
        }
        let productIsZeroTimesInfinity = (a.isZero && b.isInfinite) || (a.isInfinite && b.isZero)
        if operation == .fusedMultiplyAdd && productIsZeroTimesInfinity && c.isNaN {
            return .invalid
        }
        if a.isNaN || (hasB && b.isNaN) || (hasC && c.isNaN) { return [] }
        return isInvalid(operation, a, b, c) ? .invalid : nil
    }

    /// Invalid operation on non-NaN operands (IEEE 754-2019, 7.2 b-f).
    private static func isInvalid(
        _ operation: OracleOperation,
        _ a: Operand, _ b: Operand, _ c: Operand
    ) -> Bool {
        switch operation {
        case .add:
            return a.isInfinite && b.isInfinite && a.negative != b.negative
        case .subtract:
            return a.isInfinite && b.isInfinite && a.negative == b.negative
        case .multiply:
            return (a.isZero && b.isInfinite) || (a.isInfinite && b.isZero)
        case .divide:
            return (a.isZero && b.isZero) || (a.isInfinite && b.isInfinite)
        case .squareRoot:
            return a.negative && !a.isZero
        case .fusedMultiplyAdd:
            if (a.isZero && b.isInfinite) || (a.isInfinite && b.isZero) { return true }
            let productIsInfinite = a.isInfinite || b.isInfinite
            return productIsInfinite && c.isInfinite && (a.negative != b.negative) != c.negative
        case .remainder:
            // remainder(inf, y) and remainder(x, 0) (7.2 f).
            return a.isInfinite || b.isZero
        case .convert, .scaleB, .parse:
            return false
        }
    }

    /// A finite nonzero dividend and a zero divisor (7.3): the result is an exact infinity.
    static func dividesByZero(_ operation: OracleOperation, _ a: Operand, _ b: Operand) -> Bool {
        operation == .divide && a.isNonzeroFinite && b.isZero
    }
}

extension OracleOperation {
    /// The number of operands.
    var arity: Int {
        switch self {
        case .parse: 0
        case .squareRoot, .convert, .scaleB: 1
        case .add, .subtract, .multiply, .divide, .remainder: 2
        case .fusedMultiplyAdd: 3
        }
    }
}

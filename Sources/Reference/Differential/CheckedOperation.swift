import SoftFloat

/// The operations a differential run checks, as named on the command line.
public enum CheckedOperation: String, CaseIterable, Sendable {
    case add, sub, mul, div, sqrt, fma, convert
    /// IEEE remainder.
    case remainder
    /// roundToIntegral in the run's rounding attribute; the exact variant on half the cases.
    case roundToIntegral
    /// To Int32, Int64, UInt32, UInt64 rounding by the run's attribute, exact and inexact variants.
    case toInt
    /// From Int32, Int64, UInt32, UInt64.
    case fromInt
    /// Decimal and hexadecimal strings, against `mpfr_strtofr`.
    case parse
    /// scaleB.
    case scaleB
    /// Quiet and signalling comparisons.
    case compare
    /// nextUp.
    case nextUp
    /// logB.
    case logB
    /// negate, abs and copySign (IEEE 754-2019 5.5.1: quiet, sign bit only).
    case negate, abs, copySign
    /// The magnitude extrema of IEEE 754-2019 9.6.
    case minimumMagnitude, maximumMagnitude, minimumMagnitudeNumber, maximumMagnitudeNumber

    /// How many floating-point operands the operation takes (a conversion takes one).
    public var arity: Int {
        switch self {
        case .sqrt, .convert, .roundToIntegral, .toInt, .scaleB, .nextUp, .logB, .negate, .abs: 1
        case .fromInt, .parse: 0
        case .fma: 3
        default: 2
        }
    }

    /// The arithmetic operations of the original checker (add ... convert).
    public static var arithmetic: [CheckedOperation] { [.add, .sub, .mul, .div, .sqrt, .fma, .convert] }
}

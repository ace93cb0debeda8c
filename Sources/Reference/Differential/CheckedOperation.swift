import SoftFloat

/// The operations a differential run checks, as named on the command line.
public enum CheckedOperation: String, CaseIterable, Sendable {
    case add, sub, mul, div, sqrt, fma, convert

    /// How many operands the operation takes (a conversion takes one).
    public var arity: Int {
        switch self {
        case .sqrt, .convert: 1
        case .fma: 3
        default: 2
        }
    }
}

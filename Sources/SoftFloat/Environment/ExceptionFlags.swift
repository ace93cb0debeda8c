/// The five IEEE 754 exception status flags (clause 7).
///
/// The flags are inlinable computed constants, not stored `static let`s: a stored global is
/// reached through an addressor call and a load in code specialised outside this module, while
/// a computed constant folds into an immediate wherever the arithmetic is inlined.
@frozen
public struct ExceptionFlags: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8
    @inlinable @inline(__always) public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Invalid operation (7.2): no usefully definable result, e.g. 0 * inf, sqrt(-1), a signalling NaN operand.
    @inlinable @inline(__always) public static var invalid: Self { Self(rawValue: 1 << 0) }
    /// Division by zero (7.3): an exact infinite result from finite operands.
    @inlinable @inline(__always) public static var divisionByZero: Self { Self(rawValue: 1 << 1) }
    /// Overflow (7.4): the rounded result would exceed the largest finite number.
    @inlinable @inline(__always) public static var overflow: Self { Self(rawValue: 1 << 2) }
    /// Underflow (7.5): a tiny nonzero result that is also inexact.
    @inlinable @inline(__always) public static var underflow: Self { Self(rawValue: 1 << 3) }
    /// Inexact (7.6): the delivered result differs from the exact one.
    @inlinable @inline(__always) public static var inexact: Self { Self(rawValue: 1 << 4) }

    /// Every flag with its short name, in a fixed order.
    public static let named: [(ExceptionFlags, String)] = [
        (.invalid, "invalid"), (.divisionByZero, "divByZero"), (.overflow, "overflow"),
        (.underflow, "underflow"), (.inexact, "inexact"),
    ]

    /// `invalid|inexact`, or `none`.
    public var description: String {
        let names = Self.named.filter { contains($0.0) }.map(\.1)
        return names.isEmpty ? "none" : names.joined(separator: "|")
    }
}

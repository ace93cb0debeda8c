/// The five IEEE 754 exception status flags (clause 7).
public struct ExceptionFlags: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8
    @inlinable public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let invalid = ExceptionFlags(rawValue: 1 << 0)
    public static let divisionByZero = ExceptionFlags(rawValue: 1 << 1)
    public static let overflow = ExceptionFlags(rawValue: 1 << 2)
    public static let underflow = ExceptionFlags(rawValue: 1 << 3)
    public static let inexact = ExceptionFlags(rawValue: 1 << 4)

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

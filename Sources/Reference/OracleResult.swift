import SoftFloat

/// A correctly rounded result and the IEEE 754 exception flags its operation raises.
///
/// NaN results are always `BinaryFloat<F>.defaultNaN`: MPFR has no payloads, so compare
/// NaN-ness, not bits, when the value is a NaN.
public struct OracleResult<F: BinaryFormat>: Equatable, Sendable, CustomStringConvertible {
    /// The delivered result.
    public var value: BinaryFloat<F>
    /// The flags the operation raises (the oracle starts every operation with none).
    public var flags: ExceptionFlags

    /// A result from its parts.
    public init(value: BinaryFloat<F>, flags: ExceptionFlags) {
        self.value = value
        self.flags = flags
    }

    /// The value in hexadecimal and the flags, e.g. `0x3555 inexact`.
    public var description: String {
        let digits = String(UInt64(truncatingIfNeeded: value.bits), radix: 16)
        let width = (F.bitWidth + 3) / 4
        return "0x" + String(repeating: "0", count: max(0, width - digits.count)) + digits + " \(flags)"
    }
}

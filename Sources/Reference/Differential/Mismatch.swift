import SoftFloat

/// One case where SoftFloat and the oracle disagree, with everything needed to replay it.
public struct Mismatch: Sendable, CustomStringConvertible {
    public var format: String
    public var operation: String
    public var rounding: RoundingRule
    public var tininess: Tininess
    /// Operand encodings in hex, in order.
    public var operands: [String]
    public var expected: String
    public var expectedFlags: ExceptionFlags
    public var actual: String
    public var actualFlags: ExceptionFlags

    public var description: String {
        "mismatch \(format) \(operation) rounding=\(rounding.name) tininess=\(tininess.name) operands=\(operands.joined(separator: ",")) "
            + "expected=\(expected) [\(expectedFlags)] actual=\(actual) [\(actualFlags)]"
    }
}

/// Hex of an encoding, zero-padded to the format's width: `0x3c00`.
public func hex<F: BinaryFormat>(_ x: BinaryFloat<F>) -> String {
    hexBits(UInt64(x.bits), width: F.bitWidth)
}

/// Hex of `bits` padded to `width` bits.
public func hexBits(_ bits: UInt64, width: Int) -> String {
    let digits = String(bits, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, (width + 3) / 4 - digits.count)) + digits
}

/// The outcome of a differential run: how many cases, and the mismatches found (the first
/// `limit` kept in full, all counted).
public struct DifferentialReport: Sendable {
    public var cases: Int = 0
    public var mismatchCount: Int = 0
    public var mismatches: [Mismatch] = []
    public var seconds: Double = 0
    public static let limit = 20

    public init() {}

    mutating func record(_ m: Mismatch) {
        mismatchCount += 1
        if mismatches.count < Self.limit { mismatches.append(m) }
    }

    /// Adds another report's counts, examples and time (reports of runs one after another;
    /// `gathered` sets the wall time of parts that ran side by side).
    public mutating func merge(_ other: DifferentialReport) {
        cases += other.cases
        seconds += other.seconds
        mismatchCount += other.mismatchCount
        mismatches += other.mismatches.prefix(max(0, Self.limit - mismatches.count))
    }

    public var casesPerSecond: Double { seconds > 0 ? Double(cases) / seconds : 0 }
}

import SoftFloat

/// The exhaustive-sweep oracle for binary16 +, -, *, / in roundTiesToEven: the host's
/// binary64 arithmetic and its correctly rounded binary64 -> binary16 conversion.
///
/// Why it is exact: binary16 sums and products are exact in binary64 (at most 40 significant
/// bits), and a quotient rounded first to 53 bits and then to 11 bits is the correctly rounded
/// quotient because 53 >= 2 * 11 + 2 (Figueroa, "When is double rounding innocuous?", 1995).
/// The flags are derived from the exact result as IEEE 754 defines them, with tininess after
/// rounding: the tiny results are those below 2^-14 - 2^-26, the midpoint between 2^-14 and
/// the largest 11-bit number below it (a tie there rounds to the even 2^-14).
public struct HardwareBinary16Oracle: Sendable {
    /// The four operations the sweep covers.
    public enum Operation: String, CaseIterable, Sendable { case add, sub, mul, div }

    /// Every binary16 encoding as a binary64 value (exact), indexed by its bits.
    @usableFromInline let values: [Double]

    public init() {
        values = (0...0xFFFF).map { Double(Float16(bitPattern: UInt16($0))) }
    }

    /// The correctly rounded result bits and IEEE flags of `a op b` (NaN results are reported
    /// as the default NaN: the sweep compares NaN-ness, payload rules have their own tests).
    @inlinable
    public func evaluate(_ op: Operation, _ a: UInt16, _ b: UInt16) -> (bits: UInt16, flags: ExceptionFlags) {
        let x = values[Int(a)]
        let y = values[Int(b)]
        let exact: Double
        var quotientInexact = false
        var quotientBelow = false  // the exact quotient lies below the computed one in magnitude
        switch op {
        case .add: exact = x + y
        case .sub: exact = x - y
        case .mul: exact = x * y
        case .div:
            exact = x / y
            if exact.isFinite && exact != 0 {
                // remainder x - q*y, exact by one fma: zero iff the binary64 quotient is exact.
                let remainder = x.addingProduct(-exact, y)
                quotientInexact = remainder != 0
                quotientBelow = (remainder < 0) != (y < 0) ? exact > 0 : exact < 0
            }
        }
        var flags: ExceptionFlags = []
        if exact.isNaN {
            let aSignals = SoftFloat16(bits: a).isSignalingNaN
            let bSignals = SoftFloat16(bits: b).isSignalingNaN
            if aSignals || bSignals || !(x.isNaN || y.isNaN) { flags.insert(.invalid) }
            return (SoftFloat16.defaultNaN.bits, flags)
        }
        if op == .div && y == 0 && x.isFinite && x != 0 { flags.insert(.divisionByZero) }
        let rounded = Float16(exact)
        if exact.isFinite {
            if rounded.isInfinite {
                flags.insert([.overflow, .inexact])
            } else if quotientInexact || Double(rounded) != exact {
                flags.insert(.inexact)
                let threshold = 0x1p-14 - 0x1p-26
                let magnitude = abs(exact)
                let tiny = magnitude < threshold || (magnitude == threshold && quotientBelow)
                if tiny { flags.insert(.underflow) }
            }
        }
        return (rounded.bitPattern, flags)
    }
}

/// What a NaN-producing operation returns: an implementation-defined choice (IEEE 754-2019, 6.2.3).
public enum NaNRule: Sendable {
    /// x86 SSE: a NaN operand is returned quieted, the first NaN operand winning;
    /// an invalid operation with no NaN operand returns the default NaN.
    case propagateFirst
    /// RISC-V: every NaN result is the default NaN.
    case alwaysDefault
}

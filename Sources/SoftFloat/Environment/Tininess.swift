/// When a nonzero result counts as tiny for the underflow exception (IEEE 754-2019, 7.5).
///
/// x86 and RISC-V detect tininess after rounding; ARM before rounding.
public enum Tininess: String, CaseIterable, Sendable {
    /// Tiny if the result, rounded as though the exponent range were unbounded, is below 2^emin.
    case afterRounding = "after"
    /// Tiny if the exact result is below 2^emin.
    case beforeRounding = "before"

    /// The command-line name (`after`, `before`).
    public var name: String { rawValue }

    /// Parses `after` or `before` (case-insensitive; `afterRounding`/`beforeRounding` too).
    public init?(name: String) {
        switch name.lowercased() {
        case "after", "afterrounding": self = .afterRounding
        case "before", "beforerounding": self = .beforeRounding
        default: return nil
        }
    }
}

/// A format named on the command line: a built-in ``FormatKind`` (with its specialised code)
/// or a ``RuntimeFormat`` (`e5m10`, `e4m3fn`, `custom:...`). `visit(_:)` calls generic code
/// with the built-in type, or with `RuntimeFormatSlot` bound to the runtime format.
///
/// Built-in names win: `e4m3` is OCP E4M3, `e5m2` OCP E5M2, `e2m3`, `e3m2`, `e2m1` the OCP MX
/// formats and `e8m0` the scale; any other `eXmY` is a runtime IEEE-like format.
public enum FormatChoice: Hashable, Sendable {
    case builtIn(FormatKind)
    case runtime(RuntimeFormat)

    /// The format `text` names: a built-in name or alias (case-insensitive) first, then a
    /// runtime spelling; nil for neither; an error when a runtime spelling breaks a rule.
    public static func named(_ text: String) throws(RuntimeFormatError) -> FormatChoice? {
        let key = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        if let kind = FormatKind(name: key) { return .builtIn(kind) }
        return try RuntimeFormat.parse(key).map(Self.runtime)
    }

    /// The command-line name: the built-in name, or the runtime format's canonical name.
    public var name: String {
        switch self {
        case .builtIn(let kind): kind.name
        case .runtime(let format): format.name
        }
    }

    /// Storage width in bits.
    public var bitWidth: Int {
        switch self {
        case .builtIn(let kind): kind.bitWidth
        case .runtime(let format): format.bitWidth
        }
    }

    /// Calls `visitor` with the format type (for a runtime format, inside its binding).
    public func visit<V: FormatVisitor>(_ visitor: V) -> V.Result {
        switch self {
        case .builtIn(let kind): kind.visit(visitor)
        case .runtime(let format): format.visit(visitor)
        }
    }
}

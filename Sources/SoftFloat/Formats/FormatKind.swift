/// A format chosen at run time (`--format half`). `visit(_:)` is the one switch that turns the
/// runtime choice into a call of generic, specialised code.
public enum FormatKind: String, CaseIterable, Sendable {
    case binary16, binary32, binary64

    /// The command-line name.
    public var name: String {
        switch self {
        case .binary16: "half"
        case .binary32: "single"
        case .binary64: "double"
        }
    }

    /// Accepted spellings (case-insensitive), the command-line name first.
    public var aliases: [String] {
        switch self {
        case .binary16: ["half", "binary16", "fp16", "float16"]
        case .binary32: ["single", "binary32", "fp32", "float32"]
        case .binary64: ["double", "binary64", "fp64", "float64"]
        }
    }

    /// The formats `mpstudy verify` covers.
    public static var verified: [FormatKind] { [.binary16, .binary32, .binary64] }

    /// Parses a name or alias, ignoring case; nil if unknown.
    public init?(name: String) {
        let key = name.lowercased()
        guard let kind = Self.allCases.first(where: { $0.aliases.contains(key) }) else { return nil }
        self = kind
    }

    /// Calls `visitor` with the format type.
    public func visit<V: FormatVisitor>(_ visitor: V) -> V.Result {
        switch self {
        case .binary16: visitor.visit(Binary16.self)
        case .binary32: visitor.visit(Binary32.self)
        case .binary64: visitor.visit(Binary64.self)
        }
    }
}

/// Generic work over a format chosen at run time (Swift has no generic closures).
public protocol FormatVisitor {
    associatedtype Result
    func visit<F: BinaryFormat>(_ format: F.Type) -> Result
}

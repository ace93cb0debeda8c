/// A format chosen at run time (`--format half`). `visit(_:)` is the one switch that turns the
/// runtime choice into a call of generic, specialised code.
///
/// Command-line names (case-insensitive, aliases accepted): `half` (binary16, fp16, float16),
/// `single` (binary32, fp32, float32), `double` (binary64, fp64, float64), `bfloat16` (bf16),
/// `e4m3` (fp8-e4m3), `e5m2` (fp8-e5m2), and the OCP MX formats `e2m3` (fp6-e2m3), `e3m2`
/// (fp6-e3m2), `e2m1` (fp4, fp4-e2m1) and `e8m0` (scale-e8m0).
public enum FormatKind: String, CaseIterable, Sendable {
    case binary16, binary32, binary64, bfloat16, e4m3, e5m2
    /// OCP MX FP6 E2M3, FP6 E3M2, FP4 E2M1 and the E8M0 scale.
    case e2m3, e3m2, e2m1, e8m0

    /// The command-line name.
    public var name: String {
        switch self {
        case .binary16: "half"
        case .binary32: "single"
        case .binary64: "double"
        case .bfloat16: "bfloat16"
        case .e4m3: "e4m3"
        case .e5m2: "e5m2"
        case .e2m3: "e2m3"
        case .e3m2: "e3m2"
        case .e2m1: "e2m1"
        case .e8m0: "e8m0"
        }
    }

    /// Accepted spellings (case-insensitive), the command-line name first.
    public var aliases: [String] {
        switch self {
        case .binary16: ["half", "binary16", "fp16", "float16"]
        case .binary32: ["single", "binary32", "fp32", "float32"]
        case .binary64: ["double", "binary64", "fp64", "float64"]
        case .bfloat16: ["bfloat16", "bf16"]
        case .e4m3: ["e4m3", "fp8-e4m3"]
        case .e5m2: ["e5m2", "fp8-e5m2"]
        case .e2m3: ["e2m3", "fp6-e2m3"]
        case .e3m2: ["e3m2", "fp6-e3m2"]
        case .e2m1: ["e2m1", "fp4", "fp4-e2m1"]
        case .e8m0: ["e8m0", "scale-e8m0"]
        }
    }

    /// The formats `mpstudy verify` covers: all ten.
    public static var verified: [FormatKind] { allCases }

    /// Every accepted name, for error messages: `half (binary16, fp16, float16), ...`.
    public static var validNames: String {
        allCases.map { "\($0.name) (\($0.aliases.dropFirst().joined(separator: ", ")))" }.joined(separator: ", ")
    }

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
        case .bfloat16: visitor.visit(BFloat16.self)
        case .e4m3: visitor.visit(Float8E4M3.self)
        case .e5m2: visitor.visit(Float8E5M2.self)
        case .e2m3: visitor.visit(Float6E2M3.self)
        case .e3m2: visitor.visit(Float6E3M2.self)
        case .e2m1: visitor.visit(Float4E2M1.self)
        case .e8m0: visitor.visit(Float8E8M0.self)
        }
    }

    /// Storage width in bits.
    public var bitWidth: Int {
        struct Width: FormatVisitor { func visit<F: BinaryFormat>(_: F.Type) -> Int { F.bitWidth } }
        return visit(Width())
    }
}

/// Generic work over a format chosen at run time (Swift has no generic closures).
public protocol FormatVisitor {
    associatedtype Result
    func visit<F: BinaryFormat>(_ format: F.Type) -> Result
}

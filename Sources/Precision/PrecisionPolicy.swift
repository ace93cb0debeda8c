/// A Keras dtype policy: the format layers compute in and the format variables are kept in.
///
/// Under `mixed_float16` (Keras on a GPU): variables stay float32; a layer casts its inputs and
/// kernel to float16; the matmul takes float16 operands, accumulates in float32 and rounds its
/// result to float16; bias add and ReLU are float16 operations; the logits are cast to float32
/// for the softmax and the loss; the backward pass mirrors it and kernel gradients are cast
/// back to float32 for the optimizer.
public struct PrecisionPolicy: Sendable, Equatable, Hashable, Codable {
    /// The Keras name (`mixed_float16`).
    public let name: String
    /// The format of layer computations.
    public let compute: ComputeFormat
    /// The format of the trainable variables (master weights).
    public let variable: ComputeFormat
    /// The low-precision recipe of the GEMM operands (then `compute` and `variable` are
    /// float32: everything but the GEMM operands stays float32), or nil.
    public let recipe: Recipe?

    public static let float32 = PrecisionPolicy(name: "float32", compute: .float32, variable: .float32)
    public static let mixedFloat16 = PrecisionPolicy(name: "mixed_float16", compute: .float16, variable: .float32)
    public static let mixedBFloat16 = PrecisionPolicy(name: "mixed_bfloat16", compute: .bfloat16, variable: .float32)
    /// Variables in float16 too: every update is rounded back to float16.
    public static let float16 = PrecisionPolicy(name: "float16", compute: .float16, variable: .float16)

    /// A recipe with its default options (``Recipe``).
    public static func recipe(_ recipe: Recipe) -> PrecisionPolicy {
        PrecisionPolicy(name: recipe.kind.rawValue, compute: .float32, variable: .float32, recipe: recipe)
    }

    /// The Keras policies, then the recipes with their default options.
    public static let all: [PrecisionPolicy] =
        [.float32, .mixedFloat16, .mixedBFloat16, .float16] + Recipe.Kind.allCases.map { .recipe(Recipe($0)) }

    /// The policy named `name` (case-insensitive), or nil.
    public init?(name: String) {
        guard let policy = Self.all.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = policy
    }

    init(name: String, compute: ComputeFormat, variable: ComputeFormat, recipe: Recipe? = nil) {
        self.name = name
        self.compute = compute
        self.variable = variable
        self.recipe = recipe
    }

    /// This policy with `recipe`'s options (a recipe policy of the same kind only).
    public func with(recipe options: Recipe) -> PrecisionPolicy {
        precondition(recipe?.kind == options.kind)
        return .recipe(options)
    }

    /// "float32, mixed_float16, mixed_bfloat16, float16, fp8_delayed, ...".
    public static var validNames: String { all.map(\.name).joined(separator: ", ") }

    /// Keras wraps the optimizer in a dynamic `LossScaleOptimizer` for `mixed_float16` only.
    public var defaultLossScaling: LossScaling { self == .mixedFloat16 ? .dynamic() : .none }
}

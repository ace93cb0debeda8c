import Analyzer

/// `analyze --tensor`: the tensor groups by their report names (`activations`,
/// `kernel-gradients`, ...); singulars and `_` for `-` are accepted too (``TensorGroup/init(name:)``).
extension TensorGroup: CommandLineChoice {
    static var choiceKind: String { "tensor group" }
    var name: String { rawValue }
    static func matching(_ text: String) -> TensorGroup? { TensorGroup(name: trimmedSpaces(text)) }
}

import Precision

/// `--policy`, `--compare`: the Keras policy names (`float32`, `mixed_float16`, ...).
extension PrecisionPolicy: CommandLineChoice {
    static var choiceKind: String { "policy" }
    static var choices: [PrecisionPolicy] { all }
}

import SoftFloat

/// `--rounding`: the five IEEE 754 attributes by their short names (`nearestEven` ...) and the
/// aliases ``RoundingRule/aliases`` lists (`rne`, `rtz`, `towardPositive` ...).
extension RoundingRule: CommandLineChoice {
    static var choiceKind: String { "rounding" }
}

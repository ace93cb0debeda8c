import SoftFloat

/// `--format`: `half` (binary16, fp16, float16), `single`, `double`, `bfloat16`, `e4m3`,
/// `e5m2`, `e2m3`, `e3m2`, `e2m1`, `e8m0`, with the aliases ``FormatKind/aliases`` lists.
extension FormatKind: CommandLineChoice {
    static var choiceKind: String { "format" }
}

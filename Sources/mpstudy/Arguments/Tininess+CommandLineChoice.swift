import SoftFloat

/// `--tininess`: `after` (afterRounding) or `before` (beforeRounding).
extension Tininess: CommandLineChoice {
    static var choiceKind: String { "tininess" }

    var aliases: [String] {
        switch self {
        case .afterRounding: ["after", "afterRounding"]
        case .beforeRounding: ["before", "beforeRounding"]
        }
    }
}

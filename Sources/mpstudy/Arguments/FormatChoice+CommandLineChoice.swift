import SoftFloat

/// `--format` of explain, decode, calc, verify and formats: the built-in names
/// (``FormatKind``, which win) and the runtime formats `eXmY`, `eXmYfn`, `custom:...`.
extension FormatChoice: CommandLineChoice {
    static var choiceKind: String { "format" }
    static var choices: [FormatChoice] { FormatKind.allCases.map(Self.builtIn) }

    var aliases: [String] {
        switch self {
        case .builtIn(let kind): kind.aliases
        case .runtime(let format): [format.name]
        }
    }

    static var otherSpellings: String? { RuntimeFormat.spellings }

    static func matching(_ text: String) -> FormatChoice? { (try? named(trimmedSpaces(text))) ?? nil }

    static func refusal(of text: String) -> String? {
        do {
            _ = try named(trimmedSpaces(text))
            return nil
        } catch {
            return error.description
        }
    }
}

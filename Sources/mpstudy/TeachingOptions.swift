import ArgumentParser
import Foundation
import SoftFloat

/// Format and rounding names shared by explain, decode and calc (case-insensitive, aliases);
/// unknown names are refused with the list of valid ones.
func parseFormat(_ name: String) throws -> FormatKind {
    guard let kind = FormatKind(name: name) else {
        throw ValidationError("unknown format '\(name)'; valid: \(FormatKind.validNames)")
    }
    return kind
}

func parseRounding(_ name: String) throws -> RoundingRule {
    guard let rule = RoundingRule(name: name) else {
        let valid = RoundingRule.allCases.map { "\($0.name) (\($0.aliases.dropFirst().joined(separator: ", ")))" }
        throw ValidationError("unknown rounding '\(name)'; valid: \(valid.joined(separator: ", "))")
    }
    return rule
}

func parseTininess(_ name: String) throws -> Tininess {
    guard let rule = Tininess(name: name) else {
        throw ValidationError("unknown tininess '\(name)'; valid: after, before")
    }
    return rule
}

/// `--json`, shared by explain, decode and calc (formats words its own help): the same data as the text view,
/// for programs (the notebooks), decimal values as strings with every digit.
struct TeachingOutputOptions: ParsableArguments {
    @Flag(help: "Print JSON (every field; decimal values as strings) instead of the text view.")
    var json = false
}

/// ANSI colours only when standard output is a terminal and NO_COLOR is unset.
var standardOutputWantsColor: Bool {
    isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
}

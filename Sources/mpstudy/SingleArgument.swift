import ArgumentParser

/// The one positional argument of a command whose argument may start with '-' (it is
/// collected with `.allUnrecognized`, so `-0.1` is not taken for an option), or a one-line
/// error naming it.
func singleArgument(_ words: [String], name: String) throws -> String {
    guard words.count == 1 else {
        throw ValidationError(words.isEmpty ? "missing <\(name)>"
                              : "expected one <\(name)>, got \(words.count): \(words.joined(separator: " "))")
    }
    return words[0]
}

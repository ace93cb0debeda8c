import ArgumentParser

/// The one positional argument of a command whose argument may start with '-' (it is
/// collected with `.allUnrecognized`, so `-0.1` is not taken for an option), or a one-line
/// usage error naming it.
///
/// What `.allUnrecognized` also collects is sorted out here: a `--` (the usual end of the
/// options, as in `explain --format half -- -0.1`) is dropped, and before it a word of `--`
/// and a letter (`--formt`), or of one dash and one letter (`-q`), is an option this command
/// does not have, reported as such rather than as an extra value. No value of explain or calc
/// is a dash and one letter (no function or constant has a one-letter name), while longer
/// words with one dash are values (`-0.1`, `-inf`, `-sqrt(2)`, `-(1 + 2)`).
func singleArgument(_ words: [String], name: String) throws -> String {
    var values = words
    let end = values.firstIndex(of: "--") ?? values.endIndex
    if let option = values[..<end].first(where: isOption) { throw unknownOption(option) }
    if end < values.endIndex { values.remove(at: end) }
    guard values.count == 1 else {
        throw ValidationError(
            values.isEmpty
                ? "missing <\(name)>"
                : "expected one <\(name)>, got \(values.count): \(values.joined(separator: " "))")
    }
    return values[0]
}

/// `--name` or `--name=value` (a letter after the dashes), not `--` alone nor `--1`; or `-x`,
/// a dash and one ASCII letter.
private func isOption(_ word: String) -> Bool {
    if word.hasPrefix("--") { return word.dropFirst(2).first.map { $0.isLetter } == true }
    return word.count == 2 && word.hasPrefix("-") && word.last.map { $0.isASCII && $0.isLetter } == true
}

private func unknownOption(_ word: String) -> ValidationError {
    ValidationError("unknown option '\(word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word)'")
}

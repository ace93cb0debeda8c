import ArgumentParser

/// The one positional argument of a command whose argument may start with '-' (it is
/// collected with `.allUnrecognized`, so `-0.1` is not taken for an option), or a one-line
/// usage error naming it.
///
/// What `.allUnrecognized` also collects is sorted out here: a `--` (the usual end of the
/// options, as in `explain --format half -- -0.1`) is dropped, and a word of `--` and a letter
/// is an option this command does not have (`--formt`), reported as such rather than
/// as an extra value. A single dash stays a value (`-0.1`, `-inf`, `-(1 + 2)`).
func singleArgument(_ words: [String], name: String) throws -> String {
    var values = words
    if let end = values.firstIndex(of: "--") {
        if let option = values[..<end].first(where: isLongOption) { throw unknownOption(option) }
        values.remove(at: end)
    } else if let option = values.first(where: isLongOption) {
        throw unknownOption(option)
    }
    guard values.count == 1 else {
        throw ValidationError(values.isEmpty ? "missing <\(name)>"
                              : "expected one <\(name)>, got \(values.count): \(values.joined(separator: " "))")
    }
    return values[0]
}

/// `--name` or `--name=value` (a letter after the dashes), not `--` alone nor `--1`.
private func isLongOption(_ word: String) -> Bool {
    word.hasPrefix("--") && word.dropFirst(2).first.map { $0.isLetter } == true
}

private func unknownOption(_ word: String) -> ValidationError {
    ValidationError("unknown option '\(word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word)'")
}

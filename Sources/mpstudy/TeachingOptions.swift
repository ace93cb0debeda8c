import ArgumentParser
import Foundation

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

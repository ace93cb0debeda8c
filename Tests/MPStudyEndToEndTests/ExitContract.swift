import Testing
import _TestSupport

/// The exit statuses every command keeps (issue 10, "a typed command line"): 0 for success,
/// 64 (`EX_USAGE` of sysexits.h) for every usage error — an unknown name, a malformed or
/// out-of-range number, a missing or extra argument, an unknown option — whichever command
/// and whichever check finds it, and 1 for data and runtime errors (missing or corrupt files,
/// an unwritable output folder). Every error is exactly one line on standard error.
enum ExitStatus {
    static let success: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 64
}

/// A command line that must be refused, what kind of mistake it holds, and the words its one
/// error line must contain (case-insensitive: the offending value or the option's name).
struct BadInput: Sendable, CustomTestStringConvertible {
    let arguments: [String]
    let mistake: String
    let mentions: [String]

    init(_ arguments: [String], _ mistake: String, mentions: [String] = []) {
        self.arguments = arguments
        self.mistake = mistake
        self.mentions = mentions
    }

    var testDescription: String { "\(mistake): mpstudy \(arguments.joined(separator: " "))" }
}

/// Runs `arguments` in a fresh scratch folder (removed afterwards) and returns the result.
func mpstudyInScratch(_ arguments: [String], timeout: Double = 60) throws -> CommandResult {
    try withScratchFolder(prefix: "mpstudy-e2e") { folder in try mpstudy(arguments, in: folder, timeout: timeout) }
}

/// Expects a refusal: exit `status`, exactly one line on standard error naming each of
/// `mentions`, and (for usage errors, which must be found before any work) nothing on
/// standard output.
func expectRefusal(
    _ result: CommandResult, status: Int32, mentions: [String],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(result.status == status, "exit status: \(result)", sourceLocation: sourceLocation)
    #expect(result.hasOneErrorLine, "one line on stderr: \(result)", sourceLocation: sourceLocation)
    let line = result.errors.lowercased()
    for word in mentions {
        #expect(
            line.contains(word.lowercased()), "the error names '\(word)': \(result)", sourceLocation: sourceLocation)
    }
    if status == ExitStatus.usage {
        #expect(result.output.isEmpty, "nothing on stdout: \(result)", sourceLocation: sourceLocation)
    }
}

/// Expects success: exit 0 and nothing on standard error but progress lines (which go there
/// whenever it is not a terminal, as in these tests).
func expectSuccess(_ result: CommandResult, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(
        result.status == ExitStatus.success && result.errorLines.allSatisfy { $0.hasPrefix(progressTag) },
        "\(result)", sourceLocation: sourceLocation)
}

/// What every progress line on standard error starts with when it is not a terminal.
let progressTag = "mpstudy: progress: "

/// Expects an interruption by a signal: exit 128 + the signal's number, and on standard error
/// only progress lines (printed before the signal came, on a fast machine) and then the one
/// line `mpstudy: interrupted`.
func expectInterrupted(
    _ result: CommandResult, status: Int32, sourceLocation: SourceLocation = #_sourceLocation
) {
    let lines = result.errorLines
    #expect(
        result.status == status && lines.last == "mpstudy: interrupted"
            && lines.dropLast().allSatisfy { $0.hasPrefix(progressTag) },
        "\(result)", sourceLocation: sourceLocation)
}

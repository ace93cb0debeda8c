import ArgumentParser
import Foundation

/// The `mpstudy` command: a thin front end over the library targets.
@main
struct MPStudy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mpstudy",
        abstract: "Study floating-point precision: bit-exact IEEE 754 emulation, mixed-precision training analysis.",
        discussion: """
            Exit status: 0 on success, 64 for a usage error (an unknown option or name, a value \
            out of range, contradictory options, a malformed number, bit pattern or expression), \
            1 for a data or runtime error (missing or corrupt files, an unwritable folder) and for \
            failed checks (verify), 130 or 143 when interrupted by SIGINT or SIGTERM (one line: \
            mpstudy: interrupted). Every error is one line on standard error: mpstudy: error: ...
            """,
        version: MPStudyVersion.description,
        subcommands: [
            AnalyzeCommand.self, TrainCommand.self, SweepCommand.self, StudyCommand.self,
            FormatsCommand.self, ExplainCommand.self, ExplainBlockCommand.self, ConvertCommand.self, DecodeCommand.self,
            CalcCommand.self, InspectCommand.self,
            ReportCommand.self, VerifyCommand.self, BenchCommand.self,
        ]
    )

    /// Runs the command; help, version and completion requests print in full on standard
    /// output, any error ends the program as ``CommandLineExit`` says. An argument that is
    /// not UTF-8 is refused first (``NonUTF8ArgumentError``), before Swift's repaired copy of
    /// it can name another file.
    static func main() {
        do {
            try NonUTF8ArgumentError.check(NonUTF8ArgumentError.rawArguments)
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let outcome = CommandLineExit(error, command: self)
            outcome.report()
            Foundation.exit(outcome.status)
        }
    }
}

import ArgumentParser
import Foundation

/// The `mpstudy` command: a thin front end over the library targets.
@main
struct MPStudy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mpstudy",
        abstract: "Study floating-point precision: bit-exact IEEE 754 emulation, mixed-precision training analysis.",
        subcommands: [
            AnalyzeCommand.self, TrainCommand.self,
            FormatsCommand.self, ExplainCommand.self, DecodeCommand.self, CalcCommand.self,
            ReportCommand.self, VerifyCommand.self, BenchCommand.self,
        ]
    )

    /// Runs the command; any error is one line on standard error and a non-zero exit
    /// (help and version requests still print in full).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
            } else {
                var message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
                // One readable line even when the offending input is a page long.
                if message.count > 300 { message = String(message.prefix(297)) + "..." }
                if !message.isEmpty {
                    FileHandle.standardError.write(Data("mpstudy: error: \(message)\n".utf8))
                }
            }
            Foundation.exit(code.rawValue)
        }
    }
}

import ArgumentParser
import Reporter
import SoftFloat

/// `mpstudy formats`: the parameters of every format.
struct FormatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formats",
        abstract: "Show every format's parameters: widths, bias, precision, range, epsilon, unit roundoff.")

    func run() {
        print(renderFormatsTable(FormatKind.allCases.map(FormatParameters.init)))
    }
}

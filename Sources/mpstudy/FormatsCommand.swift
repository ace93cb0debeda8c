import ArgumentParser
import FloatTeaching
import Reporter
import SoftFloat

/// `mpstudy formats`: the parameters of every format.
struct FormatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formats",
        abstract: "Show every format's parameters: widths, bias, precision, range, epsilon, unit roundoff.")

    @Flag(help: "Print JSON (one object per format; the values with every digit, as strings) instead of the text view.")
    var json = false

    func run() {
        let formats = FormatKind.allCases.map(FormatParameters.init)
        print(json ? formatsJSON(formats) : renderFormatsTable(formats))
    }
}

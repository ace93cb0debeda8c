import ArgumentParser
import FloatTeaching
import Reporter
import SoftFloat

/// `mpstudy formats`: the parameters of every format.
struct FormatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formats",
        abstract: "Show every format's parameters: widths, bias, precision, range, epsilon, unit roundoff.",
        discussion: """
            --format shows the formats named instead of every built-in one, runtime formats \
            included (mpstudy formats --format e5m10,e4m3fn).

            Runtime formats: eXmY is IEEE-like with X exponent and Y fraction bits (e6m9), eXmYfn has no infinities (the OCP E4M3 layout: the all-ones exponent holds numbers, S.1..1.1..1 is NaN), custom:p=P,emax=E,emin=E[,inf=yes|no,nan=yes|no] states the parameters (w from emin; nan=no with inf=no: every encoding a number); w 2-11, p 2-53. Built-in names win (e4m3, e5m2, e2m3, e3m2, e2m1, e8m0).
            """)

    @Option(help: "The formats to show.", default: "all")
    var format: Selection<FormatChoice>?

    @Flag(help: "Print JSON (one object per format; the values with every digit, as strings) instead of the text view.")
    var json = false

    func run() {
        let formats = (format ?? .all).values.map { FormatParameters($0) }
        print(json ? formatsJSON(formats) : renderFormatsTable(formats))
    }
}

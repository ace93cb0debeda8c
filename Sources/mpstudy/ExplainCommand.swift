import ArgumentParser
import FloatTeaching
import Reporter
import SoftFloat

/// `mpstudy explain VALUE --format F`: what a format does to a decimal number.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show how a number is stored in a format: fields, exact value, error, neighbours, flags.",
        discussion: """
            VALUE is a decimal (0.1, 6.02e23), a hexadecimal float (0x1.8p3), inf or nan, with \
            an optional sign. It is rounded \
            once, correctly, by --rounding. --all-formats shows one line per built-in format.

            Runtime formats: eXmY is IEEE-like with X exponent and Y fraction bits (e6m9), eXmYfn has no infinities (the OCP E4M3 layout: the all-ones exponent holds numbers, S.1..1.1..1 is NaN), custom:p=P,emax=E,emin=E[,inf=yes|no,nan=yes|no] states the parameters (w from emin; nan=no with inf=no: every encoding a number); w 2-11, p 2-53. Built-in names win (e4m3, e5m2, e2m3, e3m2, e2m1, e8m0).
            """)

    /// One value; `.allUnrecognized` lets it start with '-' (-0.1) without being taken for an option.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The number to store.", valueName: "value"))
    var valueWords: [String] = []

    /// The single positional argument, or a one-line error.
    var value: String { get throws { try singleArgument(valueWords, name: "value") } }
    @Option(help: "The format to store it in; not with --all-formats.", default: FormatKind.binary16.name)
    var format: FormatChoice?
    @Option(help: "The rounding attribute.")
    var rounding: RoundingRule = .toNearestOrEven
    @Option(help: "When underflow is detected: after or before rounding.")
    var tininess: Tininess = .afterRounding
    @Flag(help: "Overflow to the largest finite value instead of infinity (OCP FP8 saturating mode).")
    var saturating = false
    @Flag(help: "One line per format instead of the detailed view.")
    var allFormats = false
    @OptionGroup var output: TeachingOutputOptions

    func validate() throws {
        _ = try value
        if allFormats, format != nil {
            throw ValidationError("--all-formats shows every format; give it or --format, not both")
        }
    }

    func run() throws {
        let (rule, tiny) = (rounding, tininess)
        let style = TeachingStyle(colors: standardOutputWantsColor)
        if allFormats {
            let views = try FormatKind.allCases.map {
                try ValueExplanation.explaining(
                    try value, format: $0, rounding: rule, tininess: tiny, saturating: saturating)
            }
            print(output.json ? explanationsJSON(views) : renderExplanationRows(views, style: style))
            return
        }
        let view = try ValueExplanation.explaining(
            try value, format: format ?? .builtIn(.binary16), rounding: rule,
            tininess: tiny, saturating: saturating)
        print(output.json ? explanationJSON(view) : renderExplanation(view, style: style))
    }
}

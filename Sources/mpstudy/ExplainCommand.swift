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
            once, correctly, by --rounding. --all-formats shows one line per format.
            """)

    /// One value; `.allUnrecognized` lets it start with '-' (-0.1) without being taken for an option.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The number to store.", valueName: "value"))
    var valueWords: [String] = []

    /// The single positional argument, or a one-line error.
    var value: String { get throws { try singleArgument(valueWords, name: "value") } }
    @Option(help: "The format to store it in; not with --all-formats.", default: FormatKind.binary16.name)
    var format: FormatKind?
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
            try value, format: format ?? .binary16, rounding: rule,
            tininess: tiny, saturating: saturating)
        print(output.json ? explanationJSON(view) : renderExplanation(view, style: style))
    }
}

import ArgumentParser
import FloatTeaching
import Reporter
import SoftFloat

/// `mpstudy calc "EXPR" --format F`: an expression evaluated in a format, step by step.
struct CalcCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calc",
        abstract: "Evaluate an expression in a format, showing every rounding and the final error.",
        discussion: """
            EXPR uses + - * /, parentheses, sqrt(x), fma(a, b, c) and decimal or hexadecimal \
            literals (at most 10,000 operations). Every literal and every operation is rounded by \
            --rounding; each step shows its exact result, its rounded result and the flags it \
            raised (the first and last 500 steps of a longer evaluation); the final result is \
            compared with the exact value of the expression: rational arithmetic on the literals \
            as written, MPFR interval arithmetic with every digit proven for square roots. A \
            rounded number is shown after "≈"; the relative error against an exact 0 is undefined.

            Runtime formats: eXmY is IEEE-like with X exponent and Y fraction bits (e6m9), eXmYfn has no infinities (the OCP E4M3 layout: the all-ones exponent holds numbers, S.1..1.1..1 is NaN), custom:p=P,emax=E,emin=E[,inf=yes|no,nan=yes|no] states the parameters (w from emin; nan=no with inf=no: every encoding a number); w 2-11, p 2-53. Built-in names win (e4m3, e5m2, e2m3, e3m2, e2m1, e8m0).
            """)

    /// One value; `.allUnrecognized` lets it start with '-' (-0.1) without being taken for an option.
    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp("The expression, e.g. \"(0.1 + 0.2) * 3\".", valueName: "expression"))
    var expressionWords: [String] = []

    /// The single positional argument, or a one-line error.
    var expression: String { get throws { try singleArgument(expressionWords, name: "expression") } }
    @Option(help: "The format every literal and step is rounded to.")
    var format: FormatChoice = .builtIn(.binary16)
    @Option(help: "The rounding attribute of every rounding.")
    var rounding: RoundingRule = .toNearestOrEven
    @Flag(help: "Overflow to the largest finite value instead of infinity (OCP FP8 saturating mode).")
    var saturating = false
    @OptionGroup var output: TeachingOutputOptions

    func validate() throws {
        _ = try expression
    }

    func run() throws {
        let (kind, rule) = (format, rounding)
        let text = try expression
        let (saturating, json, colors) = (self.saturating, output.json, standardOutputWantsColor)
        // Parsing, evaluation and the tree's release all recurse per level: a large stack.
        let output = try onLargeStack {
            let parsed = try CalcExpression.parse(text)
            var evaluation = CalcEvaluation.evaluate(
                parsed, text: text, format: kind, rounding: rule, saturating: saturating)
            CalcReference().complete(&evaluation, expression: parsed, format: kind)
            return json ? calcJSON(evaluation) : renderCalc(evaluation, style: TeachingStyle(colors: colors))
        }
        print(output)
    }
}

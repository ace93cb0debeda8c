import ArgumentParser
import FloatTeaching
import Reporter
import SoftFloat

/// `mpstudy decode BITS --format F`: the value a bit pattern encodes.
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Show the value a bit pattern encodes: fields, exact value, neighbours, class.",
        discussion: """
            BITS is 0x... (hex) or 0b... (binary), '_' allowed; a pattern wider than the format is refused.

            Runtime formats: eXmY is IEEE-like with X exponent and Y fraction bits (e6m9), eXmYfn has no infinities (the OCP E4M3 layout: the all-ones exponent holds numbers, S.1..1.1..1 is NaN), custom:p=P,emax=E,emin=E[,inf=yes|no,nan=yes|no] states the parameters (w from emin; nan=no with inf=no: every encoding a number); w 2-11, p 2-53. Built-in names win (e4m3, e5m2, e2m3, e3m2, e2m1, e8m0).
            """)

    @Argument(help: "The encoding, e.g. 0x3c00 or 0b0_01111_0000000000.")
    var bits: String
    @Option(help: "The format the pattern encodes.")
    var format: FormatChoice = .builtIn(.binary16)
    @OptionGroup var output: TeachingOutputOptions

    func run() throws {
        let kind = format
        let pattern = try BitPattern.parse(bits, width: kind.bitWidth, formatName: kind.name)
        let view = ValueExplanation.decoding(pattern, format: kind)
        print(
            output.json
                ? explanationJSON(view)
                : renderExplanation(view, style: TeachingStyle(colors: standardOutputWantsColor)))
    }
}

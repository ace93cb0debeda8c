import ArgumentParser
import FloatTeaching
import Reporter
import SoftFloat

/// `mpstudy decode BITS --format F`: the value a bit pattern encodes.
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Show the value a bit pattern encodes: fields, exact value, neighbours, class.",
        discussion: "BITS is 0x... (hex) or 0b... (binary), '_' allowed; a pattern wider than the format is refused.")

    @Argument(help: "The encoding, e.g. 0x3c00 or 0b0_01111_0000000000.")
    var bits: String
    @Option(help: "The format the pattern encodes.")
    var format: FormatKind = .binary16
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

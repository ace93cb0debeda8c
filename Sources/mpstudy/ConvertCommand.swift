import ArgumentParser
import Foundation
import SoftFloat

/// `mpstudy convert --from single --to e4m3 < in.bin > out.bin`: bulk conversion of raw
/// little-endian values, for cross-checks against other libraries (scripts/crosscheck-ml-dtypes.py).
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert raw little-endian values between formats (a batch interface for cross-checks).",
        discussion: """
            Reads values of the --from format from standard input as raw little-endian words (1 \
            byte for formats of up to 8 bits, 2 for 16, 4 for 32, 8 for 64; FP6 and FP4 codes in \
            the low bits of a byte), converts each with SoftFloat (--rounding, --tininess, \
            --saturating as explain takes them) and writes the target's words to standard output \
            in the same layout. With --flags, one more byte per value follows the output: the IEEE \
            flags raised (1 invalid, 2 divide by zero, 4 overflow, 8 underflow, 16 inexact). Input \
            whose length is not a whole number of words is refused.
            """)

    @Option(help: "The format of the input words.")
    var from: FormatKind = .binary32
    @Option(help: "The format to convert to.")
    var to: FormatKind = .binary16
    @Option(help: "The rounding attribute.")
    var rounding: RoundingRule = .toNearestOrEven
    @Option(help: "When underflow is detected: after or before rounding.")
    var tininess: Tininess = .afterRounding
    @Flag(help: "Overflow to the largest finite value (OCP saturating mode).")
    var saturating = false
    @Flag(help: "After all output words, one byte of IEEE flags per value.")
    var flags = false

    func run() throws {
        let env = FloatEnvironment(rounding: rounding, tininess: tininess, saturatesOverflow: saturating)
        let inputWidth = Self.bytes(from.bitWidth)
        let outputWidth = Self.bytes(to.bitWidth)
        var pending: [UInt8] = []
        var flagBytes: [UInt8] = []
        let input = FileHandle.standardInput
        let output = FileHandle.standardOutput
        while true {
            let chunk = input.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            pending += chunk
            let whole = pending.count / inputWidth * inputWidth
            var words: [UInt64] = []
            words.reserveCapacity(whole / inputWidth)
            var offset = 0
            while offset < whole {
                var word: UInt64 = 0
                for k in 0..<inputWidth { word |= UInt64(pending[offset + k]) << (8 * k) }
                words.append(word)
                offset += inputWidth
            }
            let (results, raised) = Self.convert(words, from: from, to: to, env: env)
            var out = [UInt8]()
            out.reserveCapacity(results.count * outputWidth)
            for result in results {
                for k in 0..<outputWidth { out.append(UInt8(truncatingIfNeeded: result >> (8 * k))) }
            }
            if flags { flagBytes += raised }
            pending.removeFirst(whole)
            output.write(Data(out))
        }
        guard pending.isEmpty else {
            throw ConvertInputError(
                description:
                    "standard input ends with \(pending.count) byte(s), not a whole \(inputWidth)-byte \(from.name) word"
            )
        }
        if flags { output.write(Data(flagBytes)) }
    }

    static func bytes(_ bits: Int) -> Int { bits <= 8 ? 1 : bits / 8 }

    /// The words converted, and each conversion's flags (bit 0 invalid ... bit 4 inexact, the
    /// ``ExceptionFlags`` raw value), through the generic code of both formats.
    static func convert(_ words: [UInt64], from: FormatKind, to: FormatKind, env: FloatEnvironment) -> (
        [UInt64], [UInt8]
    ) {
        from.visit(ConversionSource(words: words, target: to, env: env))
    }
}

/// Standard input that does not hold whole words (exit 1).
struct ConvertInputError: Error, CustomStringConvertible {
    let description: String
}

/// The source format of a batch conversion, opened by ``FormatKind/visit(_:)``.
private struct ConversionSource: FormatVisitor {
    let words: [UInt64]
    let target: FormatKind
    let env: FloatEnvironment

    func visit<S: BinaryFormat>(_ format: S.Type) -> ([UInt64], [UInt8]) {
        target.visit(ConversionTarget<S>(words: words, env: env))
    }
}

/// The target format: the loop, specialised for both formats.
private struct ConversionTarget<S: BinaryFormat>: FormatVisitor {
    let words: [UInt64]
    let env: FloatEnvironment

    func visit<T: BinaryFormat>(_ format: T.Type) -> ([UInt64], [UInt8]) {
        var results: [UInt64] = []
        var raised: [UInt8] = []
        results.reserveCapacity(words.count)
        raised.reserveCapacity(words.count)
        for word in words {
            var e = env
            e.flags = []
            let x = BinaryFloat<S>(bits: S.Bits(truncatingIfNeeded: word))
            results.append(UInt64(x.converted(to: T.self, in: &e).bits))
            raised.append(UInt8(truncatingIfNeeded: e.flags.rawValue))
        }
        return (results, raised)
    }
}

import Foundation
import SoftFloat

/// The Swift harness of scripts/bench-vs-berkeley.sh:
///   generate FILE COUNT SEED        write the operand file
///   check FILE BERKELEY_RESULTS     compare SoftFloat's bits and flags with Berkeley's, operand by operand
///   time FILE SECONDS ROUND         one timing round over every cell (tab-separated lines)
///   table TIMINGS                   the Markdown table of interleaved timing lines
@main
enum Harness {
    static func main() {
        let args = Array(CommandLine.arguments.dropFirst())
        do {
            switch (args.first, args.count) {
            case ("generate", 4):
                guard let count = Int(args[2]), count > 0, let seed = UInt64(args[3]) else {
                    throw HarnessError("generate: COUNT must be a positive integer and SEED an unsigned integer")
                }
                try OperandFile.write(to: args[1], count: count, seed: seed)
            case ("check", 3):
                exit(try check(args[1], args[2]) ? 0 : 1)
            case ("time", 4):
                guard let seconds = Double(args[2]), seconds > 0, let round = Int(args[3]) else {
                    throw HarnessError("time: SECONDS must be positive and ROUND an integer")
                }
                try time(args[1], seconds: seconds, round: round)
            case ("table", 2):
                let text = try String(contentsOfFile: args[1], encoding: .utf8)
                let cells = BenchCell.all.map { "\($0.operation)\t\($0.format)\t\($0.distribution.name)" }
                print(TimingTable.render(try TimingTable.parse(text), cells: cells))
            default:
                throw HarnessError(
                    "usage: SoftFloatHarness generate FILE COUNT SEED | check FILE RESULTS | time FILE SECONDS ROUND | table TIMINGS"
                )
            }
        } catch {
            FileHandle.standardError.write(Data("SoftFloatHarness: \(error)\n".utf8))
            exit(2)
        }
    }

    /// Compares every cell with the Berkeley harness's results file (per cell in `BenchCell.all`
    /// order: the results, then one flag byte per operand); prints a summary and the first
    /// mismatches. True when everything is identical.
    static func check(_ operandPath: String, _ resultsPath: String) throws -> Bool {
        let (sets, _) = try OperandFile.read(operandPath)
        let n = sets[0].count
        let reference = [UInt8](try Data(contentsOf: URL(fileURLWithPath: resultsPath)))
        let expectedSize = BenchCell.all.reduce(0) { $0 + n * ($1.resultByteWidth + 1) }
        guard reference.count == expectedSize else {
            throw HarnessError("\(resultsPath): \(reference.count) bytes, expected \(expectedSize)")
        }
        let out = UnsafeMutableRawPointer.allocate(byteCount: 8 * n, alignment: 16)
        let flags = UnsafeMutablePointer<UInt8>.allocate(capacity: n)
        defer {
            out.deallocate()
            flags.deallocate()
        }
        var offset = 0
        var total = (operands: 0, mismatches: 0, payloadOnly: 0)
        var nanResults = 0
        for cell in BenchCell.all {
            let set = sets.first { $0.distribution == cell.distribution }!
            SoftFloatRunner.check(cell, set, into: out, flags: flags)
            let comparison = reference.withUnsafeBytes { ref in
                ResultComparer.compare(
                    cell, count: n, expected: ref.baseAddress! + offset,
                    expectedFlags: (ref.baseAddress! + offset + n * cell.resultByteWidth).assumingMemoryBound(
                        to: UInt8.self),
                    actual: out, actualFlags: flags
                ) { ResultComparer.operandWords(cell, set, $0) }
            }
            nanResults +=
                (0..<n).filter {
                    ResultComparer.isNaN(
                        ResultComparer.word(out, $0, cell.resultByteWidth), cell.resultLayout.exponentBits,
                        cell.resultLayout.fractionBits)
                }.count
            offset += n * (cell.resultByteWidth + 1)
            total.operands += comparison.count
            total.mismatches += comparison.mismatches
            total.payloadOnly += comparison.nanPayloadOnly
            if comparison.mismatches > 0 {
                print(
                    "MISMATCH \(cell.operation) \(cell.format) \(cell.distribution.name): \(comparison.mismatches) of \(n) operands differ (\(comparison.nanPayloadOnly) only in the NaN's sign or payload)"
                )
                for e in comparison.examples { print("  \(e)") }
            }
        }
        print(
            "Checked \(BenchCell.all.count) cells, \(total.operands) operations (\(nanResults) with NaN results): \(total.mismatches) differ in bits or flags, \(total.payloadOnly) of them only in a NaN's payload."
        )
        return total.mismatches == 0
    }

    /// One round: every cell timed for `seconds`, printed as
    /// `softfloat ROUND operation format set Mops/s checksum`.
    static func time(_ operandPath: String, seconds: Double, round: Int) throws {
        let (sets, _) = try OperandFile.read(operandPath)
        let n = sets[0].count
        let out = UnsafeMutableRawPointer.allocate(byteCount: 8 * n, alignment: 64)
        defer { out.deallocate() }
        for cell in BenchCell.all {
            let set = sets.first { $0.distribution == cell.distribution }!
            var checksum: UInt64 = 0
            let rate = SoftFloatRunner.measure(cell, set, seconds: seconds, out: out, checksum: &checksum)
            print(
                "softfloat\t\(round)\t\(cell.operation)\t\(cell.format)\t\(cell.distribution.name)\t"
                    + String(format: "%.2f", rate / 1e6) + "\t" + String(checksum, radix: 16))
        }
    }
}

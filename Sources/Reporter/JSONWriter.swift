//===--- JSONWriter.swift -------------------------------------------------===//
//
// run.json: the whole record, in a byte-stable encoding.
//
//===----------------------------------------------------------------------===//

import Analyzer
import Foundation

/// Encodes and decodes ``RunRecord``s as JSON.
///
/// Stable by construction: keys sorted, no pretty-printing whitespace to drift, numbers in
/// Swift's shortest round-trip form, non-finite numbers (a NaN loss of a diverged run, an
/// infinite drift) as the strings `"nan"`, `"inf"`, `"-inf"`. Two runs with the same numbers
/// give the same bytes. Histograms are stored sparsely (see ``TensorRecord``'s coding): the
/// 257 bins are mostly zeros.
public enum JSONWriter {
    /// The encoder used for `run.json`.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// The matching decoder (for `mpstudy report`, which regenerates the other files).
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    /// `record` as JSON text, ending with a newline.
    public static func text(_ record: RunRecord) throws(ReportWriteError) -> String {
        do {
            let data = try encoder().encode(record)
            return String(decoding: data, as: UTF8.self) + "\n"
        } catch {
            throw ReportWriteError(path: "run.json", reason: "cannot encode the record: \(error)")
        }
    }

    /// `record`'s text around its steps: everything before the first step (up to the `[` of
    /// `"steps":[`) and after the last (from the `]`, with the final newline). With the steps
    /// written by ``StepJSONEncoder`` between them, separated by commas, this is
    /// ``text(_:)`` without holding the whole text.
    static func frame(_ record: RunRecord) throws(ReportWriteError) -> (head: [UInt8], tail: [UInt8]) {
        var header = record
        header.steps = []
        let bytes: [UInt8]
        do {
            bytes = Array(try encoder().encode(header))
        } catch {
            throw ReportWriteError(path: "run.json", reason: "cannot encode the record: \(error)")
        }
        let steps = bytes.withUnsafeBytes { raw in JSONOutline.members(of: raw)?.first { $0.key == "steps" }?.value }
        guard let steps, steps.count == 2 else {
            throw ReportWriteError(path: "run.json", reason: "cannot encode the record: no steps array in its encoding")
        }
        return (Array(bytes[..<(steps.lowerBound + 1)]), Array(bytes[(steps.upperBound - 1)...]) + [UInt8(ascii: "\n")])
    }

    /// Reads a record written by ``text(_:)``.
    public static func record(from text: String) throws -> RunRecord {
        try decoder().decode(RunRecord.self, from: Data(text.utf8))
    }
}

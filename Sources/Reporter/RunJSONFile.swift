//===--- RunJSONFile.swift ------------------------------------------------===//
//
// A run.json held as bytes: its record without the steps decoded, the steps located.
//
//===----------------------------------------------------------------------===//

import Analyzer
import Foundation

/// The bytes of a run.json whose syntax and schema version are checked and whose record,
/// apart from the steps, is decoded (``header``, with no steps). The steps are decoded one at a
/// time from their byte ranges (``step(_:)``), so a report of a long run holds the file and a
/// step, never every step's records.
struct RunJSONFile: Sendable {
    let path: String
    private let bytes: Data
    /// The record with `steps` empty.
    let header: RunRecord
    /// The byte range of each step.
    private let stepRanges: [Range<Int>]

    /// Checks `data` (the contents of `path`, named in errors) and decodes all but its steps.
    init(_ data: Data, path: String) throws(ReportReadError) {
        self.path = path
        bytes = data
        let outline: (members: [JSONOutline.Member], steps: [Range<Int>]?)? = data.withUnsafeBytes { raw in
            guard let members = JSONOutline.members(of: raw) else { return nil }
            let steps = members.first { $0.key == "steps" }.flatMap { JSONOutline.elements(of: raw, array: $0.value) }
            return (members, steps)
        }
        guard let outline else {
            throw ReportReadError(path: path, reason: "not a JSON object (truncated or not a run.json)")
        }
        var keys = Set<String>()
        for member in outline.members where !keys.insert(member.key).inserted {
            throw ReportReadError(
                path: path, reason: "malformed run record: '\(member.key)' appears twice at top level")
        }
        let version = outline.members.first { $0.key == "schemaVersion" }.flatMap { member in
            try? JSONWriter.decoder().decode(Int.self, from: data.subdata(in: member.value))
        }
        guard let version else {
            throw ReportReadError(path: path, reason: "no schemaVersion: not a run.json written by mpstudy analyze")
        }
        let readable = RunRecord.readableSchemaVersions
        guard readable.contains(version) else {
            throw ReportReadError(
                path: path,
                reason:
                    "schema version \(version); this mpstudy reads versions \(readable.lowerBound) to \(readable.upperBound) (rerun the analysis)"
            )
        }
        // Everything but the steps, decoded from the file with an empty steps array (without
        // a steps array, from the file as it is: `JSONDecoder` says what is wrong).
        var headerBytes = data
        if let steps = outline.members.first(where: { $0.key == "steps" }), outline.steps != nil {
            headerBytes =
                data.subdata(in: 0..<steps.value.lowerBound) + Data("[]".utf8)
                + data.subdata(in: steps.value.upperBound..<data.count)
        }
        do {
            var decoded = try JSONWriter.decoder().decode(RunRecord.self, from: headerBytes)
            // An older readable version is rewritten in the current layout.
            decoded.schemaVersion = RunRecord.currentSchemaVersion
            header = decoded
        } catch {
            throw ReportReadError(path: path, reason: "malformed run record: \(RunFolderReader.describe(error))")
        }
        stepRanges = outline.steps ?? []
    }

    /// Steps in the file.
    var stepCount: Int { stepRanges.count }

    /// Step `index` (0-based), decoded.
    func step(_ index: Int) throws(ReportReadError) -> StepRecord {
        let range = stepRanges[index]
        if let step = bytes.withUnsafeBytes({ StepJSONParser.step($0, range) }) { return step }
        // What the fast reader does not take, `JSONDecoder` decodes or describes.
        do {
            return try JSONWriter.decoder().decode(StepRecord.self, from: bytes.subdata(in: range))
        } catch {
            throw ReportReadError(
                path: path, reason: "malformed run record: \(RunFolderReader.describe(error, under: "steps[\(index)]"))"
            )
        }
    }

    /// Calls `body` with every step, in order.
    func forEachStep(_ body: (StepRecord) throws(ReportReadError) -> Void) throws(ReportReadError) {
        for index in 0..<stepCount { try body(step(index)) }
    }

    /// The whole record.
    func record() throws(ReportReadError) -> RunRecord {
        var record = header
        record.steps.reserveCapacity(stepCount)
        for index in 0..<stepCount { record.steps.append(try step(index)) }
        return record
    }

    /// The digest of the run: every step decoded (and so checked) once.
    func digest() throws(ReportReadError) -> RunDigest {
        var digest = RunDigest(header: header)
        try forEachStep { step throws(ReportReadError) in digest.add(step) }
        return digest
    }
}

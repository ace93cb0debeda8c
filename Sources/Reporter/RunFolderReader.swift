//===--- RunFolderReader.swift --------------------------------------------===//
//
// Reading run.json back: the one input `mpstudy report` regenerates a folder from.
//
//===----------------------------------------------------------------------===//

import Analyzer
import Foundation

/// Why a run record could not be read; ``description`` is one line.
public struct ReportReadError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot read '\(path)': \(reason)" }
}

/// Reads `run.json` files, refusing anything that is not a whole record of the schema this
/// build writes (regenerating from another schema could not give the same bytes).
public enum RunFolderReader {
    /// The record stored at `path`.
    public static func record(at path: String) throws(ReportReadError) -> RunRecord {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw ReportReadError(path: path, reason: "no such file")
        }
        guard !isFolder.boolValue else {
            throw ReportReadError(path: path, reason: "is a folder; give the run.json inside it")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportReadError(path: path, reason: "not readable")
        }
        return try record(from: data, path: path)
    }

    /// Decodes `data` (the contents of `path`, named in errors).
    public static func record(from data: Data, path: String) throws(ReportReadError) -> RunRecord {
        struct Version: Decodable { var schemaVersion: Int? }
        guard let version = try? JSONSerialization.jsonObject(with: data), version is [String: Any] else {
            throw ReportReadError(path: path, reason: "not a JSON object (truncated or not a run.json)")
        }
        let schema = (try? JSONWriter.decoder().decode(Version.self, from: data))?.schemaVersion
        guard let schema else {
            throw ReportReadError(path: path, reason: "no schemaVersion: not a run.json written by mpstudy analyze")
        }
        guard schema == RunRecord.currentSchemaVersion else {
            throw ReportReadError(
                path: path,
                reason:
                    "schema version \(schema); this mpstudy reads version \(RunRecord.currentSchemaVersion) (rerun the analysis)"
            )
        }
        do {
            return try JSONWriter.decoder().decode(RunRecord.self, from: data)
        } catch {
            throw ReportReadError(path: path, reason: "malformed run record: \(describe(error))")
        }
    }

    /// A decoding error in one line: what is wrong and where (`steps[3].metrics.loss`).
    static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case let .keyNotFound(key, context)?:
            "missing '\(key.stringValue)' at \(location(context.codingPath))"
        case let .typeMismatch(_, context)?, let .valueNotFound(_, context)?:
            "wrong value at \(location(context.codingPath))"
        case let .dataCorrupted(context)?:
            "\(context.debugDescription) at \(location(context.codingPath))"
        default:
            "\(error)".split(separator: "\n").first.map(String.init) ?? "unknown error"
        }
    }

    /// `steps[3].metrics.loss`, or `top level`.
    static func location(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text.isEmpty ? "top level" : text
    }
}

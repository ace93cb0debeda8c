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
///
/// A run.json of any length is read in bounded memory: the syntax of the whole file is
/// checked without building it (``JSONOutline``), everything but the steps is decoded with
/// `JSONDecoder`, and the steps one at a time from their byte ranges (``StepJSONParser``),
/// when they are needed. A run of 18,000 steps (235 MB) is read at about the speed of the disk.
public enum RunFolderReader {
    /// The record stored at `path`, with every step.
    public static func record(at path: String) throws(ReportReadError) -> RunRecord {
        try file(at: path).record()
    }

    /// Decodes `data` (the contents of `path`, named in errors).
    public static func record(from data: Data, path: String) throws(ReportReadError) -> RunRecord {
        try RunJSONFile(data, path: path).record()
    }

    /// The run.json at `path`, checked up to its steps (which ``RunJSONFile/step(_:)`` reads).
    static func file(at path: String) throws(ReportReadError) -> RunJSONFile {
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
        return try RunJSONFile(data, path: path)
    }

    /// A decoding error in one line: what is wrong and where (`steps[3].metrics.loss`); `under`
    /// is the location of the decoded value (`steps[3]` for a step decoded by itself).
    public static func describe(_ error: any Error, under: String = "") -> String {
        switch error as? DecodingError {
        case let .keyNotFound(key, context)?:
            "missing '\(key.stringValue)' at \(location(context.codingPath, under: under))"
        case let .typeMismatch(_, context)?, let .valueNotFound(_, context)?:
            "wrong value at \(location(context.codingPath, under: under))"
        case let .dataCorrupted(context)?:
            "\(context.debugDescription) at \(location(context.codingPath, under: under))"
        default:
            "\(error)".split(separator: "\n").first.map(String.init) ?? "unknown error"
        }
    }

    /// `steps[3].metrics.loss`, or `top level`.
    static func location(_ path: [any CodingKey], under: String = "") -> String {
        var text = under
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

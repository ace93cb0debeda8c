//===--- StudyFile.swift --------------------------------------------------===//
//
// study.json: the grid a sweep wrote, and the results `mpstudy study` adds.
//
//===----------------------------------------------------------------------===//

import Foundation

/// The contents of a study folder's `study.json`: what was asked (the grid, the data folder,
/// the mpstudy that wrote it) and, once `mpstudy study` has read the runs, ``results``.
public struct StudyFile: Sendable, Equatable, Codable {
    /// Bumped when the layout changes incompatibly.
    public var schemaVersion: Int
    public var grid: StudyGrid
    /// The MNIST folder the runs read (absolute when the sweep was given a relative one).
    public var data: String
    /// `--shadow-every` of every run, when the sweep set it.
    public var shadowEvery: Int?
    /// `mpstudy --version` of the program that wrote the grid.
    public var mpstudyVersion: String
    /// The runs, in grid order (ids and options; the grid determines them, they are kept for
    /// readers that do not expand grids).
    public var runs: [StudyRun]
    /// Filled in by `mpstudy study`.
    public var results: StudyResults?

    public static let currentSchemaVersion = 1
    public static let fileName = "study.json"

    public init(grid: StudyGrid, data: String, shadowEvery: Int?, mpstudyVersion: String) {
        schemaVersion = Self.currentSchemaVersion
        self.grid = grid
        self.data = data
        self.shadowEvery = shadowEvery
        self.mpstudyVersion = mpstudyVersion
        runs = grid.runs
        results = nil
    }

    /// The file's JSON text (keys sorted, so the same study gives the same bytes).
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain values of finite numbers cannot fail.
        let data = try! encoder.encode(self)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The study.json at `path`, refused in one line when it is missing, not a study file or
    /// of another schema.
    public static func read(at path: String) throws(ReportReadError) -> StudyFile {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw ReportReadError(path: path, reason: "no such file")
        }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = attributes[.size] as? Int, size <= 64 << 20
        else { throw ReportReadError(path: path, reason: "not a study file (larger than 64 MiB)") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportReadError(path: path, reason: "not readable")
        }
        struct Version: Decodable { var schemaVersion: Int }
        guard let version = try? JSONDecoder().decode(Version.self, from: data) else {
            throw ReportReadError(path: path, reason: "not a study file written by mpstudy sweep")
        }
        guard version.schemaVersion == currentSchemaVersion else {
            throw ReportReadError(
                path: path,
                reason: "study schema \(version.schemaVersion); this mpstudy reads schema \(currentSchemaVersion)")
        }
        do {
            let file = try JSONDecoder().decode(StudyFile.self, from: data)
            if let problem = file.grid.problem { throw ReportReadError(path: path, reason: problem) }
            guard file.runs == file.grid.runs else {
                throw ReportReadError(path: path, reason: "its list of runs does not match its grid")
            }
            // Run ids name folders under runs/: plain names only, so a study.json cannot make
            // `mpstudy study` read outside its folder.
            for run in file.runs {
                if let problem = RunFolderName.problem(with: run.id) {
                    throw ReportReadError(
                        path: path, reason: "the run id '\(run.id)' is not a plain folder name: \(problem)")
                }
            }
            return file
        } catch let error as ReportReadError {
            throw error
        } catch {
            throw ReportReadError(path: path, reason: RunFolderReader.describe(error))
        }
    }
}

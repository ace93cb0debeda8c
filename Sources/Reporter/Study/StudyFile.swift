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
    /// Grids added to the study later (`mpstudy sweep --add`): their runs join the first
    /// grid's, and runs the grids share are run and counted once. Absent from the file when
    /// the study has one grid.
    public var additionalGrids: [StudyGrid]?
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
        additionalGrids = nil
        self.data = data
        self.shadowEvery = shadowEvery
        self.mpstudyVersion = mpstudyVersion
        runs = grid.runs
        results = nil
    }

    /// Every grid of the study, the first one first.
    public var grids: [StudyGrid] { [grid] + (additionalGrids ?? []) }

    /// The runs of `grids`, in their order, each once (a run two grids share keeps its first
    /// place), named by the axes that vary across all of them.
    public static func runs(of grids: [StudyGrid]) -> [StudyRun] {
        let naming = StudyGrid.naming(across: grids)
        var seen = Set<String>()
        return grids.flatMap { $0.runs(naming: naming) }.filter { seen.insert($0.id).inserted }
    }

    /// The study with `other` added to its grids (written by `other`'s sweep: data folder,
    /// shadow interval and version are the new sweep's); results are dropped until
    /// `mpstudy study` reads the runs again.
    public func adding(_ other: StudyFile) -> StudyFile {
        var file = other
        file.grid = grid
        file.additionalGrids = (additionalGrids ?? []) + [other.grid]
        file.runs = Self.runs(of: file.grids)
        file.results = nil
        return file
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
            for grid in file.grids {
                if let problem = grid.problem { throw ReportReadError(path: path, reason: problem) }
            }
            guard file.runs == Self.runs(of: file.grids) else {
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

import Foundation
import Reporter

/// The study folder of a sweep: created, or reused when it holds the same grid, or given the
/// grid as one more (`--add`), or replaced (its study.json and jobs.txt; runs stay) with
/// `--force`; a folder that is not a study is refused, so no file of the user's is overwritten.
struct SweepFolder {
    /// Absolute path of the folder.
    let path: String

    /// What the folder held before.
    enum State: Equatable {
        case new
        case sameGrid
        case otherGrid
        case addedGrid
    }

    /// Checks `path` for `study` and writes study.json, jobs.txt (and creates runs/ and
    /// logs/); returns what it found.
    static func prepare(
        _ given: String, study: StudyFile, jobs: (StudyFile) -> StudyJobs, force: Bool, add: Bool = false
    ) throws -> (SweepFolder, State, StudyJobs, StudyFile) {
        let path = absolute(given)
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        var state = State.new
        var file = study
        if manager.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw SweepDataError("cannot use '\(given)' as a study folder: it is a file")
            }
            let studyPath = path + "/" + StudyFile.fileName
            if manager.fileExists(atPath: studyPath) {
                let existing: StudyFile
                do { existing = try StudyFile.read(at: studyPath) } catch {
                    throw SweepDataError(
                        "'\(given)' holds a study.json mpstudy cannot read (\(error.reason)); not touching it")
                }
                if existing.grids.contains(study.grid) {
                    state = .sameGrid
                    // The study keeps every grid it has, and its results until `mpstudy study`.
                    file.grid = existing.grid
                    file.additionalGrids = existing.additionalGrids
                    file.runs = existing.runs
                    file.results = existing.results
                } else if add {
                    state = .addedGrid
                    file = existing.adding(study)
                } else {
                    guard force else {
                        throw SweepUsageError(
                            "'\(given)' holds a study with another grid; use another --output, --add to add this grid to the study, or --force to replace its grid (runs of the old grid are kept but not counted)"
                        )
                    }
                    state = .otherGrid
                }
            } else {
                let contents = (try? manager.contentsOfDirectory(atPath: path)) ?? []
                guard contents.isEmpty else {
                    throw SweepDataError(
                        "'\(given)' is not empty and holds no study.json: not a study folder of mpstudy's; choose a new or empty folder"
                    )
                }
            }
        } else {
            do { try manager.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw SweepDataError("cannot create the study folder '\(given)'")
            }
        }
        for sub in ["runs", "logs"] {
            let subPath = path + "/" + sub
            if manager.fileExists(atPath: subPath, isDirectory: &isFolder) {
                guard isFolder.boolValue else { throw SweepDataError("'\(given)/\(sub)' exists and is not a folder") }
            } else {
                do { try manager.createDirectory(atPath: subPath, withIntermediateDirectories: false) } catch {
                    throw SweepDataError("cannot create '\(given)/\(sub)'")
                }
            }
        }
        let folder = SweepFolder(path: path)
        let jobs = jobs(file)
        try AtomicFile.write(file.encoded(), to: path + "/" + StudyFile.fileName)
        try AtomicFile.write(jobs.text, to: path + "/jobs.txt")
        return (folder, state, jobs, file)
    }

    static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: full).standardizedFileURL.path
    }

    /// Whether the run `run` is finished: its folder holds a readable run.json of its options.
    func isComplete(_ run: StudyRun) -> Bool {
        let file = path + "/runs/" + run.id + "/run.json"
        guard FileManager.default.fileExists(atPath: file), let record = try? RunFolderReader.record(at: file) else {
            return false
        }
        return run.mismatch(record.settings) == nil
    }
}

/// The first executable called `name` on PATH, or nil.
func executableOnPath(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
        let candidate = String(directory) + "/" + name
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

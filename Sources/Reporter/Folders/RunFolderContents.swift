//===--- RunFolderContents.swift ------------------------------------------===//
//
// What makes a folder an mpstudy run folder, which mpstudy may replace as a whole.
//
//===----------------------------------------------------------------------===//

/// Recognises an **mpstudy run folder**: a folder holding a `run.json` that is an mpstudy
/// run record (``RunRecordSignature``: a JSON object with a numeric `schemaVersion`, of any
/// version) and nothing that mpstudy does not write into run folders:
///
/// - the files `run.json`, `steps.csv`, `layers.csv`, `histograms.csv`, `summary.md`;
/// - `charts/`, holding only `.svg` files;
/// - compared runs' subfolders, each with a plain name (``RunFolderName``) and itself such a
///   run folder (without further subfolders);
/// - temporaries of earlier mpstudy versions (`.mpstudy-tmp-*` files, `.mpstudy-write-probe`).
///
/// A folder with an `inspect.json` is judged as an `mpstudy inspect` report folder instead
/// (``InspectionFolder``), one with a `manifest.json` as a capture folder of `analyze
/// --dump-tensors` (``CaptureDump``).
///
/// Everything in a run folder is then mpstudy's own, so replacing the folder as a whole
/// (``RunFolderPublisher``) deletes only files mpstudy wrote. A folder with anything else in
/// it (a file of the user's, a symbolic link, a `charts/` with a PNG) is not a run folder.
enum RunFolderContents {
    /// Why the folder at `path` is not a run folder, or nil when it is one. `nested` is for
    /// a compared run's subfolder (no further subfolders).
    static func problem(in path: String, nested: Bool = false) -> String? {
        guard let names = FolderTree.entries(path) else { return "it cannot be read" }
        // An `mpstudy inspect` report folder is mpstudy's too.
        if !nested && names.contains("inspect.json") { return InspectionFolder.problem(in: path, names: names) }
        // So is a capture folder of `analyze --dump-tensors`.
        if !nested && names.contains("manifest.json") { return CaptureDump.problem(in: path, names: names) }
        guard names.contains("run.json") else { return "it has no run.json" }
        guard FolderTree.kind(path + "/run.json") == .file, RunRecordSignature.matches(path + "/run.json") else {
            return "its run.json is not an mpstudy run record"
        }
        var foreign: [String] = []
        for name in names {
            let entry = path + "/" + name
            switch FolderTree.kind(entry) {
            case .file where RunFolderWriter.fileNames.contains(name) || isOldTemporary(name):
                continue
            case .folder where name == RunCharts.folder:
                foreign += foreignCharts(in: entry).map { RunCharts.folder + "/" + $0 }
            case .folder where !nested && RunFolderName.isValid(name):
                if let problem = problem(in: entry, nested: true) {
                    return "its subfolder '\(name)/' is not a compared run: \(problem)"
                }
            default:
                foreign.append(name)
            }
        }
        guard foreign.isEmpty else {
            let shown = foreign.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
            return
                "it holds \(shown)\(foreign.count > 3 ? " and \(foreign.count - 3) more" : ""), which mpstudy does not write"
        }
        return nil
    }

    /// The entries of the `charts/` folder at `path` that are not `.svg` files (`""` when it
    /// cannot be read).
    static func foreignCharts(in path: String) -> [String] {
        (FolderTree.entries(path) ?? [""]).filter { chart in
            !chart.hasSuffix(".svg") || FolderTree.kind(path + "/" + chart) != .file
        }
    }

    /// A temporary file left in a run folder by an mpstudy version that wrote the files of a
    /// run folder in place.
    static func isOldTemporary(_ name: String) -> Bool {
        name == ".mpstudy-write-probe" || name.hasPrefix(TemporaryEntry.Kind.working.prefix)
    }
}

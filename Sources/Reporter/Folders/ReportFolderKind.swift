//===--- ReportFolderKind.swift -------------------------------------------===//
//
// The three kinds of folder mpstudy writes and replaces as a whole.
//
//===----------------------------------------------------------------------===//

/// What an mpstudy output folder holds: an `analyze` (or `inspect --run`) run folder, an
/// `inspect` report, or a capture folder of `analyze --dump-tensors`. Each command replaces
/// only a folder of its own kind, so a mistyped `--dump-dir` never turns a report into a capture.
public enum ReportFolderKind: Sendable, Equatable {
    case run, inspection, capture

    /// The kind of the mpstudy folder whose entries are `names` (by the file that marks it).
    static func of(names: [String]) -> ReportFolderKind {
        names.contains("inspect.json") ? .inspection : names.contains("manifest.json") ? .capture : .run
    }

    /// "an mpstudy run folder", for messages.
    var phrase: String {
        switch self {
        case .run: "an mpstudy run folder"
        case .inspection: "an mpstudy inspect report"
        case .capture: "an mpstudy capture folder"
        }
    }

    /// "a run folder", after "mpstudy wrote".
    var shortPhrase: String {
        switch self {
        case .run: "a run folder"
        case .inspection: "an inspect report"
        case .capture: "a capture folder"
        }
    }

    /// The file that marks a folder of this kind.
    var marker: String {
        switch self {
        case .run: "run.json"
        case .inspection: "inspect.json"
        case .capture: "manifest.json"
        }
    }
}

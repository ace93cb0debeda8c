import ArgumentParser
import Foundation
import Reporter

/// `mpstudy report run.json --output DIR`: rebuilds a run folder from its record, and
/// `mpstudy report --index Reports`: rebuilds the reports folder's README.md.
///
/// Decisions, documented here and in `--help`:
/// - Without `--output` the folder is rebuilt in place (after a Reporter change, this updates
///   a committed report without rerunning the training).
/// - A comparison's `run.json` names its compared runs' subfolders: those are rebuilt too, from
///   their own `run.json` next to the input, into the same subfolders of the output.
/// - Every input is read and checked before anything is written; a compared run's folder
///   must be a plain subfolder name (``RunFolderName``), so a run.json cannot make `report`
///   write outside `--output`.
/// - The output folder follows `analyze`'s rules (``RunFolderTarget``, ``RunFolderPublisher``):
///   new, empty or a run folder mpstudy wrote, replaced as a whole once the new one is complete.
///   Regenerating in place therefore needs the working folder outside the run folder.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Regenerate a run folder from its run.json, or the index of a reports folder.",
        discussion: """
            Every file of a run folder (summary.md, the CSV files, the charts, run.json itself) is a \
            function of run.json: `mpstudy report RUN.json --output DIR` writes them again, byte for \
            byte what `mpstudy analyze` wrote. For a comparison, the compared runs in its subfolders \
            are regenerated too. The output folder must be new, empty, or a run folder mpstudy wrote \
            (replaced as a whole, only once the new one is complete); compared runs' folders named in \
            run.json must be plain subfolder names. \
            `mpstudy report --index Reports` writes Reports/README.md, the table \
            of every run under Reports/ beside the blog's figures, with the hand-written text of \
            Reports/DISCUSSION.md (without that file, the page has no discussion).
            """)

    @Argument(help: "The run.json of the run folder to regenerate.")
    var runJSON: String?

    @Option(
        help:
            "Folder to write: new, empty, or a run folder mpstudy wrote (replaced as a whole). Default: the folder holding run.json."
    )
    var output: String?

    @Option(help: "A reports folder: write its README.md from the run.json of every run folder inside.")
    var index: String?

    func validate() throws {
        switch (runJSON, index) {
        case (nil, nil): throw ValidationError("give a run.json to regenerate, or --index FOLDER")
        case (.some, .some): throw ValidationError("give either a run.json or --index, not both")
        case (nil, .some) where output != nil: throw ValidationError("--output applies to a run.json, not to --index")
        default: break
        }
    }

    func run() throws {
        Interruption.install()
        if let index {
            try writeIndex(index)
            return
        }
        guard let runJSON else { return }
        let folder = (runJSON as NSString).deletingLastPathComponent
        let plans = try RunFolderRegenerator.plan(runJSON: runJSON, output: output ?? (folder.isEmpty ? "." : folder))
        let target = try RunFolderTarget(checking: plans[0].output)
        target.removeAbandonedTemporaries()
        try Interruption.deferring { () throws(ReportWriteError) in
            try RunFolderPublisher.publish(
                plans.map(\.entry), to: target, durable: true, shouldStop: { Interruption.requested })
        }
        Interruption.stopIfRequested()
        print(
            "report: "
                + ([target.path] + plans.dropFirst().map { target.path + "/" + $0.subfolder }).map { "\($0)/" }.joined(
                    separator: ", "))
    }

    private func writeIndex(_ root: String) throws {
        let runs = try ReportIndex.runs(in: root)
        let discussion = try IndexDiscussion.read(in: root)
        let path = try OutputFolder(preparing: root).file("README.md")
        let studies = try IndexedStudy.all(in: root)
        let text = try ReportIndexWriter.readme(runs, studies: studies, discussion: discussion)
        try Interruption.deferring { () throws(ReportWriteError) in try AtomicFile.write(text, to: path) }
        Interruption.stopIfRequested()
        print(
            "index: \(path) (\(runs.count) run\(runs.count == 1 ? "" : "s")"
                + (discussion == nil ? "; no \(IndexDiscussion.fileName), so no discussion)" : ")"))
    }
}

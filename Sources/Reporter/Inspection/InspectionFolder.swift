//===--- InspectionFolder.swift -------------------------------------------===//
//
// The report folder of `mpstudy inspect`, written as one unit like a run folder.
//
//===----------------------------------------------------------------------===//

import Foundation

/// Writes an inspect report folder with the run folders' guarantees (``RunFolderTarget``,
/// ``RunFolderPublisher``): the destination must be new, empty, or a folder mpstudy wrote,
/// and the new folder appears complete or not at all.
public enum InspectionFolder {
    /// Writes `report` as the folder `target`.
    public static func publish(_ report: InspectionReport, to target: RunFolderTarget) throws(ReportWriteError) {
        let texts: [(String, String)] = [
            ("inspect.json", try InspectionFiles.json(report)), ("fits.csv", InspectionFiles.fits(report)),
            ("histograms.csv", InspectionFiles.histograms(report)), ("summary.md", InspectionFiles.summary(report)),
        ]
        _ = try RunFolderPublisher.publishFolder(to: target, durable: false, exchange: true, shouldStop: { false }) {
            (temporary: String) throws(ReportWriteError) -> Bool in
            for (name, text) in texts { try AtomicFile.write(text, to: temporary + "/" + name) }
            let charts = InspectionCharts.list(report)
            if !charts.isEmpty { try OutputFolder.makeDirectories(temporary + "/" + InspectionCharts.folder) }
            for chart in charts {
                try AtomicFile.write(InspectionCharts.svg(chart, report: report), to: temporary + "/" + chart.path)
            }
            return true
        }
    }

    /// The largest inspect.json looked into when recognising a folder.
    static let maximumJSONBytes = 1 << 28

    /// Why the folder at `path` (holding `names`) is not an inspect folder, or nil when it is
    /// one: only the files ``InspectionFiles/names``, a `charts/` folder of `.svg` files, and an
    /// `inspect.json` whose top level has `"mpstudyInspect": 1`.
    static func problem(in path: String, names: [String]) -> String? {
        var foreign: [String] = []
        for name in names {
            let entry = path + "/" + name
            switch FolderTree.kind(entry) {
            case .file where InspectionFiles.names.contains(name): continue
            case .folder where name == InspectionCharts.folder:
                foreign += RunFolderContents.foreignCharts(in: entry).map { name + "/" + $0 }
            default: foreign.append(name)
            }
        }
        guard foreign.isEmpty else {
            return
                "it holds \(foreign.prefix(3).map { "'\($0)'" }.joined(separator: ", ")), which mpstudy does not write"
        }
        let json = path + "/inspect.json"
        guard FolderTree.kind(json) == .file,
            let attributes = try? FileManager.default.attributesOfItem(atPath: json),
            let size = attributes[.size] as? Int, size <= maximumJSONBytes,
            let data = FileManager.default.contents(atPath: json),
            let marker = try? JSONDecoder().decode(Marker.self, from: data), marker.mpstudyInspect == 1
        else { return "its inspect.json is not an mpstudy inspect report" }
        return nil
    }

    private struct Marker: Decodable {
        let mpstudyInspect: Int
    }
}

//===--- IndexedStudy.swift -----------------------------------------------===//
//
// The studies under a reports folder (Reports/studies/*), for its index.
//
//===----------------------------------------------------------------------===//

import Foundation

/// A study under a reports folder whose statistics `mpstudy study` has written.
public struct IndexedStudy: Sendable {
    /// The study folder relative to the reports folder (`studies/blog-policies`).
    public var folder: String
    public var study: StudyFile
    public var results: StudyResults

    /// The studies in `root/studies/`, in name order; a folder without a study.json with
    /// results is left out (a sweep in progress), one with an unreadable study.json refused.
    public static func all(in root: String) throws(ReportReadError) -> [IndexedStudy] {
        let base = root + "/studies"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: base) else { return [] }
        var studies: [IndexedStudy] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = base + "/" + name + "/" + StudyFile.fileName
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let study = try StudyFile.read(at: path)
            guard let results = study.results else { continue }
            studies.append(IndexedStudy(folder: "studies/" + name, study: study, results: results))
        }
        return studies
    }

    /// The comparison of mixed_float16 with float32 at the blog's settings, if this study has one.
    var blogComparison: StudyResults.PolicyDifference? {
        results.differences.first { $0.configuration == "mixed_float16" && $0.baseline == "float32" }
    }

    /// The configuration called `name`.
    func configuration(_ name: String) -> StudyResults.ConfigurationResult? {
        results.configurations.first { $0.configuration == name }
    }
}

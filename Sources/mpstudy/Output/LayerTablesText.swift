//===--- LayerTablesText.swift --------------------------------------------===//
//
// The per-layer tables and findings printed after a run (analyze) or a captured run (inspect).
//
//===----------------------------------------------------------------------===//

import Analyzer
import Reporter

/// What `analyze` and `inspect --run` print once a run's records are complete: a Markdown
/// section per layer (the tables of summary.md) and the findings, one sentence each.
enum LayerTablesText {
    /// The sections of `layers` in `record`, then its findings (none: no heading).
    static func text(_ record: RunRecord, layers: [String]) -> String {
        var text = ""
        for layer in layers {
            text += "\n## \(layer)\n\n" + MarkdownWriter.layerSection(record, layer: layer)
        }
        let findings = Findings.compute(record)
        if !findings.isEmpty {
            text += "\n## Findings\n\n" + findings.map { "- \(FindingText.sentence($0))\n" }.joined()
        }
        return text
    }
}

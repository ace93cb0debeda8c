//===--- QuantizationTotals.swift -----------------------------------------===//
//
// A recipe's GEMM operand of one layer summed over the steps of a run.
//
//===----------------------------------------------------------------------===//

import Analyzer
import Precision

/// One layer's GEMM operand under a recipe, over the steps: the statistics merged (with their
/// histograms, for the charts), the largest amax, the per-tensor scales used and the per-step
/// series. The counterfactual sums are the Analyzer's (``OperandTotals``, in the digest's
/// ``RunTotals``), gathered in the same pass.
struct QuantizationTotals: Sendable {
    let layer: String
    let operand: GEMMOperand
    let element: ElementFormat
    let scheme: String
    var steps = 0
    var statistics = ScaledStatistics()
    var amax: Float = 0
    var lastScale: Float?
    var smallestScale: Float?
    var largestScale: Float?
    /// Per recorded step: its number, the amax, the per-tensor scale and the amax it came from.
    var series: [(step: Int, amax: Float, scale: Float?, scaleAmax: Float?)] = []

    init(_ record: QuantizationRecord) {
        layer = record.layer
        operand = record.operand
        element = record.element
        scheme = record.scheme
    }

    mutating func add(_ record: QuantizationRecord, step: Int) {
        steps += 1
        series.append((step, record.amax, record.scale, record.scaleAmax))
        statistics.merge(record.statistics)
        amax = max(amax, record.amax)
        if let scale = record.scale {
            lastScale = scale
            smallestScale = min(smallestScale ?? scale, scale)
            largestScale = max(largestScale ?? scale, scale)
        }
    }
}

extension MarkdownWriter {
    /// The table of a layer's GEMM operands under a recipe.
    static func quantizationTable(_ totals: [QuantizationTotals]) -> MarkdownTable {
        var table = MarkdownTable(
            headers: [
                "operand", "element", "scaling", "elements", "saturated", "flushed", "subnormal",
                "flushed in block", "clamped blocks", "mean err (u)", "max amax", "scale (last; range)",
            ], alignments: [.left, .left, .left] + Array(repeating: .right, count: 9))
        for t in totals {
            let s = t.statistics
            let scale =
                t.lastScale.map { last in
                    "\(ReportNumber.scale(last)) (\(ReportNumber.scale(t.smallestScale!)) to \(ReportNumber.scale(t.largestScale!)))"
                } ?? "per block"
            table.append([
                MarkdownText.plain(t.operand.rawValue), t.element.rawValue, t.scheme, String(s.count),
                ReportNumber.percent(s.saturated, of: s.count), ReportNumber.percent(s.flushed, of: s.count),
                ReportNumber.percent(s.subnormal, of: s.count), ReportNumber.percent(s.flushedInBlock, of: s.count),
                s.blocks == 0 ? "-" : ReportNumber.percent(s.clampedScales, of: s.blocks),
                ReportNumber.significant(s.meanError), ReportNumber.scale(t.amax), scale,
            ])
        }
        return table
    }

    /// The table of a layer's operands against the recipe's other scaling (rows for the
    /// operands that recorded one): saturated, flushed and mean error, the recipe's then the
    /// counterfactual's, over the same steps.
    static func counterfactualTable(_ totals: [OperandTotals]) -> MarkdownTable {
        var table = MarkdownTable(
            headers: [
                "operand", "compared with", "saturated", "saturated (other)", "flushed", "flushed (other)",
                "mean err (u)", "mean err (u, other)",
            ], alignments: [.left, .left] + Array(repeating: .right, count: 6))
        for t in totals {
            guard let kind = t.counterfactualKind else { continue }
            let a = t.counterfactualActual
            let c = t.counterfactual
            table.append([
                MarkdownText.plain(t.operand.rawValue), kind.phrase,
                ReportNumber.percent(a.saturated, of: a.count), ReportNumber.percent(c.saturated, of: c.count),
                ReportNumber.percent(a.flushed, of: a.count), ReportNumber.percent(c.flushed, of: c.count),
                ReportNumber.significant(a.meanError), ReportNumber.significant(c.meanError),
            ])
        }
        return table
    }
}

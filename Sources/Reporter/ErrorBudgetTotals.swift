//===--- ErrorBudgetTotals.swift ------------------------------------------===//
//
// A layer's GEMM error budget over the checked steps of a run.
//
//===----------------------------------------------------------------------===//

import Analyzer
import NeuralNet

/// One GEMM of one layer over the checked steps: the mean of the steps' medians and the
/// largest of their 99th percentiles, for each part of the error.
struct ErrorBudgetTotals: Sendable {
    let layer: String
    let gemm: GEMMKind
    var checks = 0
    var samples = 0
    var quantizationMedianSum = 0.0
    var quantizationP99 = 0.0
    var accumulationMedianSum = 0.0
    var accumulationP99 = 0.0

    init(layer: String, gemm: GEMMKind) {
        self.layer = layer
        self.gemm = gemm
    }

    mutating func add(_ record: ErrorBudgetRecord) {
        let s = record.summary
        checks += 1
        samples += s.samples
        quantizationMedianSum += s.quantizationMedian
        quantizationP99 = max(quantizationP99, s.quantizationP99)
        accumulationMedianSum += s.accumulationMedian
        accumulationP99 = max(accumulationP99, s.accumulationP99)
    }
}

extension MarkdownWriter {
    /// float32's unit roundoff, the unit of the error budget table.
    static let float32Unit = 0x1p-24

    /// The error budget table of one layer: per GEMM, each part in units of float32's u.
    static func errorBudgetTable(_ totals: [ErrorBudgetTotals]) -> MarkdownTable {
        var table = MarkdownTable(
            headers: [
                "GEMM", "checks", "entries", "operands: median", "operands: p99 (max)", "accumulation: median",
                "accumulation: p99 (max)",
            ], alignments: [.left] + Array(repeating: .right, count: 6))
        func u(_ x: Double) -> String { ReportNumber.significant(x / float32Unit) }
        for t in totals {
            let n = Double(max(t.checks, 1))
            table.append([
                t.gemm.rawValue, String(t.checks), String(t.samples), u(t.quantizationMedianSum / n),
                u(t.quantizationP99),
                u(t.accumulationMedianSum / n), u(t.accumulationP99),
            ])
        }
        return table
    }
}

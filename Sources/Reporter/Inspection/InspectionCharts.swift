//===--- InspectionCharts.swift -------------------------------------------===//
//
// Which tensors of an inspect report get a chart, the charts' safe file names, their SVG.
//
//===----------------------------------------------------------------------===//

import Precision

/// The charts of an inspect report folder: `charts/exponents-<name>-<n>.svg` per tensor
/// (``TensorRangeChart``), where `<name>` is the tensor's name reduced to ASCII letters, digits,
/// `_` and `-` (runs of anything else become one `-`, at most 40 characters) and `<n>` its
/// 1-based position in the report, which makes the names unique. A name from a file can
/// therefore never leave `charts/` (no `/`, no `..`, no control characters).
///
/// A report of more than ``maximumTensorCharts`` tensors charts only that many: those with the
/// largest share of finite nonzero values overflowing or flushed in some target (ties in
/// report order), listed in report order; summary.md says so.
public enum InspectionCharts {
    /// One tensor's chart.
    public struct Chart: Sendable, Equatable {
        /// The tensor's position in ``InspectionReport/tensors``.
        public let tensor: Int
        /// Path relative to the report folder, e.g. `charts/exponents-w-1.svg`.
        public let path: String
        /// The Markdown alt text.
        public let title: String
    }

    /// The subfolder the charts go to.
    public static let folder = RunCharts.folder

    /// The most per-tensor charts a report folder gets.
    public static let maximumTensorCharts = 100

    /// The charts of `report`, in report order.
    public static func list(_ report: InspectionReport) -> [Chart] {
        var chosen = Array(report.tensors.indices.filter { !report.tensors[$0].fits.isEmpty })
        if chosen.count > maximumTensorCharts {
            let worst = chosen.map { (index: $0, share: worstShare(report.tensors[$0])) }
            chosen = worst.sorted { $0.share != $1.share ? $0.share > $1.share : $0.index < $1.index }
                .prefix(maximumTensorCharts).map(\.index).sorted()
        }
        return chosen.map { i in
            Chart(
                tensor: i, path: folder + "/" + fileName(report.tensors[i].name, index: i + 1),
                title: "\(displayName(report, i)): exponents against each format's range")
        }
    }

    /// Tensors with fits that have no chart (beyond the cap).
    public static func uncharted(_ report: InspectionReport) -> Int {
        report.tensors.filter { !$0.fits.isEmpty }.count - list(report).count
    }

    /// The SVG text of `chart`.
    public static func svg(_ chart: Chart, report: InspectionReport) -> String {
        TensorRangeChart(name: displayName(report, chart.tensor), tensor: report.tensors[chart.tensor]).svg()
    }

    /// `exponents-<name>-<index>.svg` (see the type's documentation).
    static func fileName(_ name: String, index: Int) -> String {
        var safe = ""
        for c in RunCharts.fileSafe(name) where !(c == "-" && (safe.isEmpty || safe.hasSuffix("-"))) {
            safe.append(c)
        }
        safe = String(safe.prefix(40))
        while safe.hasSuffix("-") { safe.removeLast() }
        return "exponents-" + (safe.isEmpty ? "" : safe + "-") + String(index) + ".svg"
    }

    /// The tensor as the table names it: `file:tensor` when several files were read.
    static func displayName(_ report: InspectionReport, _ i: Int) -> String {
        let t = report.tensors[i]
        return report.files.count > 1 ? "\(t.file):\(t.name)" : t.name
    }

    /// The largest share of finite nonzero values that overflow or flush, over the targets.
    static func worstShare(_ tensor: InspectedTensor) -> Double {
        tensor.fits.map { item in
            let f = item.fit
            return f.finiteNonzero == 0 ? 0 : Double(f.overflow + f.flushed) / Double(f.finiteNonzero)
        }.max() ?? 0
    }
}

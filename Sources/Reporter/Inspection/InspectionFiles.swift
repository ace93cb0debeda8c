//===--- InspectionFiles.swift --------------------------------------------===//
//
// The files of an inspect report folder: summary.md, fits.csv, histograms.csv, inspect.json;
// the charts under charts/ come from InspectionCharts.
//
//===----------------------------------------------------------------------===//

import Analyzer
import Foundation
import Precision

/// The text of each file of an inspect report folder.
public enum InspectionFiles {
    /// The file names, in writing order.
    public static let names = ["inspect.json", "fits.csv", "histograms.csv", "summary.md"]

    public static let fitsHeader = [
        "file", "tensor", "dtype", "shape", "target", "count", "finite_nonzero", "nan", "infinite", "overflow",
        "flushed", "subnormal", "error_count", "mean_error_u", "max_error_u", "amax", "precision", "min_exponent",
        "max_exponent", "min_subnormal_exponent", "scale_exponent", "scale_overflow", "scale_flushed",
        "scale_subnormal", "flushes_fixed",
    ]

    /// One row per tensor and target, full-precision numbers.
    public static func fits(_ report: InspectionReport) -> String {
        var table = CSVTable(header: fitsHeader)
        for t in report.tensors {
            for item in t.fits {
                let f = item.fit
                let r = f.range
                table.append([
                    .text(t.file), .text(t.name), .text(t.elementType),
                    .text(t.shape.map(String.init).joined(separator: "x")),
                    .text(item.target), .count(f.count), .count(f.finiteNonzero), .count(f.nan), .count(f.infinite),
                    .count(f.overflow), .count(f.flushed), .count(f.subnormal), .count(f.errorCount),
                    .double(f.meanErrorU), .double(f.maxErrorU), .float(f.amax), .int(r.precision), .int(r.minExponent),
                    .int(r.maxExponent), .int(r.minSubnormalExponent), f.scale.map { .int($0.exponent) } ?? .empty,
                    f.scale.map { .count($0.overflow) } ?? .empty, f.scale.map { .count($0.flushed) } ?? .empty,
                    f.scale.map { .count($0.subnormal) } ?? .empty, f.flushesFixed.map { .int(Int($0)) } ?? .empty,
                ])
            }
        }
        return table.text
    }

    public static let histogramsHeader = ["file", "tensor", "target", "exponent", "region", "count"]

    /// The nonzero bins of every fit's exponent histogram, with the region of the target's
    /// range each binade falls in (`below_range`, `subnormal`, `normal`, `above_range`, and
    /// `zero` and `nonfinite` for the two special bins, whose exponent is empty).
    public static func histograms(_ report: InspectionReport) -> String {
        var table = CSVTable(header: histogramsHeader)
        for t in report.tensors {
            for item in t.fits {
                let h = item.fit.histogram
                let r = item.fit.range
                for bin in 0..<ExponentHistogram.binCount where h.bins[bin] != 0 {
                    let exponent = ExponentHistogram.exponent(ofBin: bin)
                    let region: String
                    switch bin {
                    case ExponentHistogram.zeroBin: region = "zero"
                    case ExponentHistogram.nonFiniteBin: region = "nonfinite"
                    default:
                        let e = exponent!
                        region =
                            e > r.maxExponent
                            ? "above_range"
                            : e >= r.minExponent ? "normal" : e >= r.minSubnormalExponent ? "subnormal" : "below_range"
                    }
                    table.append([
                        .text(t.file), .text(t.name), .text(item.target), exponent.map { .int($0) } ?? .empty,
                        .text(region), .count(h.bins[bin]),
                    ])
                }
            }
        }
        return table.text
    }

    /// The whole report as JSON (keys sorted, non-finite numbers as strings, as run.json).
    public static func json(_ report: InspectionReport) throws(ReportWriteError) -> String {
        do {
            return String(decoding: try JSONWriter.encoder().encode(report), as: UTF8.self) + "\n"
        } catch {
            throw ReportWriteError(path: "inspect.json", reason: "cannot encode: \(error)")
        }
    }

    /// summary.md: what was read, the table, and how to read it.
    public static func summary(_ report: InspectionReport) -> String {
        var lines = ["# mpstudy inspect", ""]
        lines.append("Files: " + report.files.map { "`\($0)`" }.joined(separator: ", ") + ".")
        lines.append("Targets: " + report.targets.joined(separator: ", ") + ".")
        lines.append(
            "\(report.tensors.count) tensor\(report.tensors.count == 1 ? "" : "s"), "
                + "\(report.tensors.reduce(0) { $0 + ($1.fits.first.map { Int($0.fit.count) } ?? 0) }) elements.")
        lines.append("")
        lines.append(InspectionTable.text(report))
        lines.append(contentsOf: notes)
        lines.append(contentsOf: chartSection(report))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The charts of ``InspectionCharts`` as Markdown images, with what they show and, past the
    /// cap, which tensors were left out.
    static func chartSection(_ report: InspectionReport) -> [String] {
        let charts = InspectionCharts.list(report)
        guard !charts.isEmpty else { return [] }
        var lines = [
            "", "## Charts", "",
            "Each tensor's exponents floor(log2 |x|) against the range of every format and scheme, one row each "
                + "(for MX and NVFP4, of x over its block scale): bars over the shaded regions flushed to 0, subnormal, "
                + "normal and overflow or saturation are the share of the tensor that lands there.",
        ]
        let left = InspectionCharts.uncharted(report)
        if left > 0 {
            lines += [
                "",
                "Charts for \(charts.count) of the \(charts.count + left) tensors: those with the largest share "
                    + "overflowing or flushed in some format (every tensor is in fits.csv and histograms.csv).",
            ]
        }
        for chart in charts {
            lines += ["", "![\(MarkdownText.plain(chart.title))](\(MarkdownText.linkPath(chart.path)))"]
        }
        return lines
    }

    /// How to read the table (the same words as `mpstudy inspect --help`).
    public static let notes = [
        "",
        "Shares are of the finite nonzero elements. overflow: rounded to infinity (half, bfloat16) or "
            + "saturated to ±max (FP8, FP6, FP4 elements, also in MX and NVFP4 blocks); flushed: became zero; "
            + "subnormal: became a nonzero subnormal. Errors are |r - x| / |x| in units of u = 2^-p of the element "
            + "format. exponents: floor(log2 |x|) of the smallest and largest finite nonzero value (of x over its "
            + "block scale for MX and NVFP4); format range: the smallest subnormal's and the largest binade's "
            + "exponents. scale: the power of two 2^k that, multiplied into the whole tensor, flushes least without "
            + "overflowing; flushed at scale: the flushes left then. Values are read as float32 (float64 tensors "
            + "rounded to nearest once); MX and NVFP4 blocks run along the last dimension.",
    ]
}

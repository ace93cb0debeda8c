//===--- InspectionTable.swift --------------------------------------------===//
//
// The table of fits, for the terminal and summary.md.
//
//===----------------------------------------------------------------------===//

import Analyzer
import Precision

/// One row per tensor and target: the shares of the finite nonzero elements that overflow
/// (or saturate), flush to zero and become subnormal, the rounding error in units of u, the
/// binades the values span against the format's, and the best power-of-two scale with the
/// flushes left at it.
public enum InspectionTable {
    public static let headers = [
        "tensor", "format", "elements", "overflow", "flushed", "subnormal", "mean err (u)", "max err (u)",
        "exponents", "format range", "scale", "flushed at scale",
    ]

    /// The table as padded Markdown (it reads the same in a terminal).
    public static func text(_ report: InspectionReport) -> String {
        var table = MarkdownTable(
            headers: headers, alignments: [.left, .left] + Array(repeating: .right, count: headers.count - 2))
        for tensor in report.tensors {
            let name = report.files.count > 1 ? "\(tensor.file):\(tensor.name)" : tensor.name
            for item in tensor.fits { table.append(row(name, item.target, item.fit)) }
        }
        return table.text
    }

    static func row(_ name: String, _ target: String, _ f: TensorFit) -> [String] {
        let whole = f.finiteNonzero
        func share(_ n: UInt64) -> String { n == 0 ? "0" : "\(ReportNumber.percent(n, of: whole)) (\(n))" }
        let span = exponentSpan(f.histogram).map { "\($0.lowerBound)…\($0.upperBound)" } ?? "-"
        let r = f.range
        var scale = "-"
        var after = "-"
        if let s = f.scale {
            scale = "2^\(s.exponent)"
            after = share(s.flushed) + (s.overflow > 0 ? ", overflow \(s.overflow)" : "")
        }
        return [
            name, target, String(f.count), share(f.overflow), share(f.flushed), share(f.subnormal),
            ReportNumber.significant(f.meanErrorU, digits: 3), ReportNumber.significant(f.maxErrorU, digits: 3), span,
            "\(r.minSubnormalExponent)…\(r.maxExponent)", scale, after,
        ]
    }

    /// floor(log2 |x|) of the smallest and largest finite nonzero values (float32 subnormals
    /// as -127); nil without any.
    public static func exponentSpan(_ h: ExponentHistogram) -> ClosedRange<Int>? {
        let bins = (0..<ExponentHistogram.nonFiniteBin).filter { h.bins[$0] != 0 }
        guard let low = bins.first, let high = bins.last else { return nil }
        return ExponentHistogram.exponent(ofBin: low)!...ExponentHistogram.exponent(ofBin: high)!
    }
}

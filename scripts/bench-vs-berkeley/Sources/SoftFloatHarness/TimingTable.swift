import Foundation

/// The Markdown table of interleaved timings: per cell the median, minimum and maximum Mops/s of
/// each implementation over the rounds, and the median of the per-round ratios SoftFloat/Berkeley
/// (each round ran both back to back, so its ratio saw about the same load).
enum TimingTable {
    /// One timing line: `impl round operation format set mops checksum`, tab-separated.
    struct Line {
        var impl: String, round: Int, cell: String, mops: Double, checksum: String
    }

    static func parse(_ text: String) throws -> [Line] {
        try text.split(separator: "\n").map { row in
            let f = row.split(separator: "\t").map(String.init)
            guard f.count == 7, let round = Int(f[1]), let mops = Double(f[5]) else {
                throw HarnessError("bad timing line: \(row)")
            }
            return Line(impl: f[0], round: round, cell: "\(f[2])\t\(f[3])\t\(f[4])", mops: mops, checksum: f[6])
        }
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    static func geometricMean(_ xs: [Double]) -> Double { exp(xs.map(log).reduce(0, +) / Double(xs.count)) }

    /// The table, one row per cell in the order of `cells` (`operation\tformat\tset`), then the
    /// geometric means per data set and overall; notes on checksum disagreements last.
    static func render(_ lines: [Line], cells: [String], reference: String = "berkeley") -> String {
        var out =
            "| op | format | data set | Berkeley Mops/s median (min–max) | SoftFloat Mops/s median (min–max) | ratio |\n"
        out += "|---|---|---|---:|---:|---:|\n"
        var ratios: [String: [Double]] = [:]  // per set
        var bMedians: [String: [Double]] = [:]
        var sMedians: [String: [Double]] = [:]
        var notes: [String] = []
        func cellText(_ xs: [Double]) -> String {
            String(format: "%.1f (%.1f–%.1f)", median(xs), xs.min()!, xs.max()!)
        }
        for cell in cells {
            let b = lines.filter { $0.impl == reference && $0.cell == cell }
            let s = lines.filter { $0.impl == "softfloat" && $0.cell == cell }
            guard !b.isEmpty, !s.isEmpty else { continue }
            let perRound = s.compactMap { x in b.first { $0.round == x.round }.map { x.mops / $0.mops } }
            let ratio = median(perRound.isEmpty ? [median(s.map(\.mops)) / median(b.map(\.mops))] : perRound)
            let f = cell.split(separator: "\t").map(String.init)
            out += "| \(f[0]) | \(f[1]) | \(f[2]) | \(cellText(b.map(\.mops))) | \(cellText(s.map(\.mops))) | "
            out += String(format: "%.2fx |\n", ratio)
            ratios[f[2], default: []].append(ratio)
            bMedians[f[2], default: []].append(median(b.map(\.mops)))
            sMedians[f[2], default: []].append(median(s.map(\.mops)))
            if Set(b.map(\.checksum) + s.map(\.checksum)).count > 1 {
                notes.append("checksums of the timed results differ for \(f.joined(separator: " "))")
            }
        }
        let sets = ratios.keys.sorted { $0 == "narrow" || $1 != "narrow" && $0 < $1 }
        for set in sets + ["all"] {
            let pick: ([String: [Double]]) -> [Double] = { d in set == "all" ? sets.flatMap { d[$0]! } : d[set]! }
            out += "| **geometric mean** | | \(set) | \(String(format: "%.1f", geometricMean(pick(bMedians)))) | "
            out += "\(String(format: "%.1f", geometricMean(pick(sMedians)))) | "
            out += String(format: "**%.2fx** |\n", geometricMean(pick(ratios)))
        }
        for n in notes { out += "\nWARNING: \(n)" }
        return out
    }
}

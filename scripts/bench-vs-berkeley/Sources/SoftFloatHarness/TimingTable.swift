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
    /// geometric means per data set and overall; notes on checksum disagreements last. Lines of
    /// `mpstudy` (`mpstudy bench softfloat --timing-lines`) add two columns: its Mops/s and the
    /// median per-round ratio mpstudy/SoftFloat harness.
    static func render(_ lines: [Line], cells: [String]) -> String {
        let withBench = lines.contains { $0.impl == "mpstudy" }
        var out =
            "| op | format | data set | Berkeley Mops/s median (min–max) | SoftFloat Mops/s median (min–max) | ratio |"
        out += withBench ? " mpstudy bench Mops/s median (min–max) | bench / harness |\n" : "\n"
        out += "|---|---|---|---:|---:|---:|" + (withBench ? "---:|---:|\n" : "\n")
        var sets: [String] = []
        var columns: [String: [String: [Double]]] = [:]  // column -> set -> values
        var notes: [String] = []
        func cellText(_ xs: [Double]) -> String {
            String(format: "%.1f (%.1f–%.1f)", median(xs), xs.min()!, xs.max()!)
        }
        /// Median over rounds of x/y, pairing each round's lines.
        func ratio(_ x: [Line], _ y: [Line]) -> Double {
            let perRound = x.compactMap { a in y.first { $0.round == a.round }.map { a.mops / $0.mops } }
            return median(perRound.isEmpty ? [median(x.map(\.mops)) / median(y.map(\.mops))] : perRound)
        }
        for cell in cells {
            let b = lines.filter { $0.impl == "berkeley" && $0.cell == cell }
            let s = lines.filter { $0.impl == "softfloat" && $0.cell == cell }
            let m = lines.filter { $0.impl == "mpstudy" && $0.cell == cell }
            guard !b.isEmpty, !s.isEmpty else { continue }
            let f = cell.split(separator: "\t").map(String.init)
            if !sets.contains(f[2]) { sets.append(f[2]) }
            var values = [
                ("berkeley", median(b.map(\.mops))), ("softfloat", median(s.map(\.mops))), ("ratio", ratio(s, b)),
            ]
            out += "| \(f[0]) | \(f[1]) | \(f[2]) | \(cellText(b.map(\.mops))) | \(cellText(s.map(\.mops))) | "
            out += String(format: "%.2fx |", ratio(s, b))
            if withBench {
                if m.isEmpty {
                    out += " – | – |"
                } else {
                    out += " \(cellText(m.map(\.mops))) | " + String(format: "%.2fx |", ratio(m, s))
                    values += [("mpstudy", median(m.map(\.mops))), ("bench", ratio(m, s))]
                }
            }
            out += "\n"
            for (column, v) in values { columns[column, default: [:]][f[2], default: []].append(v) }
            if Set(b.map(\.checksum) + s.map(\.checksum) + m.map(\.checksum)).count > 1 {
                notes.append("checksums of the timed results differ for \(f.joined(separator: " "))")
            }
        }
        for set in sets + ["all"] {
            func mean(_ column: String) -> Double {
                let byset = columns[column, default: [:]]
                return geometricMean(set == "all" ? sets.flatMap { byset[$0, default: []] } : byset[set, default: []])
            }
            out += "| **geometric mean** | | \(set) | \(String(format: "%.1f", mean("berkeley"))) | "
            out += "\(String(format: "%.1f", mean("softfloat"))) | " + String(format: "**%.2fx** |", mean("ratio"))
            if withBench { out += String(format: " %.1f | **%.2fx** |", mean("mpstudy"), mean("bench")) }
            out += "\n"
        }
        for n in notes { out += "\nWARNING: \(n)" }
        return out
    }
}

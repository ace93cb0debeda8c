//===--- SeedList.swift ---------------------------------------------------===//
//
// `--seeds 0-9`, `--seeds 0,3,7`, `--seeds 0-4,10-12`: the seeds of a study.
//
//===----------------------------------------------------------------------===//

/// The seeds of a study as the command line writes them: comma-separated items, each a seed
/// or an ascending range `a-b` (both ends included).
public enum SeedList {
    /// Why `text` is not a seed list.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// At most this many seeds (a typo like `0-1000000000` must not build a billion runs).
    public static let maximumCount = 100_000

    /// The seeds of `text`, in the order written; a repeated seed is refused.
    public static func parse(_ text: String) throws(ParseError) -> [UInt64] {
        var seeds: [UInt64] = []
        var seen = Set<UInt64>()
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
        for item in items {
            let part = item.trimmingSpaces
            guard !part.isEmpty else { throw ParseError(description: "seeds '\(text)': an empty item") }
            let ends = part.split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count <= 2, let low = UInt64(ends[0]), ends.count == 1 || UInt64(ends[1]) != nil else {
                throw ParseError(
                    description: "seeds '\(text)': '\(part)' is not a seed (0 to \(UInt64.max)) or a range like 0-9")
            }
            let high = ends.count == 2 ? UInt64(ends[1])! : low
            guard low <= high else {
                throw ParseError(
                    description: "seeds '\(text)': the range \(low)-\(high) runs backwards; write \(high)-\(low)")
            }
            guard high - low < UInt64(maximumCount) - UInt64(seeds.count) else {
                throw ParseError(description: "seeds '\(text)': more than \(maximumCount) seeds")
            }
            for seed in low...high {
                guard seen.insert(seed).inserted else {
                    throw ParseError(description: "seeds '\(text)': seed \(seed) is listed twice")
                }
                seeds.append(seed)
            }
        }
        return seeds
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}

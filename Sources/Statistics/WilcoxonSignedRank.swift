//===--- WilcoxonSignedRank.swift -----------------------------------------===//
//
// The Wilcoxon signed-rank test of paired differences, exact or normal approximation.
//
//===----------------------------------------------------------------------===//

import Foundation

/// The Wilcoxon signed-rank test of "the paired differences are symmetric about 0", two-sided.
///
/// Conventions (those of `scipy.stats.wilcoxon` with `zero_method="wilcox"`, so a reader can
/// check a result there):
/// - zero differences are dropped, and n counts the rest;
/// - |d| are ranked 1…n, tied values (exactly equal doubles) share their mean rank;
/// - the statistic W⁺ is the sum of the ranks of the positive differences, and the reported
///   ``statistic`` is min(W⁺, W⁻);
/// - exact (n ≤ ``exactLimit``): the p-value is 2·min(P(W⁺ ≤ w), P(W⁺ ≥ w)), capped at 1,
///   under the distribution of W⁺ when each rank's sign is + or - with probability 1/2. With
///   ties this is the exact distribution *given the tied ranks* (a permutation test: every
///   one of the 2ⁿ sign patterns counted), which is what `scipy.stats.wilcoxon(...,
///   method=PermutationMethod())` computes;
/// - otherwise the normal approximation without continuity correction: z = (W⁺ - n(n+1)/4) /
///   σ with σ² = n(n+1)(2n+1)/24 - Σ(t³ - t)/48 over groups of t tied ranks, p = 2·Φ(-|z|)
///   (scipy's `method="approx"`).
public struct WilcoxonSignedRank: Sendable, Equatable, Codable {
    /// How the p-value was obtained.
    public enum Method: String, Sendable, Codable {
        case exact
        case normalApproximation = "normal approximation"
    }

    /// The number of nonzero differences.
    public let count: Int
    /// The number of differences that were exactly zero (dropped).
    public let zeros: Int
    /// Sum of the ranks of the positive differences.
    public let positiveRankSum: Double
    /// min(W⁺, W⁻).
    public let statistic: Double
    /// Two-sided p-value; 1 when every difference is zero.
    public let pValue: Double
    public let method: Method

    /// Up to this many nonzero differences the p-value is exact (2⁵⁰ patterns are counted
    /// exactly in a Double's 53 bits by the dynamic programme).
    public static let exactLimit = 50

    /// The test of `differences` (finite values).
    public init(differences: [Double]) {
        let nonzero = differences.filter { $0 != 0 }
        zeros = differences.count - nonzero.count
        count = nonzero.count
        guard count > 0 else {
            positiveRankSum = 0
            statistic = 0
            pValue = 1
            method = .exact
            return
        }
        // Doubled mid-ranks are integers: tied values at sorted positions i…j (1-based) have
        // mid-rank (i + j) / 2, doubled i + j.
        let order = nonzero.indices.sorted { abs(nonzero[$0]) < abs(nonzero[$1]) }
        var doubledRank = [Int](repeating: 0, count: count)
        var tieGroups: [Int] = []
        var start = 0
        while start < count {
            var end = start
            while end + 1 < count && abs(nonzero[order[end + 1]]) == abs(nonzero[order[start]]) { end += 1 }
            for position in start...end { doubledRank[order[position]] = (start + 1) + (end + 1) }
            tieGroups.append(end - start + 1)
            start = end + 1
        }
        let doubledPositive = nonzero.indices.filter { nonzero[$0] > 0 }.reduce(0) { $0 + doubledRank[$1] }
        let doubledTotal = count * (count + 1)
        positiveRankSum = Double(doubledPositive) / 2
        statistic = Double(min(doubledPositive, doubledTotal - doubledPositive)) / 2

        if count <= Self.exactLimit {
            method = .exact
            // ways[s]: sign patterns whose doubled positive rank sum is s.
            var ways = [Double](repeating: 0, count: doubledTotal + 1)
            ways[0] = 1
            var reach = 0
            for rank in doubledRank {
                reach += rank
                for s in stride(from: reach, through: rank, by: -1) { ways[s] += ways[s - rank] }
            }
            let total = ways.reduce(0, +)
            let atMost = ways[0...doubledPositive].reduce(0, +)
            let atLeast = ways[doubledPositive...].reduce(0, +)
            pValue = min(1, 2 * min(atMost, atLeast) / total)
        } else {
            method = .normalApproximation
            let n = Double(count)
            let mean = n * (n + 1) / 4
            let tieCorrection = tieGroups.reduce(0.0) { $0 + Double($1 * $1 * $1 - $1) } / 48
            let variance = n * (n + 1) * (2 * n + 1) / 24 - tieCorrection
            let z = variance > 0 ? (positiveRankSum - mean) / variance.squareRoot() : 0
            pValue = min(1, erfc(abs(z) / 2.0.squareRoot()))
        }
    }
}

import Foundation
import Testing
@testable import Statistics

/// The statistics of studies against values derived by hand (derivations in the comments) and
/// against scipy 1.17.1 (`scipy.stats.t`, `scipy.stats.wilcoxon`; the inputs and calls are in
/// `scripts/check-study-stats.py --reference`, which prints these numbers), to 1e-9 or better.
@Suite struct StatisticsTests {
    /// |a - b| ≤ tolerance · max(1, |b|).
    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(b))
    }

    /// Mean and standard deviation by hand: [1, 2, 3, 4] has mean 10/4 = 2.5 and squared
    /// deviations 2.25 + 0.25 + 0.25 + 2.25 = 5, so s² = 5/3. The interval's half-width is
    /// t(0.975, 3) · s / 2 with t(0.975, 3) = 3.1824463052837078 (scipy.stats.t.ppf).
    @Test func summaryOfFourValues() throws {
        let summary = SampleSummary([1, 2, 3, 4])
        #expect(summary.count == 4)
        #expect(summary.mean == 2.5)
        let sd = try #require(summary.standardDeviation)
        #expect(Self.close(sd, (5.0 / 3).squareRoot()))
        let interval = try #require(summary.interval)
        let half = 3.1824463052837078 * (5.0 / 3).squareRoot() / 2
        #expect(Self.close(interval.lowerBound, 2.5 - half))
        #expect(Self.close(interval.upperBound, 2.5 + half))
    }

    /// One value has no spread and no interval.
    @Test func oneValueHasNoInterval() {
        let summary = SampleSummary([0.9118])
        #expect(summary.mean == 0.9118)
        #expect(summary.standardDeviation == nil)
        #expect(summary.interval == nil)
    }

    /// Five accuracies (float32 seeds of the case study's scale), against numpy and scipy:
    /// mean 0.8935000000000001, sd (ddof 1) 0.041825530480796076, interval
    /// [0.8415667445962214, 0.9454332554037788].
    @Test func summaryAgainstScipy() throws {
        let summary = SampleSummary([0.9118, 0.8199, 0.9207, 0.9001, 0.9150])
        #expect(Self.close(summary.mean, 0.8935000000000001))
        #expect(Self.close(try #require(summary.standardDeviation), 0.041825530480796076, 1e-12))
        let interval = try #require(summary.interval)
        #expect(Self.close(interval.lowerBound, 0.8415667445962214, 1e-12))
        #expect(Self.close(interval.upperBound, 0.9454332554037788, 1e-12))
    }

    /// Quantiles and the distribution function against scipy.stats.t. By hand for ν = 1 (the
    /// Cauchy distribution): F(t) = 1/2 + atan(t)/π, so t(0.975, 1) = tan(0.475π); ν = 2:
    /// F(t) = 1/2 + t / (2 √(2 + t²)), so t(0.975, 2) solves t/√(2 + t²) = 0.95: t² =
    /// 2·0.9025/0.0975.
    @Test(arguments: [
        (1.0, 12.706204736174694, 0.8128329581890011),
        (2.0, 4.302652729749462, 0.8638034375544994),
        (4.0, 2.7764451051977934, 0.896),
        (7.0, 2.364624251592784, 0.911350756505015),
        (9.0, 2.262157162798205, 0.9160746719714625),
        (29.0, 2.045229642132703, 0.9277881519798071),
    ])
    func studentTAgainstScipy(nu: Double, quantile: Double, cdfAtOneAndAHalf: Double) {
        let t = StudentT(degreesOfFreedom: nu)
        #expect(Self.close(t.quantile(0.975), quantile, 1e-11), "nu \(nu): \(t.quantile(0.975))")
        #expect(Self.close(t.cdf(1.5), cdfAtOneAndAHalf, 1e-12), "nu \(nu): \(t.cdf(1.5))")
        #expect(Self.close(t.quantile(0.025), -quantile, 1e-11))
        #expect(t.cdf(0) == 0.5)
    }

    @Test func studentTByHand() {
        #expect(Self.close(StudentT(degreesOfFreedom: 1).quantile(0.975), tan(0.475 * Double.pi), 1e-11))
        #expect(Self.close(StudentT(degreesOfFreedom: 2).quantile(0.975), (2 * 0.9025 / 0.0975).squareRoot(), 1e-11))
        // F(1) for ν = 1: 1/2 + atan(1)/π = 3/4.
        #expect(Self.close(StudentT(degreesOfFreedom: 1).cdf(1), 0.75, 1e-14))
    }

    /// By hand: d = [1, -2, 3, 4, 5] has ranks 1…5 and W⁺ = 1 + 3 + 4 + 5 = 13, W⁻ = 2. Of the
    /// 2⁵ = 32 sign patterns, W⁺ ≤ 2 for {}, {1}, {2}: 3, and by symmetry W⁺ ≥ 13 for 3, so
    /// p = 2 · 3/32 = 0.1875 (scipy: statistic 2.0, pvalue 0.1875).
    @Test func signedRankExactByHand() {
        let test = WilcoxonSignedRank(differences: [1, -2, 3, 4, 5])
        #expect(test.count == 5)
        #expect(test.positiveRankSum == 13)
        #expect(test.statistic == 2)
        #expect(test.pValue == 0.1875)
        #expect(test.method == .exact)
    }

    /// Ties and a zero, by hand: the zero is dropped (n = 6); |d| = 0.5, 0.5, 1, 2, 2, 3 have
    /// ranks 1.5, 1.5, 3, 4.5, 4.5, 6; W⁺ = 1.5 + 3 + 4.5 + 4.5 = 13.5, W⁻ = 7.5. Counting the 64
    /// sign patterns of the doubled ranks {3, 3, 6, 9, 9, 12} (sum 42) with doubled sum ≥ 27 gives
    /// 21, and ≤ 27 gives 46, so p = 2·21/64 = 0.65625 (scipy with PermutationMethod():
    /// statistic 7.5, pvalue 0.65625).
    @Test func signedRankWithTiesAndZero() {
        let test = WilcoxonSignedRank(differences: [0.5, -0.5, 1, 2, 0, 2, -3])
        #expect(test.count == 6)
        #expect(test.zeros == 1)
        #expect(test.positiveRankSum == 13.5)
        #expect(test.statistic == 7.5)
        #expect(test.pValue == 0.65625)
    }

    /// Every difference zero: nothing to test, p = 1.
    @Test func allZeroDifferences() {
        let test = WilcoxonSignedRank(differences: [0, 0, 0])
        #expect(test.count == 0 && test.zeros == 3)
        #expect(test.pValue == 1)
    }

    /// Sixty differences with many ties (rounded to 0.1), normal approximation without continuity
    /// correction, against scipy.stats.wilcoxon(d, method="approx", correction=False):
    /// statistic 761.0, pvalue 0.34877545777274277.
    @Test func signedRankNormalApproximationAgainstScipy() {
        let d: [Double] = [
            0.3, 0.6, 0.0, -0.6, -0.2, -0.7, 0.4, 1.6, -0.2, -0.3, 0.8, 0.7, 0.4, -0.6, 0.3, 1.0, -1.0, -0.2, -1.6,
            -1.0, -1.5, 0.1, -1.0, 0.6, 0.5, 0.1, -2.2, -0.2, 0.3, 0.4, -1.2, -0.2, -0.7, -0.5, 1.4, -0.5, 0.3, 1.2,
            -0.3, 0.2, 0.4, 0.4, -0.9, 0.4, 1.7, -1.2, 1.2, 0.4, -0.3, 2.3, 1.1, -0.9, 0.4, 0.9, 0.1, 1.0, 0.2, 1.0,
            1.7, -0.4,
        ]
        let test = WilcoxonSignedRank(differences: d)
        #expect(test.count == 59)
        #expect(test.method == .normalApproximation)
        #expect(test.statistic == 761)
        #expect(Self.close(test.pValue, 0.34877545777274277, 1e-12), "\(test.pValue)")
    }

    /// The exact distribution is symmetric and sums to 2ⁿ: for n = 10 distinct ranks, the
    /// one-sided P(W⁺ ≤ 0) is 1/1024, so all ten differences positive give p = 2/1024.
    @Test func allPositiveGivesTheSmallestExactP() {
        let test = WilcoxonSignedRank(differences: (1...10).map(Double.init))
        #expect(test.pValue == 2.0 / 1024)
        #expect(test.statistic == 0)
    }

    /// The verdict follows the interval: differences all near +1 give an interval above 0;
    /// scattered around 0 give none.
    @Test func verdictFollowsTheInterval() {
        #expect(PairedComparison(differences: [0.9, 1.1, 1.0, 1.05, 0.95]).verdict == .higher)
        #expect(PairedComparison(differences: [-0.9, -1.1, -1.0, -1.05, -0.95]).verdict == .lower)
        #expect(PairedComparison(differences: [1, -1, 0.5, -0.4]).verdict == .undetermined)
        #expect(PairedComparison(differences: [3]).verdict == .undetermined)
    }
}

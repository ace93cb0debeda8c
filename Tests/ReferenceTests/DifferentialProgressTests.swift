import Foundation
import Reference
import SoftFloat
import Testing

/// What the progress hooks of the differential sweeps are told (verify's progress lines):
/// every case exactly once, in the chunks the sweep runs, from whichever thread ran the chunk;
/// and the announced totals match the cases the sweeps check. Totals derived by hand below.
@Suite struct DifferentialProgressTests {
    /// Collects the counts the hooks report, from any thread.
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [Int] = []
        func add(_ n: Int) { lock.withLock { counts.append(n) } }
        var calls: Int { lock.withLock { counts.count } }
        var total: Int { lock.withLock { counts.reduce(0, +) } }
        var sorted: [Int] { lock.withLock { counts.sorted() } }
    }

    /// 40,000 random cases in chunks of 2^14: 16,384 + 16,384 + 7,232.
    @Test func randomCheckReportsEachChunk() {
        let tally = Tally()
        let report = FormatKind.binary16.differentialCheck(
            .add, rounding: .toNearestOrEven, tininess: .afterRounding,
            count: 40_000, seed: 3, progress: tally.add)
        #expect(report.cases == 40_000 && report.mismatchCount == 0)
        #expect(tally.sorted == [7_232, 16_384, 16_384])
    }

    /// Every E4M3 pair: 256 first operands, 256 cases each.
    @Test func fp8PairSweepReportsEachFirstOperand() {
        let tally = Tally()
        let report = sweepSmallFormatPairs(
            Float8E4M3.self, .mul, rounding: .towardZero, tininess: .beforeRounding,
            progress: tally.add)
        #expect(report.cases == 65_536 && report.mismatchCount == 0)
        #expect(tally.calls == 256 && tally.total == 65_536 && tally.sorted.allSatisfy { $0 == 256 })
    }

    /// One first operand of binary16 against every second one: one chunk of 2^16 cases.
    @Test func binary16PairSweepReportsItsChunk() {
        let tally = Tally()
        let report = sweepBinary16Pairs(
            .div, oracle: HardwareBinary16Oracle(), firstOperands: 0x3C00...0x3C00,
            progress: tally.add)
        #expect(report.cases == 65_536 && report.mismatchCount == 0)
        #expect(tally.sorted == [65_536])
    }

    /// Every E5M2 encoding (256) to every format. Settings per target: to E4M3 (fewer
    /// exponent bits: narrowing, no infinities) 5 attributes · 2 tininess rules + 5 saturating
    /// = 15; to E5M2 itself and to every wider format (not narrowing, with infinities) 5; to
    /// each of the four MX formats (E2M3, E3M2, E2M1, E8M0: fewer fraction bits, no
    /// infinities) 15. 15 + 5 · 5 + 4 · 15 = 100 settings · 256 inputs = 25,600 cases.
    @Test func conversionSweepReportsEveryCaseAndCountsThem() {
        let tally = Tally()
        let reports = sweepConversions(from: Float8E5M2.self, progress: tally.add)
        let cases = reports.map(\.report.cases).reduce(0, +)
        #expect(conversionSweepCases(from: Float8E5M2.self) == 25_600)
        #expect(cases == 25_600 && tally.total == 25_600)
        #expect(reports.allSatisfy { $0.report.mismatchCount == 0 }, "\(reports.map(\.label))")
        // binary16 to bfloat16 alone: narrowing (fewer fraction bits), infinities: 10 settings.
        #expect(conversionSweepCases(from: Binary16.self, to: [.bfloat16]) == 10 << 16)
    }
}

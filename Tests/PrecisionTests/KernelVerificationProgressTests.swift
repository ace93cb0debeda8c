import Foundation
import Precision
import Testing

/// `KernelVerification.run` tells its progress hook (verify --kernels' progress line) the
/// inputs of every block of 2^16 patterns it checked, once each, from the checking thread.
@Suite struct KernelVerificationProgressTests {
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [Int] = []
        func add(_ n: Int) { lock.withLock { counts.append(n) } }
        var sorted: [Int] { lock.withLock { counts.sorted() } }
    }

    /// Patterns 0x3880_0000 - 100 ... 0x3880_0000 + 2·2^16 + 99 lie in four blocks of 2^16
    /// (block boundaries are multiples of 2^16): the last 100 of one block, two whole blocks,
    /// and the first 100 of the next.
    @Test func everyBlockIsReportedOnce() {
        let tally = Tally()
        let low: UInt64 = 0x3880_0000 - 100
        let high: UInt64 = 0x3880_0000 + 2 * 65_536 + 99
        let report = KernelVerification.run(
            .float16, rounder: TensorRounder(threads: 2), patterns: low...high,
            progress: tally.add)
        #expect(report.inputs == 2 * 65_536 + 200 && report.mismatchCount == 0)
        #expect(tally.sorted == [100, 100, 65_536, 65_536])
    }
}

import Bench
import Foundation
import SoftFloat
import Testing

/// The cell list both harnesses share, and the SoftFloat runner's two loops.
@Suite struct BenchCellTests {
    /// scripts/bench-vs-berkeley/harness.c, whose cell table must list `BenchCell.all`'s cells of
    /// one distribution in the same order with the same result widths (results files depend on it).
    @Test func theCHarnessListsTheSameCellsInTheSameOrder() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let source = try String(
            contentsOf: root.appendingPathComponent("scripts/bench-vs-berkeley/harness.c"), encoding: .utf8)
        let table = try #require(source.components(separatedBy: "static const struct cell cells[] = {").last)
            .components(separatedBy: "};")[0]
        let entries = table.matches(of: /\{"([a-z]+)", "([a-z0-9>-]+)", ([248]),/).map {
            "\($0.1) \($0.2) \($0.3)"
        }
        let narrow = BenchCell.all.filter { $0.distribution == .narrow }
        #expect(entries == narrow.map { "\($0.operation) \($0.format) \($0.resultByteWidth)" })
        #expect(
            BenchCell.all.map(\.distribution) == Array(repeating: .narrow, count: 24)
                + Array(repeating: .full, count: 24))
    }

    @Test func checkingAndTimedPassesGiveTheSameResultsAsTheOperations() {
        let set = OperandSet(count: 2000, .full, seed: 3)
        let timed = UnsafeMutableRawPointer.allocate(byteCount: 8 * 2000, alignment: 16)
        let checked = UnsafeMutableRawPointer.allocate(byteCount: 8 * 2000, alignment: 16)
        let flags = UnsafeMutablePointer<UInt8>.allocate(capacity: 2000)
        defer {
            timed.deallocate()
            checked.deallocate()
            flags.deallocate()
        }
        for cell in BenchCell.all where cell.distribution == .full {
            let accumulated = SoftFloatRunner.pass(cell, set, into: timed)
            SoftFloatRunner.check(cell, set, into: checked, flags: flags)
            #expect(memcmp(timed, checked, 2000 * cell.resultByteWidth) == 0, "\(cell)")
            #expect((0..<2000).reduce(UInt8(0)) { $0 | flags[$1] } == accumulated, "\(cell)")
        }
        // Spot checks against the operations themselves.
        SoftFloatRunner.check(BenchCell(.arithmetic(.fma, .binary32), .full), set, into: checked, flags: flags)
        for i in [0, 7, 1999] {
            var env = FloatEnvironment()
            let r = set.single.a[i].fusedMultiplyAdd(set.single.b[i], set.single.c[i], in: &env)
            #expect(checked.load(fromByteOffset: 4 * i, as: UInt32.self) == r.bits && flags[i] == env.flags.rawValue)
        }
        SoftFloatRunner.check(BenchCell(.conversion(.f64ToF16), .full), set, into: checked, flags: flags)
        for i in [1, 500] {
            var env = FloatEnvironment()
            let r = set.double.a[i].converted(to: Binary16.self, in: &env)
            #expect(checked.load(fromByteOffset: 2 * i, as: UInt16.self) == r.bits && flags[i] == env.flags.rawValue)
        }
    }
}

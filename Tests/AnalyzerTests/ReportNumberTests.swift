import Testing
@testable import Analyzer

/// Numbers for people in reports: significant digits, percentages, loss scales, metrics.
@Suite struct ReportNumberTests {
    @Test func significantDigits() {
        #expect(ReportNumber.significant(0.0071234) == "0.0071")
        #expect(ReportNumber.significant(32768) == "32768")
        #expect(ReportNumber.significant(0.099996) == "0.1")
        #expect(ReportNumber.significant(9.96) == "10")
        #expect(ReportNumber.significant(0) == "0")
        #expect(ReportNumber.significant(-1.25) == "-1.3", "1.25 is an exact tie: away from zero")
        #expect(ReportNumber.significant(1e16) == "1e+16", "from 10^15 on, the shortest form")
        #expect(ReportNumber.significant(1e15) == "1000000000000000.0", "which is positional below 2^53")
        #expect(ReportNumber.percent(0.007) == "0.7%")
        #expect(ReportNumber.percent(1e-7) == "0.00001%")
        #expect(ReportNumber.percent(3, of: 0) == "0%")
        #expect(ReportNumber.scale(0.5) == "0.5")
        #expect(ReportNumber.scale(32768) == "32768")
        // Float(1e30) is 1000000015047466219876688855040; its shortest Float form is 1e+30.
        #expect(ReportNumber.scale(1e30) == "1e+30")
    }

    /// Keras's four decimals: 0.902 prints 0.9020. 0.92465 is 0.92464999999999997193... in
    /// binary64, but it stands for the decimal tie 0.92465 (its shortest decimal), which goes
    /// away from zero: 0.9247 (Python's `%.4f` rounds the binary value: 0.9246).
    @Test func metrics() {
        #expect(ReportNumber.metric(0.902) == "0.9020")
        #expect(ReportNumber.metric(0.92465) == "0.9247")
        #expect(ReportNumber.metric(2) == "2.0000")
        #expect(ReportNumber.metric(.nan) == "nan")
    }
}

import Reference
import SoftFloat
import Testing

/// Exhaustive binary16 checks. Every input of the unary operations runs here; the 2^32
/// operand pairs of the binary operations run in `mpstudy verify --exhaustive`, and this
/// suite sweeps every second operand for a spread of first operands.
@Suite struct Binary16ExhaustiveTests {
    /// sqrt and the conversions to binary16/32/64 of all 65,536 encodings, against MPFR, in
    /// every rounding attribute and tininess rule.
    ///
    /// Its progress hook (verify's progress line) is told every case, 4096 inputs at a time:
    /// 65,536 inputs · 4 operations · 5 attributes · 2 tininess rules = 2,621,440 cases.
    @Test func everyUnaryInputMatchesMPFR() {
        var told: [Int] = []
        let reports = sweepBinary16Unary { told.append($0) }
        for (label, report) in reports {
            #expect(report.cases == 0x10000 * (label.contains("convert") ? 3 : 1), "\(label)")
            let listing = report.mismatches.map(\.description).joined(separator: "\n")
            #expect(report.mismatchCount == 0, "\(label):\n\(listing)")
        }
        #expect(binary16UnarySweepCases == 2_621_440)
        #expect(told.reduce(0, +) == 2_621_440 && told.count == 16 * 10 && told.allSatisfy { $0 == 4 * 4096 })
        #expect(reports.map(\.report.cases).reduce(0, +) == 2_621_440)
    }

    /// First operands: both zeros, both infinities, NaNs, the subnormal/normal boundary,
    /// 1.0, the largest finite values, and a stride through the rest.
    static let firstOperands: [Int] = Array(
        Set(
            [0x0000, 0x8000, 0x0001, 0x03FF, 0x0400, 0x3C00, 0x3BFF, 0x7BFF, 0xFBFF, 0x7C00, 0xFC00, 0x7C01, 0x7E00]
                + Array(stride(from: 0x0123, through: 0xFFFF, by: 4099)))
    ).sorted()

    @Test(arguments: HardwareBinary16Oracle.Operation.allCases)
    func everySecondOperandMatchesHardware(_ op: HardwareBinary16Oracle.Operation) {
        let oracle = HardwareBinary16Oracle()
        var total = DifferentialReport()
        for a in Self.firstOperands {
            total.merge(sweepBinary16Pairs(op, oracle: oracle, firstOperands: a...a))
        }
        #expect(total.cases == Self.firstOperands.count * 0x10000)
        let listing = total.mismatches.map(\.description).joined(separator: "\n")
        #expect(total.mismatchCount == 0, "\(listing)")
    }
}

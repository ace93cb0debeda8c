import Reference
import SoftFloat
import Testing

/// negate, abs, copySign (IEEE 754-2019 5.5.1) and minimumMagnitude, maximumMagnitude,
/// minimumMagnitudeNumber, maximumMagnitudeNumber (9.6): every encoding (negate, abs) of
/// binary16, bfloat16 and the 8-bit formats, every pair (the other five) of the 8-bit formats,
/// against the MPFR oracle; sign-bit results bit for bit, NaNs included. binary32 and binary64
/// are checked on generated cases by OperationAgreementTests and `verify --op`.
@Suite struct SignAndMagnitudeExhaustiveTests {
    static let pairOperations: [CheckedOperation] = [
        .copySign, .minimumMagnitude, .maximumMagnitude, .minimumMagnitudeNumber, .maximumMagnitudeNumber,
    ]
    static let smallFormats: [FormatKind] = [.e4m3, .e5m2, .e2m3, .e3m2, .e2m1, .e8m0]

    struct Sweep: FormatVisitor {
        var operation: CheckedOperation
        func visit<F: BinaryFormat>(_: F.Type) -> [DifferentialReport] {
            var reports = [sweepSignAndMagnitude(F.self, operation)]
            if operation == .negate && !F.hasSign {
                reports.append(sweepSignAndMagnitude(F.self, operation, saturating: true))
            }
            return reports
        }
    }

    func check(_ format: FormatKind, _ operation: CheckedOperation, cases: Int) {
        for report in format.visit(Sweep(operation: operation)) {
            #expect(report.cases == cases)
            let listing = report.mismatches.map(\.description).joined(separator: "\n")
            #expect(
                report.mismatchCount == 0, "\(format.name) \(operation.rawValue): \(report.mismatchCount)\n\(listing)")
        }
    }

    @Test(arguments: [CheckedOperation.negate, .abs])
    func everyEncoding(_ operation: CheckedOperation) {
        for format in [FormatKind.binary16, .bfloat16] + Self.smallFormats {
            check(format, operation, cases: 1 << format.bitWidth)
        }
    }

    @Test(arguments: pairOperations)
    func everyPair(_ operation: CheckedOperation) {
        for format in Self.smallFormats { check(format, operation, cases: 1 << (2 * format.bitWidth)) }
    }
}

/// Hand-derived sign and magnitude results, checked against SoftFloat and the oracle.
///
/// binary16: 1 = 0x3C00, -1 = 0xBC00, -2 = 0xC000, +inf = 0x7C00, quiet NaN 0x7E00, the
/// signalling NaN with payload 1 is 0x7C01 (quiet bit 0x0200 clear), -0 = 0x8000.
@Suite struct SignAndMagnitudeHandDerivedTests {
    typealias H = SoftFloat16

    func expectBoth<F: BinaryFormat>(
        _ actual: BinaryFloat<F>, _ actualFlags: ExceptionFlags, _ expected: OracleResult<F>,
        _ bits: UInt64, _ flags: ExceptionFlags, nanByNaNness: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let want = BinaryFloat<F>(bits: F.Bits(bits))
        let softFloatOK = actual.bits == want.bits || (nanByNaNness && actual.isNaN && want.isNaN)
        let oracleOK = expected.value.bits == want.bits || (nanByNaNness && expected.value.isNaN && want.isNaN)
        #expect(
            softFloatOK && actualFlags == flags, "SoftFloat \(hex(actual)) [\(actualFlags)]",
            sourceLocation: sourceLocation)
        #expect(oracleOK && expected.flags == flags, "oracle \(expected)", sourceLocation: sourceLocation)
    }

    @Test func signBitOperationsKeepNaNsAsTheyAre() {
        let oracle = Oracle()
        let sNaN = H(bits: 0x7C01)
        var env = FloatEnvironment()
        // negate flips only the sign: the signalling NaN stays signalling, no flag (5.5.1).
        expectBoth(sNaN.negated(in: &env), env.flags, oracle.negate(sNaN), 0xFC01, [])
        expectBoth(H(bits: 0xFC01).absoluteValue, [], oracle.absoluteValue(H(bits: 0xFC01)), 0x7C01, [])
        expectBoth(sNaN.copyingSign(of: H(bits: 0x8000)), [], oracle.copySign(sNaN, H(bits: 0x8000)), 0xFC01, [])
        // copySign(1, -0) = -1; copySign(-1, quiet NaN) = +1 (the NaN's sign bit is clear).
        expectBoth(
            H(bits: 0x3C00).copyingSign(of: H(bits: 0x8000)), [], oracle.copySign(H(bits: 0x3C00), H(bits: 0x8000)),
            0xBC00, [])
        expectBoth(
            H(bits: 0xBC00).copyingSign(of: H(bits: 0x7E00)), [], oracle.copySign(H(bits: 0xBC00), H(bits: 0x7E00)),
            0x3C00, [])
        // E2M1: negate(1) = -1 (0x2 -> 0xA). E8M0: negate(1) has no encoding: NaN, invalid;
        // abs and copySign leave it alone.
        var fp4 = FloatEnvironment()
        let one4 = SoftFloat4E2M1(bits: 0x2)
        expectBoth(one4.negated(in: &fp4), fp4.flags, oracle.negate(one4), 0xA, [])
        var e8 = FloatEnvironment()
        let one8 = SoftFloat8E8M0(bits: 0x7F)
        expectBoth(one8.negated(in: &e8), e8.flags, oracle.negate(one8), 0xFF, .invalid, nanByNaNness: true)
        expectBoth(one8.absoluteValue, [], oracle.absoluteValue(one8), 0x7F, [])
        expectBoth(
            one8.copyingSign(of: SoftFloat8E8M0(bits: 0xFF)), [], oracle.copySign(one8, .init(bits: 0xFF)), 0x7F, [])
    }

    @Test func magnitudeExtrema() {
        let oracle = Oracle()
        func run(
            _ a: UInt16, _ b: UInt16, _ op: (H, H, inout FloatEnvironment) -> H,
            _ reference: (H, H) -> OracleResult<Binary16>, _ bits: UInt64, _ flags: ExceptionFlags,
            sourceLocation: SourceLocation = #_sourceLocation
        ) {
            var env = FloatEnvironment()
            let (x, y) = (H(bits: a), H(bits: b))
            expectBoth(
                op(x, y, &env), env.flags, reference(x, y), bits, flags, nanByNaNness: true,
                sourceLocation: sourceLocation)
        }
        let minMag = { (x: H, y: H, env: inout FloatEnvironment) in x.minimumMagnitude(y, in: &env) }
        let maxMag = { (x: H, y: H, env: inout FloatEnvironment) in x.maximumMagnitude(y, in: &env) }
        let minMagNum = { (x: H, y: H, env: inout FloatEnvironment) in x.minimumMagnitudeNumber(y, in: &env) }
        let maxMagNum = { (x: H, y: H, env: inout FloatEnvironment) in x.maximumMagnitudeNumber(y, in: &env) }
        let oMin = { (x: H, y: H) in oracle.minimumMagnitude(x, y) }
        let oMax = { (x: H, y: H) in oracle.maximumMagnitude(x, y) }
        let oMinNum = { (x: H, y: H) in oracle.minimumMagnitude(x, y, number: true) }
        let oMaxNum = { (x: H, y: H) in oracle.maximumMagnitude(x, y, number: true) }
        // |1| < |-2|: minimumMagnitude 1, maximumMagnitude -2 (not the larger value, 1).
        run(0x3C00, 0xC000, minMag, oMin, 0x3C00, [])
        run(0x3C00, 0xC000, maxMag, oMax, 0xC000, [])
        // Equal magnitudes fall back on minimum/maximum: -1 and 1; -0 and +0.
        run(0x3C00, 0xBC00, minMag, oMin, 0xBC00, [])
        run(0x3C00, 0xBC00, maxMag, oMax, 0x3C00, [])
        run(0x0000, 0x8000, minMag, oMin, 0x8000, [])
        run(0x8000, 0x0000, maxMagNum, oMaxNum, 0x0000, [])
        // A quiet NaN: NaN from minimumMagnitude, no flag; the number from the Number variant.
        run(0x7E00, 0x3C00, minMag, oMin, 0x7E00, [])
        run(0x7E00, 0x3C00, minMagNum, oMinNum, 0x3C00, [])
        // A signalling NaN: invalid either way; minimumMagnitudeNumber still returns 1.
        run(0x7C01, 0x3C00, minMagNum, oMinNum, 0x3C00, .invalid)
        run(0x3C00, 0x7C01, maxMag, oMax, 0x7E01, .invalid)
        // maximumMagnitudeNumber(+inf, NaN) = +inf; two NaNs give a NaN.
        run(0x7C00, 0x7E00, maxMagNum, oMaxNum, 0x7C00, [])
        run(0x7E00, 0xFE00, minMagNum, oMinNum, 0x7E00, [])
    }
}

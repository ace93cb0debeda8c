import Testing
import SoftFloat
@testable import Reference

/// The oracle on values derived by hand (binary16 unless stated: bias 15, p = 11,
/// emin = -14, largest finite 65504 = 0x7BFF, smallest normal 2^-14 = 0x0400, smallest
/// subnormal 2^-24 = 0x0001).
@Suite struct OracleTests {
    let oracle = Oracle()
    let rne = RoundingRule.toNearestOrEven
    typealias Half = SoftFloat16

    func half(_ bits: UInt16) -> Half { Half(bits: bits) }
    func expect<F>(
        _ result: OracleResult<F>, _ bits: F.Bits, _ flags: ExceptionFlags,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(result == OracleResult(value: BinaryFloat(bits: bits), flags: flags), sourceLocation: sourceLocation)
    }
    func expectNaN<F>(
        _ result: OracleResult<F>, _ flags: ExceptionFlags,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(result.value.isNaN && result.flags == flags, "\(result)", sourceLocation: sourceLocation)
    }

    @Test func oneThird() {
        // 1/3 = 1.0101010101|0101... * 2^-2: field 13 = 01101, fraction 0101010101, the rest
        // 0101... is below half an ulp: 0|01101|0101010101 = 0x3555, inexact. Upward: 0x3556.
        expect(oracle.divide(half(0x3C00), half(0x4200), rounding: rne, tininess: .afterRounding), 0x3555, .inexact)
        expect(oracle.divide(half(0x3C00), half(0x4200), rounding: .up, tininess: .afterRounding), 0x3556, .inexact)
    }

    @Test func oneMillionthToHalf() {
        // 1e-6 / 2^-24 = 16.777216: the nearest multiple of 2^-24 is 17 (0x0011); below 2^-14
        // and inexact, so tiny under both rules: underflow|inexact.
        for tininess in Tininess.allCases {
            expect(
                oracle.convert(
                    SoftFloat64(bits: (1e-6).bitPattern), to: Binary16.self, rounding: rne, tininess: tininess),
                0x0011, [.underflow, .inexact])
        }
    }

    @Test func overflowThresholdIsDecidedOnTheUnboundedRounding() {
        // 65504 (0x7BFF, last bit odd) + 16 (0x4C00) = 65520, the midpoint of 65504 and 2^16.
        // Nearest-even picks 2^16 > 65504 with unbounded exponent: overflow, +inf.
        expect(
            oracle.add(half(0x7BFF), half(0x4C00), rounding: rne, tininess: .afterRounding), 0x7C00,
            [.overflow, .inexact])
        expect(
            oracle.add(half(0x7BFF), half(0x4C00), rounding: .toNearestOrAway, tininess: .afterRounding), 0x7C00,
            [.overflow, .inexact])
        expect(
            oracle.add(half(0x7BFF), half(0x4C00), rounding: .up, tininess: .afterRounding), 0x7C00,
            [.overflow, .inexact])
        // Toward zero (and down) the unbounded rounding is 65504 itself, not above the largest
        // finite number: no overflow (IEEE 754-2019 7.4), only inexact.
        expect(
            oracle.add(half(0x7BFF), half(0x4C00), rounding: .towardZero, tininess: .afterRounding), 0x7BFF, .inexact)
        expect(oracle.add(half(0x7BFF), half(0x4C00), rounding: .down, tininess: .afterRounding), 0x7BFF, .inexact)
        // 65504 + 32 (0x5000) = 2^16 exactly: above the largest finite in every direction, so
        // overflow; toward zero delivers the largest finite.
        expect(
            oracle.add(half(0x7BFF), half(0x5000), rounding: .towardZero, tininess: .afterRounding), 0x7BFF,
            [.overflow, .inexact])
    }

    @Test func tinyBeforeRoundingButNotAfter() {
        // 2^-14 * (1 - 2^-12) = 1.11111111111b * 2^-15 (12 ones), binary64 0x3F0FFE0000000000.
        // To 11 bits it is a tie; the even neighbour is 10.0000000000b * 2^-15 = 2^-14: not tiny
        // after rounding. The exact value is below 2^-14: tiny before rounding. In the subnormal
        // grid (units of 2^-24) it is 1023.75 -> 1024: 0x0400, inexact either way.
        let x = SoftFloat64(bits: 0x3F0F_FE00_0000_0000)
        expect(oracle.convert(x, to: Binary16.self, rounding: rne, tininess: .afterRounding), 0x0400, .inexact)
        expect(
            oracle.convert(x, to: Binary16.self, rounding: rne, tininess: .beforeRounding), 0x0400,
            [.underflow, .inexact])
        // Toward zero: 1023 * 2^-24 = 0x03FF, below 2^-14 even after rounding.
        expect(
            oracle.convert(x, to: Binary16.self, rounding: .towardZero, tininess: .afterRounding), 0x03FF,
            [.underflow, .inexact])
    }

    @Test func exactSubnormalRaisesNoUnderflow() {
        // 2 * 2^-24 (0x0002) * 0.5 (0x3800) = 2^-24 = 0x0001 exactly: tiny but exact.
        for tininess in Tininess.allCases {
            expect(oracle.multiply(half(0x0002), half(0x3800), rounding: rne, tininess: tininess), 0x0001, [])
        }
        // 3 * 2^-24 * 0.5 = 1.5 * 2^-24: a tie between 0x0001 and 0x0002, even is 0x0002.
        expect(
            oracle.multiply(half(0x0003), half(0x3800), rounding: rne, tininess: .afterRounding), 0x0002,
            [.underflow, .inexact])
    }

    @Test func halfTheSmallestSubnormal() {
        // 2^-24 * 0.5 = 2^-25, the midpoint of 0 and 2^-24: ties-to-even gives +0, ties-away
        // 2^-24; both inexact and tiny.
        expect(
            oracle.multiply(half(0x0001), half(0x3800), rounding: rne, tininess: .afterRounding), 0x0000,
            [.underflow, .inexact])
        expect(
            oracle.multiply(half(0x0001), half(0x3800), rounding: .toNearestOrAway, tininess: .afterRounding), 0x0001,
            [.underflow, .inexact])
        expect(
            oracle.multiply(half(0x8001), half(0x3800), rounding: .down, tininess: .beforeRounding), 0x8001,
            [.underflow, .inexact])
    }

    @Test func tiesAway() {
        // 1 + 2^-11 (0x3C00 + 0x1000) is the midpoint of 1 (0x3C00) and 1 + 2^-10 (0x3C01).
        expect(oracle.add(half(0x3C00), half(0x1000), rounding: rne, tininess: .afterRounding), 0x3C00, .inexact)
        expect(
            oracle.add(half(0x3C00), half(0x1000), rounding: .toNearestOrAway, tininess: .afterRounding), 0x3C01,
            .inexact)
        expect(
            oracle.add(half(0xBC00), half(0x9000), rounding: .toNearestOrAway, tininess: .afterRounding), 0xBC01,
            .inexact)
        // 1 + 2^-11 + 2^-24 is above the midpoint: both nearest rules round up.
        expect(
            oracle.convert(
                SoftFloat64(bits: (1 + 0x1p-11 + 0x1p-24).bitPattern), to: Binary16.self,
                rounding: .toNearestOrAway, tininess: .afterRounding), 0x3C01, .inexact)
    }

    @Test func nanOperands() {
        let sNaN = half(0x7D00)
        let qNaN = half(0x7E00)
        let one = half(0x3C00)
        let zero = half(0)
        let inf = half(0x7C00)
        // A quiet NaN operand alone raises nothing; a signalling one raises invalid.
        expectNaN(oracle.add(qNaN, one, rounding: rne, tininess: .afterRounding), [])
        expectNaN(oracle.add(one, sNaN, rounding: rne, tininess: .afterRounding), .invalid)
        expectNaN(oracle.multiply(sNaN, qNaN, rounding: rne, tininess: .afterRounding), .invalid)
        expectNaN(oracle.divide(qNaN, zero, rounding: rne, tininess: .afterRounding), [])  // no divideByZero
        expectNaN(oracle.squareRoot(sNaN, rounding: rne, tininess: .afterRounding), .invalid)
        // fma(0, inf, qNaN) raises invalid (x86 choice, IEEE 7.2 c), in either order of 0 and inf;
        // fma(qNaN, 0, inf) has no 0*inf product and raises nothing.
        expectNaN(oracle.fusedMultiplyAdd(zero, inf, qNaN, rounding: rne, tininess: .afterRounding), .invalid)
        expectNaN(oracle.fusedMultiplyAdd(inf, zero, qNaN, rounding: rne, tininess: .afterRounding), .invalid)
        expectNaN(oracle.fusedMultiplyAdd(qNaN, zero, inf, rounding: rne, tininess: .afterRounding), [])
        expectNaN(oracle.fusedMultiplyAdd(one, one, sNaN, rounding: rne, tininess: .afterRounding), .invalid)
        // Conversions: sNaN raises invalid, qNaN nothing; NaN results are the default NaN.
        let converted = oracle.convert(
            SoftFloat64(bits: 0x7FF0_0000_0000_0001), to: Binary16.self, rounding: rne, tininess: .afterRounding)
        expect(converted, 0xFE00, .invalid)
        expect(
            oracle.convert(
                SoftFloat64(bits: 0x7FF8_0000_0000_0000), to: Binary32.self, rounding: rne, tininess: .afterRounding),
            0xFFC0_0000, [])
    }

    @Test func invalidOperationsAndDivisionByZero() {
        let zero = half(0)
        let negativeZero = half(0x8000)
        let one = half(0x3C00)
        let inf = half(0x7C00)
        let negativeInf = half(0xFC00)
        expectNaN(oracle.divide(zero, negativeZero, rounding: rne, tininess: .afterRounding), .invalid)  // 0/0
        expectNaN(oracle.divide(inf, negativeInf, rounding: rne, tininess: .afterRounding), .invalid)  // inf/inf
        expectNaN(oracle.subtract(inf, inf, rounding: rne, tininess: .afterRounding), .invalid)  // inf - inf
        expectNaN(oracle.add(inf, negativeInf, rounding: rne, tininess: .afterRounding), .invalid)  // inf + -inf
        expectNaN(oracle.multiply(negativeZero, inf, rounding: rne, tininess: .afterRounding), .invalid)  // 0 * inf
        expectNaN(oracle.squareRoot(half(0xBC00), rounding: rne, tininess: .afterRounding), .invalid)  // sqrt(-1)
        expectNaN(oracle.squareRoot(negativeInf, rounding: rne, tininess: .afterRounding), .invalid)  // sqrt(-inf)
        expectNaN(oracle.fusedMultiplyAdd(inf, one, negativeInf, rounding: rne, tininess: .afterRounding), .invalid)
        // sqrt(-0) = -0, exact; inf + inf = inf, exact.
        expect(oracle.squareRoot(negativeZero, rounding: rne, tininess: .afterRounding), 0x8000, [])
        expect(oracle.add(inf, inf, rounding: rne, tininess: .afterRounding), 0x7C00, [])
        // Finite nonzero / zero: an exact infinity signed by the xor of the signs.
        expect(oracle.divide(one, zero, rounding: rne, tininess: .afterRounding), 0x7C00, .divisionByZero)
        expect(oracle.divide(one, negativeZero, rounding: rne, tininess: .afterRounding), 0xFC00, .divisionByZero)
        expect(
            oracle.divide(half(0x8001), zero, rounding: .towardZero, tininess: .afterRounding), 0xFC00, .divisionByZero)
        // An infinite dividend is not a division by zero: inf / 0 = inf exactly.
        expect(oracle.divide(inf, zero, rounding: rne, tininess: .afterRounding), 0x7C00, [])
    }

    @Test func exactZeroSigns() {
        // x - x and x + (-x) are +0 in every direction but roundTowardNegative, where -0.
        for rule in RoundingRule.allCases {
            let zero: UInt16 = rule == .down ? 0x8000 : 0x0000
            expect(oracle.subtract(half(0x3C00), half(0x3C00), rounding: rule, tininess: .afterRounding), zero, [])
            expect(oracle.add(half(0x0001), half(0x8001), rounding: rule, tininess: .afterRounding), zero, [])
            // fma(1, 1, -1) = +0 / -0 likewise.
            expect(
                oracle.fusedMultiplyAdd(
                    half(0x3C00), half(0x3C00), half(0xBC00), rounding: rule, tininess: .afterRounding), zero, [])
        }
        // -0 + -0 = -0 in every direction.
        expect(oracle.add(half(0x8000), half(0x8000), rounding: rne, tininess: .afterRounding), 0x8000, [])
    }

    @Test func widerFormats() {
        // binary32: sqrt(2) = 1.0110101000001001111001100|111... -> fraction 0x3504F3 (next bit 0).
        expect(
            oracle.squareRoot(SoftFloat32(bits: 0x4000_0000), rounding: rne, tininess: .afterRounding), 0x3FB5_04F3,
            .inexact)
        // binary64: sqrt(2) = 0x1.6A09E667F3BCC908B2F... -> 0x1.6A09E667F3BCD.
        expect(
            oracle.squareRoot(SoftFloat64(bits: 0x4000_0000_0000_0000), rounding: rne, tininess: .afterRounding),
            0x3FF6_A09E_667F_3BCD, .inexact)
        // binary64 1 + 2^-53 is a tie between 1 and 1 + 2^-52: even 1, away 1 + 2^-52.
        let one = SoftFloat64(bits: 0x3FF0_0000_0000_0000)
        let tiny = SoftFloat64(bits: 0x3CA0_0000_0000_0000)
        expect(oracle.add(one, tiny, rounding: rne, tininess: .afterRounding), 0x3FF0_0000_0000_0000, .inexact)
        expect(
            oracle.add(one, tiny, rounding: .toNearestOrAway, tininess: .afterRounding), 0x3FF0_0000_0000_0001, .inexact
        )
        // binary32 smallest subnormal 2^-149 widened to binary64: field 1023 - 149 = 874 = 0x36A.
        expect(
            oracle.convert(SoftFloat32(bits: 1), to: Binary64.self, rounding: rne, tininess: .afterRounding),
            0x36A0_0000_0000_0000, [])
    }
}

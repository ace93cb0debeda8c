import Reference
import SoftFloat
import Testing

/// Hand-derived results of the OCP MX formats (the derivation is the comment above each
/// check), checked against both SoftFloat and the MPFR oracle, under both tininess rules
/// unless one is named.
///
/// E2M1 (bias 1, p 2): 0x0 0, 0x1 0.5, 0x2 1, 0x3 1.5, 0x4 2, 0x5 3, 0x6 4, 0x7 6, sign 0x8.
/// E2M3 (bias 1, p 4): max 1.111b * 2^2 = 7.5 = 0x1F, 0.25 = 0x02 (subnormal 2 * 2^-3), sign 0x20.
/// E3M2 (bias 3, p 3): max 1.11b * 2^4 = 28 = 0x1F, 2 = 0x10 (field 4), sign 0x20.
/// E8M0 (bias 127, p 1, unsigned): e is 2^(e-127): 1 = 0x7F, 0.5 = 0x7E, 2 = 0x80, 4 = 0x81,
/// 2^-127 = 0x00, 2^127 = 0xFE, NaN 0xFF.
@Suite struct MXFormatHandDerivedTests {
    enum Operation { case add, sub, mul, div }

    func arithmetic<F: BinaryFormat>(
        _: F.Type, _ operation: Operation, _ a: UInt64, _ b: UInt64, rounding: RoundingRule = .toNearestOrEven,
        tininess: [Tininess] = Tininess.allCases, saturating: Bool = false,
        expect bits: UInt64, _ flags: ExceptionFlags, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let x = BinaryFloat<F>(bits: F.Bits(a))
        let y = BinaryFloat<F>(bits: F.Bits(b))
        let oracle = Oracle()
        for rule in tininess {
            var env = FloatEnvironment(rounding: rounding, tininess: rule, saturatesOverflow: saturating)
            let actual: BinaryFloat<F>
            let expected: OracleResult<F>
            switch operation {
            case .add:
                actual = x.adding(y, in: &env)
                expected = oracle.add(x, y, rounding: rounding, tininess: rule, saturating: saturating)
            case .sub:
                actual = x.subtracting(y, in: &env)
                expected = oracle.subtract(x, y, rounding: rounding, tininess: rule, saturating: saturating)
            case .mul:
                actual = x.multiplied(by: y, in: &env)
                expected = oracle.multiply(x, y, rounding: rounding, tininess: rule, saturating: saturating)
            case .div:
                actual = x.divided(by: y, in: &env)
                expected = oracle.divide(x, y, rounding: rounding, tininess: rule, saturating: saturating)
            }
            let label = "\(F.name) \(operation) \(hex(x)) \(hex(y)) \(rounding.name) \(rule.name) sat=\(saturating)"
            #expect(
                UInt64(actual.bits) == bits && env.flags == flags,
                "SoftFloat \(label): \(hex(actual)) [\(env.flags)]", sourceLocation: sourceLocation)
            #expect(
                UInt64(expected.value.bits) == bits && expected.flags == flags,
                "oracle \(label): \(expected)", sourceLocation: sourceLocation)
        }
    }

    func conversion<S: BinaryFormat, T: BinaryFormat>(
        _: S.Type, _ a: UInt64, to _: T.Type, rounding: RoundingRule = .toNearestOrEven,
        tininess: [Tininess] = Tininess.allCases, saturating: Bool = false,
        expect bits: UInt64, _ flags: ExceptionFlags, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let x = BinaryFloat<S>(bits: S.Bits(a))
        let oracle = Oracle()
        for rule in tininess {
            var env = FloatEnvironment(rounding: rounding, tininess: rule, saturatesOverflow: saturating)
            let actual = x.converted(to: T.self, in: &env)
            let expected = oracle.convert(x, to: T.self, rounding: rounding, tininess: rule, saturating: saturating)
            let label = "\(S.name) \(hex(x)) -> \(T.name) \(rounding.name) \(rule.name) sat=\(saturating)"
            // NaN results compare by NaN-ness (the oracle has no payloads).
            let same = UInt64(actual.bits) == bits || (actual.isNaN && BinaryFloat<T>(bits: T.Bits(bits)).isNaN)
            #expect(
                same && env.flags == flags, "SoftFloat \(label): \(hex(actual)) [\(env.flags)]",
                sourceLocation: sourceLocation)
            let oracleSame =
                UInt64(expected.value.bits) == bits
                || (expected.value.isNaN && BinaryFloat<T>(bits: T.Bits(bits)).isNaN)
            #expect(
                oracleSame && expected.flags == flags, "oracle \(label): \(expected)", sourceLocation: sourceLocation)
        }
    }

    @Test func fp4Arithmetic() {
        // 6 + 1 = 7 = 1.11b * 2^2: a tie between 6 (1.1b, odd) and 8 (10.0b, even); to even is
        // 8, beyond 6: overflow, saturated to 6 with or without saturating mode.
        arithmetic(Float4E2M1.self, .add, 0x7, 0x2, expect: 0x7, [.overflow, .inexact])
        arithmetic(Float4E2M1.self, .add, 0x7, 0x2, saturating: true, expect: 0x7, [.overflow, .inexact])
        // -6 - 1 = -7: the same, negative.
        arithmetic(Float4E2M1.self, .sub, 0xF, 0x2, expect: 0xF, [.overflow, .inexact])
        // 6 + 0.5 = 6.5: nearer 6 than 8; upward it is 8: overflow again.
        arithmetic(Float4E2M1.self, .add, 0x7, 0x1, expect: 0x7, .inexact)
        arithmetic(Float4E2M1.self, .add, 0x7, 0x1, rounding: .up, expect: 0x7, [.overflow, .inexact])
        // 0.5 * 0.5 = 0.25, half the least subnormal 0.5: a tie between 0 (even) and 0.5.
        arithmetic(Float4E2M1.self, .mul, 0x1, 0x1, expect: 0x0, [.underflow, .inexact])
        // 1.5 * 0.5 = 0.75 = 1.1b * 2^-1, exact at p = 2 but below 2^emin = 1 (tiny under both
        // rules); in the subnormal grid a tie between 0.5 (odd) and 1 (even): 1.
        arithmetic(Float4E2M1.self, .mul, 0x3, 0x1, expect: 0x2, [.underflow, .inexact])
        // 1 / 0: division by zero, the "infinity" is +6 (no infinity, no NaN).
        arithmetic(Float4E2M1.self, .div, 0x2, 0x0, expect: 0x7, .divisionByZero)
        arithmetic(Float4E2M1.self, .div, 0xA, 0x0, expect: 0xF, .divisionByZero)
        // 0 / 0: invalid; the default NaN (negative) becomes +0.
        arithmetic(Float4E2M1.self, .div, 0x0, 0x0, expect: 0x0, .invalid)
        // 1 - 1 = +0, or -0 rounding down (IEEE 6.3).
        arithmetic(Float4E2M1.self, .sub, 0x2, 0x2, expect: 0x0, [])
        arithmetic(Float4E2M1.self, .sub, 0x2, 0x2, rounding: .down, expect: 0x8, [])
    }

    @Test func fp6Arithmetic() {
        // E2M3: 7.5 + 0.25 = 7.75 = 1.1111b * 2^2: a tie between 1.111b (7.5, odd) and 10.000b
        // (8, even): 8, overflow, saturated to 7.5.
        arithmetic(Float6E2M3.self, .add, 0x1F, 0x02, expect: 0x1F, [.overflow, .inexact])
        // Toward zero it is 7.5 and no overflow.
        arithmetic(Float6E2M3.self, .add, 0x1F, 0x02, rounding: .towardZero, expect: 0x1F, .inexact)
        // E3M2: 28 + 2 = 30 = 1.111b * 2^4: a tie between 1.11b (28) and 10.0b (32): 32, overflow.
        arithmetic(Float6E3M2.self, .add, 0x1F, 0x10, expect: 0x1F, [.overflow, .inexact])
        arithmetic(Float6E3M2.self, .add, 0x1F, 0x10, rounding: .towardZero, expect: 0x1F, .inexact)
        // Downward, -28 - 2 = -30 goes to -32: overflow, -28.
        arithmetic(Float6E3M2.self, .sub, 0x3F, 0x10, rounding: .down, expect: 0x3F, [.overflow, .inexact])
    }

    @Test func e8m0Arithmetic() {
        // 1 + 0.5 = 1.5, the midpoint of 1 and 2: at p = 1 both are odd, the larger wins: 2.
        arithmetic(Float8E8M0.self, .add, 0x7F, 0x7E, expect: 0x80, .inexact)
        arithmetic(Float8E8M0.self, .add, 0x7F, 0x7E, rounding: .toNearestOrAway, expect: 0x80, .inexact)
        arithmetic(Float8E8M0.self, .add, 0x7F, 0x7E, rounding: .towardZero, expect: 0x7F, .inexact)
        // 1 + 1 = 2 exactly.
        arithmetic(Float8E8M0.self, .add, 0x7F, 0x7F, expect: 0x80, [])
        // 1 - 1 = 0 and 0.5 - 1 = -0.5: no encoding, invalid; NaN, or 2^-127 saturating.
        arithmetic(Float8E8M0.self, .sub, 0x7F, 0x7F, expect: 0xFF, .invalid)
        arithmetic(Float8E8M0.self, .sub, 0x7E, 0x7F, expect: 0xFF, .invalid)
        arithmetic(Float8E8M0.self, .sub, 0x7F, 0x7F, saturating: true, expect: 0x00, .invalid)
        // 2 - 1 = 1 exactly; 4 - 1 = 3, a tie between 2 and 4: 4.
        arithmetic(Float8E8M0.self, .sub, 0x80, 0x7F, expect: 0x7F, [])
        arithmetic(Float8E8M0.self, .sub, 0x81, 0x7F, expect: 0x81, .inexact)
        // 2^-127 * 2^-127 = 2^-254: below the range, delivered as 2^-127, tiny under both rules.
        arithmetic(Float8E8M0.self, .mul, 0x00, 0x00, expect: 0x00, [.underflow, .inexact])
        // 2^127 * 2 = 2^128: overflow, NaN (no infinity), or 2^127 saturating; toward zero 2^127.
        arithmetic(Float8E8M0.self, .mul, 0xFE, 0x80, expect: 0xFF, [.overflow, .inexact])
        arithmetic(Float8E8M0.self, .mul, 0xFE, 0x80, saturating: true, expect: 0xFE, [.overflow, .inexact])
        arithmetic(Float8E8M0.self, .mul, 0xFE, 0x80, rounding: .towardZero, expect: 0xFE, [.overflow, .inexact])
        // 1 / 2^127 = 2^-127 exactly.
        arithmetic(Float8E8M0.self, .div, 0x7F, 0xFE, expect: 0x00, [])
        // NaN operands propagate.
        arithmetic(Float8E8M0.self, .mul, 0xFF, 0x7F, expect: 0xFF, [])
    }

    @Test func conversionsIntoFP4AndFP6() {
        // binary32 quiet NaNs into E2M1 (no NaN): the zero of the opposite sign, invalid.
        conversion(Binary32.self, 0x7FC0_0000, to: Float4E2M1.self, expect: 0x8, .invalid)
        conversion(Binary32.self, 0xFFC0_0000, to: Float4E2M1.self, expect: 0x0, .invalid)
        conversion(Binary32.self, 0x7FC0_0000, to: Float6E2M3.self, expect: 0x20, .invalid)
        // Infinities into E2M3: ±7.5, invalid.
        conversion(Binary32.self, 0x7F80_0000, to: Float6E2M3.self, expect: 0x1F, .invalid)
        conversion(Binary32.self, 0xFF80_0000, to: Float6E2M3.self, expect: 0x3F, .invalid)
        // 7.0 (0x40E00000) into E2M1: the tie 1.11b * 2^2 goes to 8: overflow, 6.
        conversion(Binary32.self, 0x40E0_0000, to: Float4E2M1.self, expect: 0x7, [.overflow, .inexact])
        // 5.0 (0x40A00000): a tie between 4 (1.0b, even) and 6 (1.1b): 4.
        conversion(Binary32.self, 0x40A0_0000, to: Float4E2M1.self, expect: 0x6, .inexact)
        // 100.0 (0x42C80000) into E3M2: overflow, 28, in every direction toward zero too.
        conversion(Binary32.self, 0x42C8_0000, to: Float6E3M2.self, expect: 0x1F, [.overflow, .inexact])
        conversion(
            Binary32.self, 0x42C8_0000, to: Float6E3M2.self, rounding: .towardZero, expect: 0x1F,
            [.overflow, .inexact])
        // E4M3's NaN 0x7F (positive) into E2M1: -0.
        conversion(Float8E4M3.self, 0x7F, to: Float4E2M1.self, expect: 0x8, .invalid)
    }

    @Test func conversionsIntoE8M0() {
        // 3.0 (0x40400000) = 1.5 * 2: the midpoint of 2 and 4: nearest (either) 4, up 4,
        // toward zero and down 2.
        conversion(Binary32.self, 0x4040_0000, to: Float8E8M0.self, expect: 0x81, .inexact)
        conversion(Binary32.self, 0x4040_0000, to: Float8E8M0.self, rounding: .toNearestOrAway, expect: 0x81, .inexact)
        conversion(Binary32.self, 0x4040_0000, to: Float8E8M0.self, rounding: .up, expect: 0x81, .inexact)
        conversion(Binary32.self, 0x4040_0000, to: Float8E8M0.self, rounding: .towardZero, expect: 0x80, .inexact)
        conversion(Binary32.self, 0x4040_0000, to: Float8E8M0.self, rounding: .down, expect: 0x80, .inexact)
        // 2.875 (0x40380000) lies below the midpoint 3: 2.
        conversion(Binary32.self, 0x4038_0000, to: Float8E8M0.self, expect: 0x80, .inexact)
        // +0, -0 and -1 have no encoding: invalid, NaN (2^-127 saturating).
        conversion(Binary32.self, 0x0000_0000, to: Float8E8M0.self, expect: 0xFF, .invalid)
        conversion(Binary32.self, 0x8000_0000, to: Float8E8M0.self, expect: 0xFF, .invalid)
        conversion(Binary32.self, 0xBF80_0000, to: Float8E8M0.self, expect: 0xFF, .invalid)
        conversion(Binary32.self, 0x0000_0000, to: Float8E8M0.self, saturating: true, expect: 0x00, .invalid)
        // 2^-128 (subnormal 0x00200000): below 2^-127, delivered as 2^-127 in every direction.
        for rounding in RoundingRule.allCases {
            conversion(
                Binary32.self, 0x0020_0000, to: Float8E8M0.self, rounding: rounding, expect: 0x00,
                [.underflow, .inexact])
        }
        // 1.5 * 2^-128 (0x00300000) rounds to nearest 2^-127 itself: tiny only before rounding.
        conversion(
            Binary32.self, 0x0030_0000, to: Float8E8M0.self, tininess: [.afterRounding], expect: 0x00, .inexact)
        conversion(
            Binary32.self, 0x0030_0000, to: Float8E8M0.self, tininess: [.beforeRounding], expect: 0x00,
            [.underflow, .inexact])
        // 2^-127 (0x00400000) is exact.
        conversion(Binary32.self, 0x0040_0000, to: Float8E8M0.self, expect: 0x00, [])
        // 1.5 * 2^127 (0x7F400000): ties to 2^128, overflow: NaN, or 2^127 saturating; toward
        // zero 2^127 without overflow.
        conversion(Binary32.self, 0x7F40_0000, to: Float8E8M0.self, expect: 0xFF, [.overflow, .inexact])
        conversion(
            Binary32.self, 0x7F40_0000, to: Float8E8M0.self, saturating: true, expect: 0xFE, [.overflow, .inexact])
        conversion(Binary32.self, 0x7F40_0000, to: Float8E8M0.self, rounding: .towardZero, expect: 0xFE, .inexact)
        // +inf: invalid, NaN (2^127 saturating); -inf: NaN (2^-127 saturating).
        conversion(Binary32.self, 0x7F80_0000, to: Float8E8M0.self, expect: 0xFF, .invalid)
        conversion(Binary32.self, 0x7F80_0000, to: Float8E8M0.self, saturating: true, expect: 0xFE, .invalid)
        conversion(Binary32.self, 0xFF80_0000, to: Float8E8M0.self, saturating: true, expect: 0x00, .invalid)
    }

    @Test func conversionsOutOfE8M0() {
        // 2^-127 is the binary32 subnormal 0x00400000; 1 is 0x3F800000; 2^127 is 0x7F000000.
        conversion(Float8E8M0.self, 0x00, to: Binary32.self, expect: 0x0040_0000, [])
        conversion(Float8E8M0.self, 0x7F, to: Binary32.self, expect: 0x3F80_0000, [])
        conversion(Float8E8M0.self, 0xFE, to: Binary32.self, expect: 0x7F00_0000, [])
        conversion(Float8E8M0.self, 0xFF, to: Binary32.self, expect: 0x7FC0_0000, [])
        // 1 into E2M1 is 0x2; 2^-127 into binary16 is far below half its least subnormal: +0.
        conversion(Float8E8M0.self, 0x7F, to: Float4E2M1.self, expect: 0x2, [])
        conversion(Float8E8M0.self, 0x00, to: Binary16.self, expect: 0x0000, [.underflow, .inexact])
        // The E8M0 NaN (no sign: positive) into E2M1: -0, invalid.
        conversion(Float8E8M0.self, 0xFF, to: Float4E2M1.self, expect: 0x8, .invalid)
    }
}

import Testing
import SoftFloat
@testable import Reference

/// bfloat16's layout (w 8, f 7), declared here so the oracle is tested on a format that has
/// no Swift hardware type before SoftFloat ships its own.
enum BFloat16Layout: BinaryFormat {
    typealias Bits = UInt16
    static var exponentBitCount: Int { 8 }
    static var fractionBitCount: Int { 7 }
    static var name: String { "bfloat16 (test layout)" }
}

/// OCP FP8 E5M2's layout (w 5, f 2): binary16 with the low 8 fraction bits cut off.
enum E5M2Layout: BinaryFormat {
    typealias Bits = UInt8
    static var exponentBitCount: Int { 5 }
    static var fractionBitCount: Int { 2 }
    static var name: String { "E5M2 (test layout)" }
}

/// The oracle's generic path (exponent range, encoding) on formats without a hardware type.
@Suite struct GenericFormatTests {
    let oracle = Oracle()

    func toBFloat16(_ bits: UInt32, _ rule: RoundingRule) -> OracleResult<BFloat16Layout> {
        oracle.convert(SoftFloat32(bits: bits), to: BFloat16Layout.self, rounding: rule, tininess: .afterRounding)
    }
    func toE5M2(_ bits: UInt16, _ rule: RoundingRule) -> OracleResult<E5M2Layout> {
        oracle.convert(SoftFloat16(bits: bits), to: E5M2Layout.self, rounding: rule, tininess: .afterRounding)
    }
    func result<F>(_ bits: F.Bits, _ flags: ExceptionFlags) -> OracleResult<F> {
        OracleResult(value: BinaryFloat(bits: bits), flags: flags)
    }

    @Test func bfloat16() {
        #expect(ExponentRange(emulating: BFloat16Layout.self) == ExponentRange(emin: -132, emax: 128))
        // bfloat16 is the top half of binary32. 1 + 2^-8 (0x3F808000) is the midpoint of 1
        // (0x3F80) and 1 + 2^-7 (0x3F81): even 0x3F80, away 0x3F81.
        #expect(toBFloat16(0x3F80_8000, .toNearestOrEven) == result(0x3F80, .inexact))
        #expect(toBFloat16(0x3F80_8000, .toNearestOrAway) == result(0x3F81, .inexact))
        // 1 + 3 * 2^-8 (0x3F818000): midpoint of 0x3F81 (odd) and 0x3F82.
        #expect(toBFloat16(0x3F81_8000, .toNearestOrEven) == result(0x3F82, .inexact))
        // Largest binary32 (2 - 2^-23) * 2^127: above the midpoint of bfloat16's largest
        // (2 - 2^-7) * 2^127 (0x7F7F) and 2^128, so nearest overflows; toward zero the
        // unbounded rounding is 0x7F7F itself: no overflow.
        #expect(toBFloat16(0x7F7F_FFFF, .toNearestOrEven) == result(0x7F80, [.overflow, .inexact]))
        #expect(toBFloat16(0x7F7F_FFFF, .towardZero) == result(0x7F7F, .inexact))
        // Smallest subnormal 2^(-126-7) = 2^-133 (0x0001); binary32 2^-134 (field 127-134 < 1:
        // subnormal 2^-134 = 2^15 * 2^-149 = 0x00008000) is the midpoint of 0 and 2^-133.
        #expect(toBFloat16(0x0000_8000, .toNearestOrEven) == result(0x0000, [.underflow, .inexact]))
        #expect(toBFloat16(0x0000_8000, .toNearestOrAway) == result(0x0001, [.underflow, .inexact]))
        // Binary32 subnormals that are bfloat16 subnormals convert exactly: 0x00010000 -> 0x0001.
        #expect(toBFloat16(0x0001_0000, .toNearestOrEven) == result(0x0001, []))
    }

    @Test func e5m2() {
        #expect(ExponentRange(emulating: E5M2Layout.self) == ExponentRange(emin: -15, emax: 16))
        // E5M2 is the top byte of binary16. 1 + 2^-3 (0x3C80) is the midpoint of 1 (0x3C)
        // and 1.25 (0x3D).
        #expect(toE5M2(0x3C80, .toNearestOrEven) == result(0x3C, .inexact))
        #expect(toE5M2(0x3C80, .toNearestOrAway) == result(0x3D, .inexact))
        // 65504 = 1.1111111111b * 2^15: at 3 bits nearest is 2^16 > 57344 (0x7B, the largest):
        // overflow. Toward zero: 1.11b * 2^15 = 57344, not above the largest: inexact only.
        #expect(toE5M2(0x7BFF, .toNearestOrEven) == result(0x7C, [.overflow, .inexact]))
        #expect(toE5M2(0x7BFF, .towardZero) == result(0x7B, .inexact))
        // Binary16 2^-24 is far below E5M2's smallest subnormal 2^-16 (0x01): 0 nearest, 0x01 up.
        #expect(toE5M2(0x0001, .toNearestOrEven) == result(0x00, [.underflow, .inexact]))
        #expect(toE5M2(0x0001, .up) == result(0x01, [.underflow, .inexact]))
        // Binary16 2^-16 * 1.5 (0x0180) lies in E5M2's subnormal grid (units of 2^-16): a tie
        // between 0x01 and 0x02 (even).
        #expect(toE5M2(0x0180, .toNearestOrEven) == result(0x02, [.underflow, .inexact]))
        #expect(toE5M2(0x0180, .towardZero) == result(0x01, [.underflow, .inexact]))
        // Signalling NaN (0x7D00) raises invalid and gives E5M2's default NaN 0xFE.
        #expect(toE5M2(0x7D00, .toNearestOrEven) == result(0xFE, .invalid))
        // Arithmetic in E5M2: 1.75 (0x3F) + 0.25 (0x34) = 2 (0x40) exactly, a carry.
        #expect(
            oracle.add(
                BinaryFloat<E5M2Layout>(bits: 0x3F), BinaryFloat(bits: 0x34),
                rounding: .toNearestOrEven, tininess: .afterRounding) == result(0x40, []))
    }
}

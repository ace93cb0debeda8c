import SoftFloat
import Testing

/// The implementation-defined NaN rules (x86 SSE, DESIGN.md), which MPFR cannot check:
/// the first NaN operand is returned quieted, invalid operations return the default NaN
/// (negative quiet NaN), conversions keep the sign and the top payload bits.
///
/// binary16 operands used below (sign | exponent | fraction):
///   A = 0x7E01 = 0|11111|1000000001  quiet NaN, payload 1
///   B = 0xFE02 = 1|11111|1000000010  quiet NaN, payload 2
///   S = 0x7C05 = 0|11111|0000000101  signalling NaN (quiet bit 0x200 clear); quieted: 0x7E05
///   T = 0xFD07 = 1|11111|0100000111  signalling NaN; quieted: 0xFF07
///   1.0 = 0x3C00, 2.0 = 0x4000, -1.0 = 0xBC00, +inf = 0x7C00, -inf = 0xFC00, +0 = 0x0000
@Suite struct NaNRuleTests {
    typealias H = SoftFloat16
    static let A = H(bits: 0x7E01), B = H(bits: 0xFE02), S = H(bits: 0x7C05), T = H(bits: 0xFD07)
    static let one = H(bits: 0x3C00), two = H(bits: 0x4000), minusOne = H(bits: 0xBC00)
    static let inf = H(bits: 0x7C00), minusInf = H(bits: 0xFC00), zero = H(bits: 0x0000)

    func check(
        _ expected: UInt16, _ flags: ExceptionFlags, _ rule: NaNRule = .propagateFirst,
        _ op: (inout FloatEnvironment) -> H, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var env = FloatEnvironment(nanRule: rule)
        let r = op(&env)
        #expect(
            r.bits == expected && env.flags == flags,
            "expected 0x\(String(expected, radix: 16)) [\(flags)], got 0x\(String(r.bits, radix: 16)) [\(env.flags)]",
            sourceLocation: sourceLocation)
    }

    @Test func firstNaNOperandWinsQuieted() {
        check(0x7E01, []) { Self.A.adding(Self.B, in: &$0) }  // both quiet: the first
        check(0xFE02, []) { Self.B.adding(Self.A, in: &$0) }
        check(0xFE02, []) { Self.one.adding(Self.B, in: &$0) }  // the only NaN, as is
        check(0x7E05, .invalid) { Self.S.adding(Self.B, in: &$0) }  // S first: quieted, invalid
        check(0xFE02, .invalid) { Self.B.adding(Self.S, in: &$0) }  // B first wins, S still signals
        check(0xFF07, .invalid) { Self.T.multiplied(by: Self.two, in: &$0) }
        check(0x7E05, .invalid) { Self.one.divided(by: Self.S, in: &$0) }
        check(0x7E05, .invalid) { Self.S.squareRoot(in: &$0) }
        check(0x7E01, .invalid) { Self.A.fusedMultiplyAdd(Self.S, Self.B, in: &$0) }
        check(0x7E05, .invalid) { Self.one.fusedMultiplyAdd(Self.one, Self.S, in: &$0) }
    }

    /// x86 `subss` returns a NaN subtrahend with its own sign (checked on the host: 1 - 0x7fc00001
    /// gives 0x7fc00001), so subtraction is not "add the negation" for NaNs.
    @Test func subtractionKeepsTheNaNSign() {
        check(0x7E01, []) { Self.one.subtracting(Self.A, in: &$0) }
        check(0xFE02, []) { Self.one.subtracting(Self.B, in: &$0) }
    }

    @Test func invalidOperationsGiveTheDefaultNaN() {
        check(0xFE00, .invalid) { Self.zero.divided(by: Self.zero, in: &$0) }
        check(0xFE00, .invalid) { Self.inf.divided(by: Self.inf, in: &$0) }
        check(0xFE00, .invalid) { Self.inf.adding(Self.minusInf, in: &$0) }
        check(0xFE00, .invalid) { Self.inf.multiplied(by: Self.zero, in: &$0) }
        check(0xFE00, .invalid) { Self.minusOne.squareRoot(in: &$0) }
        check(0xFE00, .invalid) { Self.inf.fusedMultiplyAdd(Self.one, Self.minusInf, in: &$0) }
        // fma(0, inf, qNaN) is invalid and gives the default NaN, not the quiet NaN operand.
        check(0xFE00, .invalid) { Self.zero.fusedMultiplyAdd(Self.inf, Self.A, in: &$0) }
        check(0xFE00, .invalid) { Self.inf.fusedMultiplyAdd(Self.zero, Self.A, in: &$0) }
    }

    /// Conversions move the payload's top bits: binary16 fraction 0000000101 (S) shifted left
    /// by 23 - 10 = 13 is 0xA000; with the quiet bit 0x400000: 0x7F800000 | 0x400000 | 0xA000.
    @Test func conversionsKeepSignAndTopPayloadBits() {
        var env = FloatEnvironment()
        let wide = Self.S.converted(to: Binary32.self, in: &env)
        #expect(wide.bits == 0x7FC0_A000 && env.flags == .invalid)

        // Back: 0x40A000 >> 13 = 0x205 -> 0x7C00 | 0x205 = 0x7E05, quiet already, no flag.
        env = FloatEnvironment()
        #expect(wide.converted(to: Binary16.self, in: &env).bits == 0x7E05 && env.flags == [])

        // binary64 0x7FFABC0012345678: fraction 0xABC0012345678 >> 29 = 0x55E000, so binary32
        // 0x7FD5E000, which is what the host's cvtsd2ss returns.
        env = FloatEnvironment()
        let d = SoftFloat64(bits: 0x7FFA_BC00_1234_5678)
        #expect(d.converted(to: Binary32.self, in: &env).bits == 0x7FD5_E000 && env.flags == [])

        // A payload entirely below the kept bits leaves only the quiet bit: 0xFE00.
        env = FloatEnvironment()
        #expect(SoftFloat64(bits: 0xFFF8_0000_0000_0001).converted(to: Binary16.self, in: &env).bits == 0xFE00)
    }

    @Test func alwaysDefaultRuleReturnsTheDefaultNaN() {
        check(0xFE00, [], .alwaysDefault) { Self.A.adding(Self.one, in: &$0) }
        check(0xFE00, .invalid, .alwaysDefault) { Self.S.multiplied(by: Self.one, in: &$0) }
        var env = FloatEnvironment(nanRule: .alwaysDefault)
        #expect(Self.S.converted(to: Binary32.self, in: &env).bits == 0xFFC0_0000 && env.flags == .invalid)
    }
}

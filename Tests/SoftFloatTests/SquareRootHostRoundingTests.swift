#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Reference
import SoftFloat
import Testing
import _MPStudySupport

/// Square root starts from the host's double root and corrects it in exact integer arithmetic,
/// a correction argued to hold in every host rounding mode. Here the thread's host rounding mode
/// is set to each directed mode (fesetround: the mode is per thread, and the test never leaves
/// its thread) and SoftFloat's sqrt, in every rounding attribute, must still give MPFR's bits
/// and flags: every positive binary16 and bfloat16 encoding, and random binary32 and binary64
/// values over the whole exponent range, subnormals included.
@Suite struct SquareRootHostRoundingTests {
    /// The positive encodings below infinity of a 16-bit format, and `count` random positive
    /// finite ones of a wider format (random exponent field, subnormals 1 in 16).
    static func operands<F: BinaryFormat>(_: F.Type, count: Int, _ g: inout SeededGenerator) -> [BinaryFloat<F>] {
        let fieldBits = F.Bits.bitWidth - 1
        let infinity = BinaryFloat<F>.infinity(negative: false).bits
        if fieldBits <= 15 { return (0..<infinity).map { BinaryFloat<F>(bits: $0) } }
        return (0..<count).map { _ in
            let raw = F.Bits.random(in: 0..<infinity, using: &g)
            let exponentMask = infinity
            return BinaryFloat<F>(bits: Int.random(in: 0..<16, using: &g) == 0 ? raw & ~exponentMask : raw)
        }
    }

    /// Checks one format under the host's directed modes; returns the cases run.
    static func check<F: BinaryFormat>(_: F.Type, count: Int, seed: UInt64) -> Int {
        var g = SeededGenerator(seed: seed)
        let xs = operands(F.self, count: count, &g)
        let oracle = Oracle()
        let rules = RoundingRule.allCases
        // Expected under the default host mode, from MPFR.
        let expected = rules.map { r in xs.map { oracle.squareRoot($0, rounding: r, tininess: .afterRounding) } }
        let opaque: [Double] = [1, 0x1p-60]
        let nearest: Int32 = FE_TONEAREST
        defer { fesetround(nearest) }
        // (Typed: Glibc exports each mode both as an enum case and as a macro.)
        let modes: [(Int32, String)] = [
            (FE_UPWARD, "upward"), (FE_DOWNWARD, "downward"), (FE_TOWARDZERO, "toward zero"),
        ]
        for (hostMode, name) in modes {
            #expect(fesetround(hostMode) == 0)
            // The premise: the host really rounds in this mode now (1 + 2^-60 leaves 1 upward,
            // 1 - 2^-60 leaves it downward and toward zero; to nearest, both give 1).
            let upward = hostMode == modes[0].0
            #expect(
                (opaque[0] + opaque[1] > 1) == upward && (opaque[0] - opaque[1] < 1) == !upward,
                "host mode \(name) not in effect")
            for (ri, rule) in rules.enumerated() {
                for (i, x) in xs.enumerated() {
                    var env = FloatEnvironment(rounding: rule, tininess: .afterRounding)
                    let got = x.squareRoot(in: &env)
                    let want = expected[ri][i]
                    #expect(
                        got.bits == want.value.bits && env.flags == want.flags,
                        "\(F.self) sqrt 0x\(String(x.bits, radix: 16)) \(rule), host \(name): 0x\(String(got.bits, radix: 16)) \(env.flags), MPFR \(want)"
                    )
                }
            }
        }
        return xs.count * rules.count * 3
    }

    @Test func binary16AndBFloat16EveryEncoding() {
        #expect(Self.check(Binary16.self, count: 0, seed: 1) == 0x7C00 * 5 * 3)
        #expect(Self.check(BFloat16.self, count: 0, seed: 2) == 0x7F80 * 5 * 3)
    }

    @Test func binary32AndBinary64Random() {
        #expect(Self.check(Binary32.self, count: 20_000, seed: 3) == 20_000 * 5 * 3)
        #expect(Self.check(Binary64.self, count: 20_000, seed: 4) == 20_000 * 5 * 3)
    }
}

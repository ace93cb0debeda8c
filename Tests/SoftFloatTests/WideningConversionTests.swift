import Reference
import SoftFloat
import Testing
import _MPStudySupport

/// The exact widening path of `converted(to:in:)` (a re-bias and a shift, no rounding):
/// every FP8 encoding into every format against MPFR (bits and flags, all five attributes;
/// binary16 and bfloat16 sources are swept in Binary16ExhaustiveTests and
/// ConversionExhaustiveTests), every NaN of the 8- and 16-bit formats against the payload rule
/// of DESIGN.md, and binary32 -> binary64 on every exponent field against the host's exact
/// `Double(Float)`.
@Suite struct WideningConversionTests {
    @Test func everyFP8EncodingToEveryFormat() {
        for (label, report) in sweepConversions(from: Float8E4M3.self, bothTininessRules: false)
            + sweepConversions(from: Float8E5M2.self, bothTininessRules: false)
        {
            #expect(report.cases > 0 && report.cases % 256 == 0, "\(label)")
            let listing = report.mismatches.map(\.description).joined(separator: "\n")
            #expect(report.mismatchCount == 0, "\(label):\n\(listing)")
        }
    }

    /// Every NaN of `S` widened into `T`: sign kept, quiet bit set, payload moved up by the
    /// difference in fraction widths (E4M3's single NaN has no payload: the quiet NaN with a
    /// zero one); invalid exactly when the NaN signals, no other flag, in every attribute.
    func checkNaNs<S: BinaryFormat, T: BinaryFormat>(_: S.Type, _: T.Type) -> Int {
        var checked = 0
        for bits in 0..<(1 << S.bitWidth) {
            let a = BinaryFloat<S>(bits: S.Bits(truncatingIfNeeded: bits))
            guard a.isNaN else { continue }
            let signBit = UInt64(a.sign ? 1 : 0) << UInt64(T.bitWidth - 1)
            let exponentAllOnes = UInt64((1 << T.exponentBitCount) - 1) << UInt64(T.fractionBitCount)
            let quietBit = UInt64(1) << UInt64(T.fractionBitCount - 1)
            let payload = S.hasInfinities ? a.fractionField << UInt64(T.fractionBitCount - S.fractionBitCount) : 0
            let expected = signBit | exponentAllOnes | quietBit | payload
            for rounding in RoundingRule.allCases {
                var env = FloatEnvironment(rounding: rounding)
                let result = a.converted(to: T.self, in: &env)
                #expect(
                    UInt64(result.bits) == expected,
                    "\(S.name) \(hex(a)) -> \(T.name): \(hex(result))")
                #expect(env.flags == (a.isSignalingNaN ? .invalid : []), "\(S.name) \(hex(a)) -> \(T.name)")
                checked += 1
            }
        }
        return checked
    }

    @Test func nanPayloadsWiden() {
        #expect(checkNaNs(Float8E4M3.self, Binary16.self) == 2 * 5)
        #expect(checkNaNs(Float8E4M3.self, BFloat16.self) == 2 * 5)
        #expect(checkNaNs(Float8E4M3.self, Binary64.self) == 2 * 5)
        #expect(checkNaNs(Float8E5M2.self, Binary16.self) == 6 * 5)
        #expect(checkNaNs(Float8E5M2.self, Binary32.self) == 6 * 5)
        #expect(checkNaNs(Binary16.self, Binary32.self) == 2046 * 5)
        #expect(checkNaNs(Binary16.self, Binary64.self) == 2046 * 5)
        #expect(checkNaNs(BFloat16.self, Binary32.self) == 254 * 5)
        #expect(checkNaNs(BFloat16.self, Binary64.self) == 254 * 5)
    }

    /// binary32 -> binary64 for every sign and exponent field with 64 fractions each (the
    /// extremes, single bits, and seeded random ones), every attribute: the value equals the
    /// host's exact widening and no flag is raised (signalling NaNs raise invalid).
    @Test func binary32ToBinary64EveryExponent() {
        var rng = SeededGenerator(seed: 2026)
        var fractions: [UInt32] = [0, 1, 2, 0x7F_FFFF, 0x40_0000, 0x3F_FFFF, 0x40_0001]
        fractions += (0..<23).map { 1 << $0 }
        while fractions.count < 64 { fractions.append(UInt32(truncatingIfNeeded: rng.next()) & 0x7F_FFFF) }
        var checked = 0
        for sign in [UInt32(0), 1 << 31] {
            for field in UInt32(0)...255 {
                for fraction in fractions {
                    let bits = sign | field << 23 | fraction
                    let host = Double(Float(bitPattern: bits))
                    let a = SoftFloat32(bits: bits)
                    for rounding in RoundingRule.allCases {
                        var env = FloatEnvironment(rounding: rounding)
                        let result = a.converted(to: Binary64.self, in: &env)
                        if a.isNaN {
                            #expect(result.bits == host.bitPattern | 0x0008_0000_0000_0000, "\(hex(a))")
                            #expect(env.flags == (a.isSignalingNaN ? .invalid : []), "\(hex(a))")
                        } else {
                            #expect(result.bits == host.bitPattern, "\(hex(a)) \(rounding.name)")
                            #expect(env.flags == [], "\(hex(a)) \(rounding.name)")
                        }
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == 2 * 256 * 64 * 5)
    }
}

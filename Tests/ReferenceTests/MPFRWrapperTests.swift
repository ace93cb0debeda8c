import CMPFR
import Testing
import SoftFloat
@testable import Reference

/// `MPFRValue` and `ExponentRange`, and that the oracle leaves MPFR's per-thread state alone.
@Suite struct MPFRWrapperTests {
    /// A new 64-bit variable holding `x` (exactly: every Double fits 64 bits).
    static func value(_ x: Double) -> MPFRValue {
        let v = MPFRValue(precision: 64)
        v.set(x)
        return v
    }

    @Test func valueOwnsAVariableOfTheRequestedPrecision() {
        let value = MPFRValue(precision: 11)
        #expect(value.precision == 11)
        #expect(value.isNaN)  // mpfr_init2 leaves NaN
        // 1/3 to 11 bits, nearest: 0.01010101010|1... -> 0.010101010101 rounded down
        // = 1365/4096 = 0.333251953125 (the binary16 value 0x3555), ternary -1.
        value.set(1)
        let ternary = value.divide(value, Self.value(3))
        #expect(ternary < 0)
        #expect(value.doubleValue() == 0.333251953125)
        #expect(value.exponent == -1)  // 0.333 = 0.1010... * 2^-1
        value.setPrecision(53)
        #expect(value.precision == 53 && value.isNaN)
    }

    /// Values reached only through methods, whose last use is an argument of the call: an
    /// optimised build may end such a local's (or temporary's) lifetime at that use, and a
    /// method that read the variable's address without keeping its owner alive would hand
    /// MPFR freed memory. Fresh allocations in between would then reuse it and corrupt the
    /// results. (Checked in debug by `swift test`, and the pattern holds in release builds.)
    @Test func valuesUsedOnlyThroughMethodsStayAlive() {
        for k in 1...2_000 {
            let a = Self.value(Double(k))
            let b = Self.value(Double(k + 1))
            let r = MPFRValue(precision: 64)
            // k * (k + 1) + (k + 2): below 2^23, exact in 64 bits and in a Double.
            r.fusedMultiplyAdd(a, b, Self.value(Double(k + 2)))
            let check = MPFRValue(precision: 64)
            check.subtract(r, Self.value(Double(k * (k + 1) + k + 2)))
            #expect(check.isZero, "k = \(k)")
            // The square root of k^2, from a temporary: exactly k.
            r.squareRoot(Self.value(Double(k * k)))
            #expect(r.doubleValue() == Double(k), "k = \(k)")
        }
    }

    @Test func emulationRangesMatchMPFRsManual() {
        // emax = 2^(w-1); emin = IEEE emin - p + 2, the MPFR exponent of the smallest
        // subnormal 0.1 * 2^emin. binary16: 2^-24 = 0.1 * 2^-23; binary32: 2^-149 = 0.1 * 2^-148;
        // binary64: 2^-1074 = 0.1 * 2^-1073 (the MPFR manual's binary64 example: -1073, 1024).
        #expect(ExponentRange(emulating: Binary16.self) == ExponentRange(emin: -23, emax: 16))
        #expect(ExponentRange(emulating: Binary32.self) == ExponentRange(emin: -148, emax: 128))
        #expect(ExponentRange(emulating: Binary64.self) == ExponentRange(emin: -1073, emax: 1024))
    }

    @Test func preservingRestoresTheRange() {
        let before = ExponentRange.current
        ExponentRange.preserving {
            ExponentRange(emulating: Binary16.self).install()
            #expect(ExponentRange.current == ExponentRange(emin: -23, emax: 16))
        }
        #expect(ExponentRange.current == before)
    }

    @Test func binary16EmulationRoundsOneThirdAndOneMillionth() {
        // The sequence of swift-setup.md, through the wrapper: set the range, round into an
        // 11-bit variable, check_range, subnormalize.
        ExponentRange(emulating: Binary16.self).installed {
            let x = MPFRValue(precision: 11)
            x.set(1)
            var t = x.divide(x, Self.value(3))
            t = x.checkRange(ternary: t, rounding: MPFR_RNDN)
            _ = x.subnormalize(ternary: t, rounding: MPFR_RNDN)
            #expect(x.doubleValue() == 0.333251953125)  // 0x3555
            // 1e-6 / 2^-24 = 16.777216: nearest multiple of 2^-24 is 17 * 2^-24 (0x0011).
            t = x.set(1e-6)
            t = x.checkRange(ternary: t, rounding: MPFR_RNDN)
            _ = x.subnormalize(ternary: t, rounding: MPFR_RNDN)
            #expect(x.doubleValue() == 17 * 0x1p-24)
        }
    }

    @Test func oracleRestoresRangeAndFlags() {
        let oracle = Oracle()
        // An unusual range and flag set, to see both survive every kind of call untouched.
        let custom = ExponentRange(emin: -500, emax: 700)
        custom.installed {
            mpfr_clear_flags()
            mpfr_set_divby0()
            let flags = mpfr_flags_save()
            let half = SoftFloat16.self
            _ = oracle.divide(
                half.init(bits: 0x3C00), half.init(bits: 0x4200), rounding: .toNearestOrEven, tininess: .afterRounding)
            _ = oracle.multiply(
                half.init(bits: 0x0001), half.init(bits: 0x3800), rounding: .toNearestOrAway, tininess: .beforeRounding)
            _ = oracle.add(half.init(bits: 0x7BFF), half.init(bits: 0x7BFF), rounding: .up, tininess: .afterRounding)
            _ = oracle.squareRoot(half.init(bits: 0xBC00), rounding: .down, tininess: .afterRounding)
            _ = oracle.convert(
                SoftFloat64(bits: 0x3F0F_FE00_0000_0000), to: Binary16.self, rounding: .towardZero,
                tininess: .beforeRounding)
            #expect(ExponentRange.current == custom)
            #expect(mpfr_flags_save() == flags)
        }
    }
}

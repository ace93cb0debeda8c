import SoftFloat
import Testing

/// Comparisons, minimum/maximum(Number), totalOrder, nextUp/nextDown and classification,
/// exhaustively on both FP8 formats (every pair) and binary16 (every value), against the
/// IEEE 754-2019 definitions evaluated on the decoded values (host Double, exact for these
/// formats) and the host's Float16.nextUp.
@Suite struct OrderAndClassTests {
    /// The exact value of an 8-bit encoding (nil for NaN), from the format definitions:
    /// E5M2 is the top byte of binary16; E4M3 is (-1)^s * 2^(max(e,1) - 7) * (e == 0 ? 0 : 1).f.
    static func value(e4m3 bits: UInt8) -> Double? {
        if bits & 0x7F == 0x7F { return nil }
        let e = Int(bits >> 3 & 0xF)
        let f = Double(bits & 7)
        let magnitude = e == 0 ? f / 8 * 0x1p-6 : (1 + f / 8) * Double(sign: .plus, exponent: e - 7, significand: 1)
        return bits & 0x80 != 0 ? -magnitude : magnitude
    }
    static func value(e5m2 bits: UInt8) -> Double? {
        let x = Double(Float16(bitPattern: UInt16(bits) << 8))
        return x.isNaN ? nil : x
    }

    func checkPairs<F: BinaryFormat>(_: F.Type, _ decode: (UInt8) -> Double?, signalling: (UInt8) -> Bool) {
        for i in 0...255 {
            for j in 0...255 {
                let a = BinaryFloat<F>(bits: F.Bits(i))
                let b = BinaryFloat<F>(bits: F.Bits(j))
                let x = decode(UInt8(i))
                let y = decode(UInt8(j))
                let anySignalling = signalling(UInt8(i)) || signalling(UInt8(j))
                for signaling in [false, true] {
                    var env = FloatEnvironment()
                    let c = a.compare(b, signaling: signaling, in: &env)
                    if let x, let y {
                        #expect(c == (x < y ? .less : x > y ? .greater : .equal), "\(i) \(j)")
                        #expect(env.flags == [])
                    } else {
                        #expect(c == .unordered)
                        #expect(env.flags == (signaling || anySignalling ? .invalid : []), "\(i) \(j)")
                    }
                }
                // minimum/maximum: -0 < +0; NaN in -> NaN out.
                var env = FloatEnvironment()
                let lo = a.minimum(b, in: &env)
                let hi = a.maximum(b, in: &env)
                let loN = a.minimumNumber(b, in: &env)
                let hiN = a.maximumNumber(b, in: &env)
                if let x, let y {
                    let aFirst = x < y || (x == y && (x.sign == .minus || y.sign == .plus))
                    #expect(lo.bits == (aFirst ? a : b).bits && hi.bits == (aFirst ? b : a).bits, "\(i) \(j)")
                    if x == y && x.sign != y.sign {
                        #expect(decode(UInt8(lo.bits))!.sign == .minus && decode(UInt8(hi.bits))!.sign == .plus)
                    }
                    #expect(loN.bits == lo.bits && hiN.bits == hi.bits)
                    // totalOrder on numbers: the numeric order with -0 before +0.
                    #expect(a.totalOrder(b) == aFirst || (x == y && x.sign == y.sign), "totalOrder \(i) \(j)")
                    #expect(env.flags == [])
                } else {
                    #expect(lo.isNaN && hi.isNaN)
                    if let x {
                        #expect(decode(UInt8(loN.bits)) == x && decode(UInt8(hiN.bits)) == x)
                    } else if let y {
                        #expect(decode(UInt8(loN.bits)) == y && decode(UInt8(hiN.bits)) == y)
                    } else {
                        #expect(loN.isNaN && hiN.isNaN)
                    }
                    #expect(env.flags == (anySignalling ? .invalid : []), "\(i) \(j)")
                    // NaNs sit at the ends of totalOrder by sign.
                    if x == nil && y != nil { #expect(a.totalOrder(b) == a.sign) }
                }
            }
        }
    }

    @Test func e4m3EveryPair() {
        checkPairs(Float8E4M3.self, Self.value(e4m3:), signalling: { _ in false })
    }

    @Test func e5m2EveryPair() {
        // E5M2 signalling NaNs: exponent 11111, fraction 01 (quiet bit 0x02 clear).
        checkPairs(Float8E5M2.self, Self.value(e5m2:), signalling: { $0 & 0x7F == 0x7D })
    }

    /// nextUp/nextDown: every binary16 value against Float16.nextUp/nextDown; every E4M3 value
    /// against the sorted list of its values (448 steps to NaN: no larger number).
    @Test func nextUpEveryValue() {
        for bits in 0...0xFFFF {
            let x = SoftFloat16(bits: UInt16(bits))
            let h = Float16(bitPattern: UInt16(bits))
            var env = FloatEnvironment()
            let up = x.nextUp(in: &env)
            let down = x.nextDown(in: &env)
            if h.isNaN {
                #expect(up.isNaN && down.isNaN)
                continue
            }
            #expect(
                Float16(bitPattern: up.bits) == h.nextUp && Float16(bitPattern: up.bits).sign == h.nextUp.sign,
                "0x\(String(bits, radix: 16))")
            #expect(Float16(bitPattern: down.bits) == h.nextDown, "0x\(String(bits, radix: 16))")
            #expect(env.flags == (x.isSignalingNaN ? .invalid : []))
        }
        let values = (0...255).compactMap { Self.value(e4m3: UInt8($0)) }.filter { !($0 == 0 && $0.sign == .minus) }
        let sorted = Set(values).sorted()
        for bits in 0...255 {
            guard let v = Self.value(e4m3: UInt8(bits)) else { continue }
            var env = FloatEnvironment()
            let up = SoftFloat8E4M3(bits: UInt8(bits)).nextUp(in: &env)
            let next = sorted.first { $0 > v }
            if let next {
                #expect(Self.value(e4m3: up.bits) == next, "e4m3 0x\(String(bits, radix: 16))")
            } else {
                #expect(up.isNaN && !up.sign)
            }
        }
    }

    /// Class counts of binary16, by the definitions: 2 zeros, 2 * 1023 subnormals, 2 * 30 * 1024
    /// normals, 2 infinities, 2 * 512 quiet and 2 * 511 signalling NaNs. E4M3: 2 NaNs (quiet),
    /// no infinities, 2 * 7 subnormals, 2 * 15 * 8 - 2 normals.
    @Test func classification() {
        var counts: [FloatClass: Int] = [:]
        for bits in 0...0xFFFF { counts[SoftFloat16(bits: UInt16(bits)).floatClass, default: 0] += 1 }
        #expect(
            counts == [
                .positiveZero: 1, .negativeZero: 1, .positiveSubnormal: 1023, .negativeSubnormal: 1023,
                .positiveNormal: 30_720, .negativeNormal: 30_720, .positiveInfinity: 1, .negativeInfinity: 1,
                .quietNaN: 1024, .signalingNaN: 1022,
            ])
        var fp8: [FloatClass: Int] = [:]
        for bits in 0...0xFF { fp8[SoftFloat8E4M3(bits: UInt8(bits)).floatClass, default: 0] += 1 }
        #expect(
            fp8 == [
                .positiveZero: 1, .negativeZero: 1, .positiveSubnormal: 7, .negativeSubnormal: 7,
                .positiveNormal: 119, .negativeNormal: 119, .quietNaN: 2,
            ])
    }
}

/// Integer conversions at the boundaries, derived by hand (MPFR agreement on generated
/// boundary cases is in ReferenceTests/OperationAgreementTests).
@Suite struct IntegerBoundaryTests {
    func toInt<I: FixedWidthInteger>(_ bits: UInt64, _: I.Type, _ rule: RoundingRule, exact: Bool = false) -> (
        I, ExceptionFlags
    ) {
        var env = FloatEnvironment()
        let v = SoftFloat64(bits: bits).converted(toInteger: I.self, rounding: rule, exact: exact, in: &env)
        return (v, env.flags)
    }

    @Test func boundaries() {
        // -2^31 (0xC1E0000000000000) fits Int32 exactly; 2^31 (0x41E0000000000000) does not:
        // invalid, Int32.min. 2^31 - 0.5 (0x41DFFFFFFFE00000) rounds to 2^31 - 1 toward zero,
        // to 2^31 (invalid) to nearest-even (2^31 is even).
        #expect(toInt(0xC1E0_0000_0000_0000, Int32.self, .towardZero) == (Int32.min, []))
        #expect(toInt(0x41E0_0000_0000_0000, Int32.self, .towardZero) == (Int32.min, .invalid))
        #expect(toInt(0x41DF_FFFF_FFE0_0000, Int32.self, .towardZero, exact: true) == (Int32.max, .inexact))
        #expect(toInt(0x41DF_FFFF_FFE0_0000, Int32.self, .toNearestOrEven) == (Int32.min, .invalid))
        // 2^63 (0x43E0000000000000): out of Int64 (invalid, Int64.min), in UInt64.
        #expect(toInt(0x43E0_0000_0000_0000, Int64.self, .towardZero) == (Int64.min, .invalid))
        #expect(toInt(0x43E0_0000_0000_0000, UInt64.self, .towardZero) == (1 << 63, []))
        #expect(toInt(0xC3E0_0000_0000_0000, Int64.self, .towardZero) == (Int64.min, []))
        // 2^64 (0x43F0000000000000): out of UInt64: invalid, UInt64.max.
        #expect(toInt(0x43F0_0000_0000_0000, UInt64.self, .down) == (UInt64.max, .invalid))
        // 2.5 (0x4004000000000000): even -> 2, away -> 3, up -> 3, down -> 2; exact variant inexact.
        #expect(toInt(0x4004_0000_0000_0000, Int32.self, .toNearestOrEven) == (2, []))
        #expect(toInt(0x4004_0000_0000_0000, Int32.self, .toNearestOrAway, exact: true) == (3, .inexact))
        #expect(toInt(0xC004_0000_0000_0000, Int32.self, .up) == (-2, []))
        // -0.5 to UInt32: nearest-even gives 0 (fits: -0), down gives -1 (invalid, UInt32.max).
        #expect(toInt(0xBFE0_0000_0000_0000, UInt32.self, .toNearestOrEven, exact: true) == (0, .inexact))
        #expect(toInt(0xBFE0_0000_0000_0000, UInt32.self, .down) == (UInt32.max, .invalid))
        // NaN and infinity: invalid.
        #expect(toInt(0x7FF8_0000_0000_0000, Int64.self, .towardZero) == (Int64.min, .invalid))
        #expect(toInt(0xFFF0_0000_0000_0000, UInt32.self, .towardZero) == (UInt32.max, .invalid))
        // From integers: UInt64.max = 2^64 - 1 -> binary32 rounds to 2^64 (0x5F800000), inexact;
        // Int64.min -> -2^63 exactly (0xDF000000). 2^24 + 1 -> tie, even 2^24 (0x4B800000).
        var env = FloatEnvironment()
        #expect(SoftFloat32(UInt64.max, in: &env).bits == 0x5F80_0000 && env.flags == .inexact)
        env = FloatEnvironment()
        #expect(SoftFloat32(Int64.min, in: &env).bits == 0xDF00_0000 && env.flags == [])
        #expect(SoftFloat32(Int32(16_777_217), in: &env).bits == 0x4B80_0000)
        // 65520 into binary16 overflows (ties to 2^16); into E4M3, 449 -> overflow, NaN.
        env = FloatEnvironment()
        #expect(SoftFloat16(UInt32(65_520), in: &env).bits == 0x7C00 && env.flags == [.overflow, .inexact])
        env = FloatEnvironment()
        #expect(SoftFloat8E4M3(Int32(449), in: &env).bits == 0x7E && env.flags == .inexact)
        #expect(SoftFloat8E4M3(Int32(480), in: &env).isNaN && env.flags.contains(.overflow))
    }
}

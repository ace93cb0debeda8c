import Testing
import SoftFloat
@testable import Reference
import _MPStudySupport

/// The oracle in binary16 against a second reference written without MPFR: binary16 sums,
/// differences and products, and binary64 values, are exact binary64 numbers, and rounding
/// an exact binary64 value to binary16 takes a few lines of binary64 arithmetic.
///
/// This covers what the SSE cross-check cannot: roundTiesToAway (built from round-to-odd in
/// the oracle) and tininess before rounding, in every rounding attribute.
@Suite struct IndependentBinary16Tests {
    @Test(arguments: ["add", "sub", "mul", "convert"])
    func oracleMatchesDirectRounding(operation: String) {
        let oracle = Oracle()
        var random = SeededGenerator(seed: 0x5EED_0000 &+ UInt64(operation.utf8.count))
        var failures = 0
        for _ in 0..<40_000 {
            let a = edgeBiasedHalf(&random)
            let b = edgeBiasedHalf(&random)
            let x = SoftFloat16(bits: a)
            let y = SoftFloat16(bits: b)
            let d = Double(bitPattern: edgeBiasedDoubleNearHalfRange(&random))
            guard Float16(bitPattern: a).isFinite, Float16(bitPattern: b).isFinite, d.isFinite else { continue }
            let exact: Double
            switch operation {
            case "add": exact = Double(Float16(bitPattern: a)) + Double(Float16(bitPattern: b))
            case "sub": exact = Double(Float16(bitPattern: a)) - Double(Float16(bitPattern: b))
            case "mul": exact = Double(Float16(bitPattern: a)) * Double(Float16(bitPattern: b))
            default: exact = d
            }
            guard exact != 0 else { continue }  // exact zeros: signs are checked by hand elsewhere
            for rule in RoundingRule.allCases {
                for tininess in Tininess.allCases {
                    let actual: OracleResult<Binary16>
                    switch operation {
                    case "add": actual = oracle.add(x, y, rounding: rule, tininess: tininess)
                    case "sub": actual = oracle.subtract(x, y, rounding: rule, tininess: tininess)
                    case "mul": actual = oracle.multiply(x, y, rounding: rule, tininess: tininess)
                    default:
                        actual = oracle.convert(
                            SoftFloat64(bits: d.bitPattern), to: Binary16.self,
                            rounding: rule, tininess: tininess)
                    }
                    let expected = roundToBinary16(exact, rule, tininess)
                    if actual.value.bits != expected.bits || actual.flags != expected.flags {
                        failures += 1
                        if failures <= 10 {
                            Issue.record(
                                """
                                \(operation) \(rule) \(tininess): exact \(exact) (a 0x\(String(a, radix: 16)) \
                                b 0x\(String(b, radix: 16))) expected 0x\(String(expected.bits, radix: 16)) \
                                \(expected.flags), oracle \(actual)
                                """)
                        }
                    }
                }
            }
        }
        #expect(failures == 0)
    }
}

/// `value` (finite, nonzero, exact) rounded to binary16 as IEEE 754 prescribes, with flags.
///
/// With E = max(floor(log2 |v|), -14) the binary16 numbers near |v| are multiples of
/// 2^(E-10); q = |v| / 2^(E-10) splits exactly into an integer part and a fraction that
/// decides the rounding. The unbounded-range rounding (for tininess after rounding) uses
/// E = floor(log2 |v|) instead, that is p = 11 bits whatever the exponent.
private func roundToBinary16(_ value: Double, _ rule: RoundingRule, _ tininess: Tininess)
    -> (bits: UInt16, flags: ExceptionFlags)
{
    let negative = value < 0
    let magnitude = abs(value)
    func rounded(_ exponent: Int) -> Double {
        let ulp = Double(sign: .plus, exponent: exponent - 10, significand: 1)
        let q = magnitude / ulp
        let low = q.rounded(.down)
        let fraction = q - low
        let up: Bool
        switch rule {
        case .toNearestOrEven:
            up = fraction > 0.5 || (fraction == 0.5 && low.truncatingRemainder(dividingBy: 2) == 1)
        case .toNearestOrAway: up = fraction >= 0.5
        case .towardZero: up = false
        case .up: up = fraction > 0 && !negative
        case .down: up = fraction > 0 && negative
        }
        return (up ? low + 1 : low) * ulp
    }
    let binade = Int(magnitude.exponent)
    let delivered = rounded(max(binade, -14))
    let unbounded = rounded(binade)
    let largest = 65504.0
    let leastNormal = 0x1p-14
    var flags: ExceptionFlags = delivered != magnitude ? .inexact : []
    let bits: UInt16
    if unbounded > largest {
        flags = [.overflow, .inexact]
        let toInfinity: Bool
        switch rule {
        case .toNearestOrEven, .toNearestOrAway: toInfinity = true
        case .towardZero: toInfinity = false
        case .up: toInfinity = !negative
        case .down: toInfinity = negative
        }
        bits = toInfinity ? 0x7C00 : 0x7BFF
    } else {
        bits = Float16(delivered).bitPattern  // exact: delivered is a binary16 number
        let tiny = tininess == .afterRounding ? unbounded < leastNormal : magnitude < leastNormal
        if tiny && flags.contains(.inexact) { flags.insert(.underflow) }
    }
    return (negative ? bits | 0x8000 : bits, flags)
}

/// Binary16 encodings with every exponent field equally likely and edge-heavy fractions.
private func edgeBiasedHalf(_ random: inout SeededGenerator) -> UInt16 {
    let field = UInt16(truncatingIfNeeded: random.next() % 31)
    let fraction: UInt16
    switch random.next() % 5 {
    case 0: fraction = 0
    case 1: fraction = 0x3FF
    case 2: fraction = 1 << UInt16(random.next() % 10)
    default: fraction = UInt16(truncatingIfNeeded: random.next()) & 0x3FF
    }
    return UInt16(truncatingIfNeeded: random.next() & 1) << 15 | field << 10 | fraction
}

/// Binary64 values in and around binary16's range (2^-27 ... 2^17), often with a tie or a
/// near-tie pattern at bit 11, 12 or below the subnormal rounding point, or just below a
/// power of two (which rounds up to 2^-14 from below: tiny before rounding only).
private func edgeBiasedDoubleNearHalfRange(_ random: inout SeededGenerator) -> UInt64 {
    let exponent = UInt64(1023 - 27) + random.next() % 45
    var fraction = random.next() & ((1 << 52) - 1)
    switch random.next() % 5 {
    case 0: fraction &= ~((1 << UInt64(52 - 11 - random.next() % 14)) - 1)  // few bits: exact, ties
    case 1: fraction |= (1 << 40) - 1  // just below a tie at various widths
    case 2: fraction |= ((1 << 52) - 1) & ~((1 << UInt64(40 - random.next() % 3)) - 1)  // just below 2^k
    default: break
    }
    return (random.next() & 1) << 63 | exponent << 52 | fraction
}

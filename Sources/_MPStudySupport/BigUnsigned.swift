//===--- BigUnsigned.swift ------------------------------------------------===//
//
// The smallest unsigned big integer that exact decimal expansion needs.
//
//===----------------------------------------------------------------------===//

/// An unsigned integer of any size, with only the three operations that turn a binary64
/// value m·2^e into its exact decimal digits: multiply by a small factor (m·5^k), shift left
/// (m·2^e for e > 0) and read the decimal digits. Little-endian 32-bit limbs, 64-bit
/// intermediates; no trailing zero limbs (zero is the empty array).
///
/// Sizes stay small: the largest product is m·5^1074 (the smallest subnormal's expansion),
/// about 2,550 bits, and the largest shift gives 2^1024, so no operation here is a hot spot.
struct BigUnsigned: Equatable {
    /// Limbs, least significant first.
    private(set) var limbs: [UInt32]

    /// `value` as a big integer.
    init(_ value: UInt64) {
        limbs = [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
        normalize()
    }

    /// True for 0.
    var isZero: Bool { limbs.isEmpty }

    /// `self *= factor`.
    mutating func multiply(by factor: UInt32) {
        var carry: UInt64 = 0
        for i in limbs.indices {
            let product = UInt64(limbs[i]) * UInt64(factor) + carry
            limbs[i] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
        normalize()
    }

    /// `self *= 5^exponent`, in steps of 5^13 (the largest power of five below 2^32).
    mutating func multiply(byPowerOfFive exponent: Int) {
        var remaining = exponent
        while remaining >= 13 {
            multiply(by: 1_220_703_125)  // 5^13
            remaining -= 13
        }
        var factor: UInt32 = 1
        for _ in 0..<max(0, remaining) { factor *= 5 }
        if factor != 1 { multiply(by: factor) }
    }

    /// `self *= 2^count`.
    mutating func shiftLeft(by count: Int) {
        guard !isZero, count > 0 else { return }
        let whole = count / 32
        let bits = count % 32
        if bits != 0 {
            var carry: UInt32 = 0
            for i in limbs.indices {
                let limb = limbs[i]
                limbs[i] = (limb << UInt32(bits)) | carry
                carry = limb >> UInt32(32 - bits)
            }
            if carry != 0 { limbs.append(carry) }
        }
        limbs.insert(contentsOf: repeatElement(0, count: whole), at: 0)
    }

    /// `self /= divisor`, returning the remainder.
    private mutating func divide(by divisor: UInt32) -> UInt32 {
        var remainder: UInt64 = 0
        for i in limbs.indices.reversed() {
            let current = (remainder << 32) | UInt64(limbs[i])
            limbs[i] = UInt32(current / UInt64(divisor))
            remainder = current % UInt64(divisor)
        }
        normalize()
        return UInt32(remainder)
    }

    /// The decimal digits (0...9), most significant first, without leading zeros; `[0]` for 0.
    /// Peels nine digits at a time off the low end (division by 10^9).
    var decimalDigits: [UInt8] {
        guard !isZero else { return [0] }
        var value = self
        var reversed: [UInt8] = []
        while !value.isZero {
            var chunk = value.divide(by: 1_000_000_000)
            for _ in 0..<9 {
                reversed.append(UInt8(chunk % 10))
                chunk /= 10
            }
        }
        while reversed.count > 1 && reversed.last == 0 { reversed.removeLast() }
        return reversed.reversed()
    }

    /// Drops the most significant zero limbs, so that equal values have equal limbs.
    private mutating func normalize() {
        while limbs.last == 0 { limbs.removeLast() }
    }
}

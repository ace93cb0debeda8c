//===--- ExactDotProduct.swift --------------------------------------------===//
//
// The exact dot product of two float32 vectors, rounded once.
//
//===----------------------------------------------------------------------===//

/// Σ a_k·b_k of float32 vectors computed exactly and rounded once to Double: the reference a
/// GEMM's float32 accumulation is measured against.
///
/// Each product of two float32 numbers is exact in Double (24 + 24 significant bits fit in 53;
/// its exponent lies in [-298, 256), inside Double's normal range), and the products are added
/// in a fixed-point accumulator (Kulisch's long accumulator) of 32-bit digits in Int64 slots
/// with weights 2^-352 to 2^352: every product's bits land in it exactly, and the slots'
/// spare 31 bits absorb the carries of 2^31 additions before a normalisation, so the sum has
/// no rounding at all until ``value`` rounds it to nearest (ties to even).
///
/// The digits live inline (no heap array, no copy-on-write check per addition), so an array
/// of accumulators is one block of memory that ``GEMMErrorBudget`` fills a few at a time.
public struct ExactDotProduct {
    /// The weight of the lowest bit: 2^-352, at most the last bit of the smallest product
    /// 2^-298 = 2^52 · 2^-350.
    static let lowExponent = -352
    /// 22 digits of 32 bits: 2^-352 ..< 2^352, above the largest |sum| (2^31 products < 2^256).
    static let digitCount = 22
    /// ``digitCount`` digits (an InlineArray's count must be written as a literal).
    private var digits = InlineArray<22, Int64>(repeating: 0)
    private var additions = 0
    /// Set when a product was NaN or infinite (then ``value`` is NaN or that infinity).
    private var special: Double?

    public init() {}

    /// Adds a·b exactly.
    @inline(__always)
    public mutating func add(_ a: Float, _ b: Float) {
        let p = Double(a) * Double(b)  // exact
        guard p.isFinite else {
            special = special.map { $0 + p } ?? p
            return
        }
        guard p != 0 else { return }
        // p = ±m · 2^e with m < 2^53 an integer.
        let m = Int64(p.significandBitPattern | (p.isNormal ? 1 << 52 : 0))
        let e = Int(p.exponent) - 52
        let shift = e - Self.lowExponent  // in [2, 555] by the range of float32 products
        let slot = shift >> 5
        let offset = UInt64(shift & 31)
        // m · 2^offset spans at most 53 + 31 = 84 bits: three 32-bit digits.
        let bits = UInt64(m)
        let low = (bits << offset) & 0xFFFF_FFFF
        let middle = (bits >> (32 - offset)) & 0xFFFF_FFFF  // a shift by 32 or more is 0 in Swift
        let high = bits >> (64 - offset)
        let sign: Int64 = p < 0 ? -1 : 1
        digits[slot] += sign * Int64(low)
        digits[slot + 1] += sign * Int64(middle)
        digits[slot + 2] += sign * Int64(high)
        additions += 1
        if additions == Int(Int32.max) { normalize() }
    }

    /// Carries every slot into 32-bit digits (the top slot keeps the sign).
    private mutating func normalize() {
        var carry: Int64 = 0
        for i in 0..<(Self.digitCount - 1) {
            let v = digits[i] + carry
            let digit = v & 0xFFFF_FFFF  // two's complement: v = digit + 2^32 · (v >> 32)
            carry = v >> 32
            digits[i] = digit
        }
        digits[Self.digitCount - 1] += carry
        additions = 0
    }

    /// The sum rounded to the nearest Double (ties to even).
    public var value: Double {
        if let special { return special }
        var copy = self
        copy.normalize()
        let negative = copy.digits[Self.digitCount - 1] < 0
        // The magnitude as non-negative 32-bit digits.
        var magnitude = (0..<Self.digitCount).map { UInt64(bitPattern: copy.digits[$0]) }
        if negative {
            // Two's complement of the whole number (digits below the top are in [0, 2^32)).
            var borrow: UInt64 = 1
            for i in 0..<(Self.digitCount - 1) {
                let v = (0xFFFF_FFFF - magnitude[i]) + borrow
                magnitude[i] = v & 0xFFFF_FFFF
                borrow = v >> 32
            }
            magnitude[Self.digitCount - 1] = UInt64(-copy.digits[Self.digitCount - 1] - 1) + borrow
        }
        guard let top = magnitude.lastIndex(where: { $0 != 0 }) else { return 0 }
        // Gather the leading 96+ bits and a sticky bit, then round once.
        let leadingZeros = magnitude[top].leadingZeroBitCount - 32
        let bitLength = (top + 1) * 32 - leadingZeros  // bits above 2^lowExponent
        // Take 64 bits starting at the top bit: bits [bitLength - 64, bitLength).
        var window: UInt64 = 0
        var sticky = false
        let lowBit = bitLength - 64
        for i in 0...top {
            let digit = magnitude[i]
            for b in 0..<32 where (digit >> b) & 1 == 1 {
                let position = i * 32 + b
                if position >= lowBit {
                    window |= 1 << (position - lowBit)
                } else {
                    sticky = true
                }
            }
        }
        // window holds the 64 leading bits (top bit set when bitLength >= 64); round to 53.
        let exponent = lowBit + Self.lowExponent  // weight of window's bit 0
        var significand = window >> 11
        let rest = window & 0x7FF
        let half: UInt64 = 0x400
        if rest > half || (rest == half && (sticky || significand & 1 == 1)) { significand += 1 }
        return Double(sign: negative ? .minus : .plus, exponent: exponent + 11, significand: Double(significand))
    }
}

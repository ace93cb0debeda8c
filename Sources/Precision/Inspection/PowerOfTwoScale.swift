//===--- PowerOfTwoScale.swift --------------------------------------------===//
//
// The per-tensor scale 2^k that flushes least without overflowing, and what it does.
//
//===----------------------------------------------------------------------===//

/// A power-of-two per-tensor scale s = 2^k for storing x · s instead of x, and what rounding
/// the scaled tensor does. Multiplying by 2^k is exact (short of float32's own range), so the
/// scale moves every binade by k and changes nothing else.
///
/// Flushes can only decrease as k grows (|x| · 2^k rounds to zero for fewer x), so the largest
/// k at which no finite value overflows (or saturates) flushes least among the scales that do
/// not overflow: that k is ``exponent``. It follows from the largest finite magnitude amax
/// alone: k0 = emax - floor(log2 amax) puts amax in the format's top binade, and is taken when
/// amax · 2^k0 rounds to at most the largest finite value, else k0 - 1 (which puts amax below
/// 2^emax, where nothing can overflow).
public struct PowerOfTwoScale: Sendable, Equatable, Codable {
    /// k, clamped to -126...127 (2^k a normal float32).
    public var exponent: Int
    /// Finite values that overflow (or saturate) at 2^k: zero unless the clamp was hit.
    public var overflow: UInt64 = 0
    /// Finite nonzero values flushed to zero at 2^k.
    public var flushed: UInt64 = 0
    /// Values that become subnormal at 2^k.
    public var subnormal: UInt64 = 0

    public init(exponent: Int) { self.exponent = exponent }

    /// The scale 2^`exponent` with what rounding at it did (a kernel's counterfactual counts).
    init(exponent: Int, counts: ScaledCounts) {
        self.exponent = exponent
        overflow = counts.overflow
        flushed = counts.underflow
        subnormal = counts.subnormal
    }

    /// The scale as a float32.
    public var scale: Float { Float(sign: .plus, exponent: exponent, significand: 1) }

    /// The exponent k for a tensor whose largest finite magnitude is `amax` in `format`; nil
    /// when the tensor has no finite nonzero value.
    public static func exponent(amax: Float, in format: FormatExtent) -> Int? {
        guard amax.isFinite, amax > 0 else { return nil }
        let top = format.maxExponent - Int(amax.exponent)
        let k =
            format.fitsWithoutOverflow(Double(amax) * Double(sign: .plus, exponent: top, significand: 1))
            ? top : top - 1
        return min(max(k, -126), 127)
    }
}

//===--- ElementFormat.swift ----------------------------------------------===//
//
// The narrow element formats of scaled and block-scaled tensors.
//
//===----------------------------------------------------------------------===//

import CKernels
import SoftFloat

/// An element format of a scaled tensor (OCP FP8, MX v1.0 FP6 and FP4): what each value of the
/// tensor is stored in, between its scales.
///
/// In a scaled tensor every element saturates: a scaled value beyond the largest finite one
/// becomes ±max (the OCP conversion rule, and what Transformer Engine and the MX references do),
/// also in E5M2, which has infinities of its own.
public enum ElementFormat: String, Sendable, CaseIterable, Codable {
    case e4m3
    case e5m2
    case e3m2
    case e2m3
    case e2m1

    /// The SoftFloat format: the one place the parameters come from.
    public var softFloatFormat: any BinaryFormat.Type {
        switch self {
        case .e4m3: Float8E4M3.self
        case .e5m2: Float8E5M2.self
        case .e3m2: Float6E3M2.self
        case .e2m3: Float6E2M3.self
        case .e2m1: Float4E2M1.self
        }
    }

    /// Precision p, with the implicit bit (E2M1: 2); the unit of the error statistics is 2^-p.
    public var precision: Int { softFloatFormat.precision }
    /// The exponent of the smallest normal binade.
    public var minExponent: Int { softFloatFormat.minExponent }
    /// emax: the exponent of the largest binade; MX scales put a block's maximum there.
    public var maxExponent: Int { softFloatFormat.maxExponent }

    /// The largest finite value (E4M3 448, E5M2 57344, E3M2 28, E2M3 7.5, E2M1 6).
    public var maxFinite: Double { Self.maxFinite(softFloatFormat) }

    private static func maxFinite<F: BinaryFormat>(_ format: F.Type) -> Double {
        var env = FloatEnvironment()
        return BinaryFloat<F>.greatestFinite().converted(to: Binary64.self, in: &env).doubleValue
    }

    /// The kernels' description of the format.
    var kernelElement: ck_element {
        ck_element(
            precision: Int32(precision), minExponent: Int32(minExponent), maxExponent: Int32(maxExponent),
            maxFinite: Float(maxFinite))
    }

    /// `q` rounded to this format, ties to even, saturating at ±max (an infinite q too); a NaN
    /// stays NaN. The scalar reference of every kernel, by SoftFloat's conversion (bit-exact
    /// against MPFR).
    public func rounded(_ q: Double) -> Double {
        if q.isInfinite { return q < 0 ? -maxFinite : maxFinite }
        return Self.rounded(q, softFloatFormat)
    }

    private static func rounded<F: BinaryFormat>(_ q: Double, _ format: F.Type) -> Double {
        if q.isNaN { return q }
        var env = FloatEnvironment(saturatesOverflow: true)
        let value = BinaryFloat<Binary64>(bits: q.bitPattern).converted(to: F.self, in: &env)
        var back = FloatEnvironment()
        return value.converted(to: Binary64.self, in: &back).doubleValue
    }
}

extension BinaryFloat where Format == Binary64 {
    /// The host Double of the same bits.
    @inlinable var doubleValue: Double { Double(bitPattern: bits) }
}

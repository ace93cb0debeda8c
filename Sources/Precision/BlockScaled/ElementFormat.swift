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
        struct One: ElementFormatVisitor {
            let q: Double
            func visit<F: BinaryFormat>(_: F.Type) -> Double { ElementFormat.rounded(q, F.self) }
        }
        return visit(One(q: q))
    }

    /// ``rounded(_:)`` of every float32 in `values`, into `results` (same count), with
    /// whether each finite value overflowed (saturated): the bulk form of the reference, for
    /// the exhaustive sweeps. One switch on the format per call, then a loop of specialised
    /// generic SoftFloat code converting from binary32 (the same correctly rounded conversion
    /// of the same value as from its exact binary64 widening, without the widening).
    public func rounded(
        _ values: UnsafeBufferPointer<Float>, into results: UnsafeMutableBufferPointer<Float>,
        overflowed: UnsafeMutableBufferPointer<Bool>
    ) {
        precondition(results.count == values.count && overflowed.count == values.count)
        struct Many: ElementFormatVisitor {
            let values: UnsafeBufferPointer<Float>
            let results: UnsafeMutableBufferPointer<Float>
            let overflowed: UnsafeMutableBufferPointer<Bool>
            func visit<F: BinaryFormat>(_: F.Type) {
                var back = FloatEnvironment()
                let largest = Float(
                    bitPattern: BinaryFloat<F>.greatestFinite().converted(to: Binary32.self, in: &back).bits)
                for i in values.indices {
                    let x = values[i]
                    var env = FloatEnvironment(saturatesOverflow: true)
                    let r: Float
                    if x.isNaN {
                        r = x
                    } else if x.isInfinite {
                        r = x < 0 ? -largest : largest
                    } else {
                        let value = BinaryFloat<Binary32>(bits: x.bitPattern).converted(to: F.self, in: &env)
                        r = Float(bitPattern: value.converted(to: Binary32.self, in: &back).bits)
                    }
                    results[i] = r
                    overflowed[i] = env.flags.contains(.overflow)
                }
            }
        }
        visit(Many(values: values, results: results, overflowed: overflowed))
    }

    /// Calls `visitor` with the SoftFloat format: the one switch from this runtime value to
    /// generic code specialised per format (the visitor is defined in this module, so the
    /// optimiser sees both and specialises; an `any BinaryFormat.Type` would not be).
    func visit<V: ElementFormatVisitor>(_ visitor: V) -> V.Result {
        switch self {
        case .e4m3: visitor.visit(Float8E4M3.self)
        case .e5m2: visitor.visit(Float8E5M2.self)
        case .e3m2: visitor.visit(Float6E3M2.self)
        case .e2m3: visitor.visit(Float6E2M3.self)
        case .e2m1: visitor.visit(Float4E2M1.self)
        }
    }

    /// The reference of one value in the SoftFloat format `F`.
    @inline(__always)
    static func rounded<F: BinaryFormat>(_ q: Double, _ format: F.Type) -> Double {
        var env = FloatEnvironment(saturatesOverflow: true)
        return rounded(q, format, &env)
    }

    /// The reference proper: an infinite q saturates (SoftFloat's saturation is of overflows,
    /// and an infinity converts exactly to E5M2's infinity), a NaN stays NaN, and everything
    /// else is SoftFloat's saturating conversion widened back exactly; `env` gets the
    /// conversion's flags (overflow: a finite q saturated).
    @inline(__always)
    static func rounded<F: BinaryFormat>(_ q: Double, _ format: F.Type, _ env: inout FloatEnvironment) -> Double {
        if q.isNaN { return q }
        if q.isInfinite {
            let max = BinaryFloat<F>.greatestFinite(negative: q < 0)
            var back = FloatEnvironment()
            return max.converted(to: Binary64.self, in: &back).doubleValue
        }
        let value = BinaryFloat<Binary64>(bits: q.bitPattern).converted(to: F.self, in: &env)
        var back = FloatEnvironment()
        return value.converted(to: Binary64.self, in: &back).doubleValue
    }
}

/// Generic work over an ``ElementFormat``'s SoftFloat format (Swift has no generic closures).
protocol ElementFormatVisitor {
    associatedtype Result
    func visit<F: BinaryFormat>(_ format: F.Type) -> Result
}

extension BinaryFloat where Format == Binary64 {
    /// The host Double of the same bits.
    @inlinable var doubleValue: Double { Double(bitPattern: bits) }
}

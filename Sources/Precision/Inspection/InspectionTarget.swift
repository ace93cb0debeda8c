//===--- InspectionTarget.swift -------------------------------------------===//
//
// What a stored tensor is checked against: a format, an element format, or a scheme.
//
//===----------------------------------------------------------------------===//

import CKernels
import SoftFloat

/// A format or scaling scheme a tensor's float32 values are rounded to by `mpstudy inspect`,
/// each through the kernels that already do it elsewhere: ``TensorRounder`` for the IEEE
/// compute formats, ``ScaledQuantizer`` (per-tensor scale 1) for the OCP FP8/FP6/FP4 element
/// formats (which saturate), ``ScaledQuantizer`` with the scheme for MX and NVFP4, and the
/// portable C kernels with the format's `ck_element` for runtime formats (``runtime(_:)``).
public enum InspectionTarget: Sendable, Equatable {
    case compute(ComputeFormat)
    case element(ElementFormat)
    case scheme(BlockScaling)
    /// A format chosen at run time (`e5m10`, `e4m3fn`, `custom:...`): an IEEE-like one rounds
    /// as half and bfloat16 do (overflow to infinity, counted as overflow; the statistics of
    /// `ck_round_element_portable`), one without infinities saturates to ±max as the OCP
    /// element formats do (the per-tensor kernel at scale 1). So `e5m10` gives half's numbers
    /// and `e4m3fn` gives e4m3's.
    case runtime(RuntimeFormat)

    /// The format each value is finally stored in: its range is the one the histogram is read
    /// against.
    public var range: FormatExtent {
        switch self {
        case .compute(let format): FormatExtent(format.softFloatFormat)
        case .element(let format): FormatExtent(format.softFloatFormat)
        case .scheme(let scheme): FormatExtent(scheme.element.softFloatFormat)
        case .runtime(let format): FormatExtent(format)
        }
    }

    /// Whether a power-of-two per-tensor scale is searched for (not for float32, which the
    /// values already are, nor for the block schemes, whose block scales do that job).
    public var takesTensorScale: Bool {
        switch self {
        case .compute(let format): format != .float32
        case .element, .runtime: true
        case .scheme: false
        }
    }
}

/// The exponent range and precision of a format, as plain numbers for reports.
public struct FormatExtent: Sendable, Equatable, Codable {
    /// p, with the implicit bit: u = 2^-p is the unit of the error columns.
    public var precision: Int
    /// emin, the exponent of the smallest normal binade.
    public var minExponent: Int
    /// emax, the exponent of the largest binade.
    public var maxExponent: Int
    /// emin - (p - 1), the exponent of the smallest subnormal.
    public var minSubnormalExponent: Int
    /// The largest finite value.
    public var maxFinite: Double

    public init(precision: Int, minExponent: Int, maxExponent: Int, maxFinite: Double) {
        self.precision = precision
        self.minExponent = minExponent
        self.maxExponent = maxExponent
        self.minSubnormalExponent = minExponent - (precision - 1)
        self.maxFinite = maxFinite
    }

    /// The extent of a runtime format (computed by SoftFloat inside its binding).
    init(_ format: RuntimeFormat) {
        struct Extent: FormatVisitor {
            func visit<F: BinaryFormat>(_: F.Type) -> FormatExtent { FormatExtent(F.self) }
        }
        self = format.visit(Extent())
    }

    init(_ format: any BinaryFormat.Type) {
        func largest<F: BinaryFormat>(_: F.Type) -> Double {
            var env = FloatEnvironment()
            return Double(bitPattern: BinaryFloat<F>.greatestFinite().converted(to: Binary64.self, in: &env).bits)
        }
        self.init(
            precision: format.precision, minExponent: format.minExponent, maxExponent: format.maxExponent,
            maxFinite: largest(format))
    }

    /// The kernels' description of the format, with its largest value at `maxFinite`.
    func kernelElement(maxFinite: Float) -> ck_element {
        ck_element(
            precision: Int32(precision), minExponent: Int32(minExponent), maxExponent: Int32(maxExponent),
            maxFinite: maxFinite)
    }

    /// The kernels' description with the largest finite value rounded toward zero to a float
    /// (exact unless p > 24; then no float32 result lies between it and the true maximum, so
    /// the kernels' comparisons with it decide overflow exactly).
    var kernelElementRoundedDown: ck_element {
        var largest = Float(maxFinite)
        if Double(largest) > maxFinite { largest = largest.nextDown }
        return kernelElement(maxFinite: largest)
    }

    /// Whether `value` (nonnegative) stays finite and unsaturated when rounded to this format:
    /// its rounding with an unbounded exponent (the kernels' element rounding, ties to even)
    /// is at most the largest finite value. For IEEE formats this is "does not round to
    /// infinity"; for the saturating OCP formats "is not clamped to ±max", as the kernels count.
    func fitsWithoutOverflow(_ value: Double) -> Bool {
        Double(ck_element_round(value, kernelElement(maxFinite: .infinity))) <= maxFinite
    }
}

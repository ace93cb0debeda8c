import SoftFloat

/// A format tensors are rounded to by the bulk kernels: the compute or variable format of a
/// precision policy.
public enum ComputeFormat: String, CaseIterable, Sendable, Codable {
    case float32
    case float16
    case bfloat16

    /// Precision p in bits (11 for float16: its unit roundoff is 2^-11).
    public var precision: Int {
        switch self {
        case .float32: Binary32.precision
        case .float16: Binary16.precision
        case .bfloat16: 8
        }
    }

    /// emin: the exponent of the smallest normal number.
    public var minExponent: Int {
        switch self {
        case .float32, .bfloat16: -126
        case .float16: -14
        }
    }

    /// emax: the exponent of the largest finite number.
    public var maxExponent: Int {
        switch self {
        case .float32, .bfloat16: 127
        case .float16: 15
        }
    }

    /// The exponent of the smallest subnormal number, emin - (p - 1).
    public var minSubnormalExponent: Int { minExponent - (precision - 1) }

    /// Whether values in this format need rounding from float32 at all.
    public var isNarrowerThanFloat32: Bool { self != .float32 }
}

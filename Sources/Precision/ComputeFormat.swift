import SoftFloat

/// A format tensors are rounded to by the bulk kernels: the compute or variable format of a
/// precision policy.
public enum ComputeFormat: String, CaseIterable, Sendable, Codable {
    case float32
    case float16
    case bfloat16

    /// The SoftFloat format type of this case: the one place its parameters come from.
    public var softFloatFormat: any BinaryFormat.Type {
        switch self {
        case .float32: Binary32.self
        case .float16: Binary16.self
        case .bfloat16: BFloat16.self
        }
    }

    /// Precision p in bits (11 for float16: its unit roundoff is 2^-11).
    public var precision: Int { softFloatFormat.precision }

    /// emin: the exponent of the smallest normal number.
    public var minExponent: Int { softFloatFormat.minExponent }

    /// emax: the exponent of the largest finite number.
    public var maxExponent: Int { softFloatFormat.maxExponent }

    /// The exponent of the smallest subnormal number, emin - (p - 1).
    public var minSubnormalExponent: Int { minExponent - (precision - 1) }

    /// Whether values in this format need rounding from float32 at all.
    public var isNarrowerThanFloat32: Bool { self != .float32 }
}

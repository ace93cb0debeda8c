/// How the loss is scaled before the backward pass (Keras `LossScaleOptimizer`).
public enum LossScaling: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// No scaling (scale 1).
    case none
    /// A constant scale; gradients are applied even when not finite (as Keras without dynamic).
    case fixed(Float)
    /// Keras dynamic semantics: start at `initial`; a step whose gradients are not all finite
    /// is skipped and halves the scale; after `growthInterval` consecutive finite steps the
    /// scale doubles.
    case dynamic(initial: Float = 32768, growthInterval: Int = 2000)

    /// Parses `dynamic`, `none` or a fixed scale (case-insensitive). A fixed scale must be a
    /// positive normal float32 number (2^-126 to the largest finite float32), read correctly
    /// rounded to float32: `1e40` (infinity in float32) and `1e-40` (a subnormal, which loses
    /// precision itself and makes the scaled loss underflow) are refused, as are zero,
    /// negative numbers, infinities and NaN.
    public init?(argument: String) {
        switch argument.lowercased() {
        case "dynamic": self = .dynamic()
        case "none": self = .none
        default:
            guard let value = Float(argument), value.isNormal, value > 0 else { return nil }
            self = .fixed(value)
        }
    }

    public var description: String {
        switch self {
        case .none: "none"
        case .fixed(let s): "fixed \(s)"
        case .dynamic(let initial, let interval): "dynamic (initial \(initial), growth every \(interval) finite steps)"
        }
    }
}

/// The loss scale over training, updated once per step from whether the step's gradients
/// were all finite.
public struct LossScaler: Sendable, Equatable {
    public let scaling: LossScaling
    /// The scale the next step multiplies its loss by.
    public private(set) var scale: Float
    /// Consecutive finite steps since the scale last changed (dynamic only).
    public private(set) var finiteSteps = 0

    public init(_ scaling: LossScaling) {
        self.scaling = scaling
        switch scaling {
        case .none: scale = 1
        case .fixed(let s): scale = s
        case .dynamic(let initial, _): scale = initial
        }
    }

    /// Records one step; returns whether its gradients are applied.
    public mutating func update(gradientsAreFinite: Bool) -> Bool {
        guard case .dynamic(_, let interval) = scaling else { return true }
        if !gradientsAreFinite {
            scale /= 2
            finiteSteps = 0
            return false
        }
        finiteSteps += 1
        if finiteSteps >= interval {
            scale *= 2
            finiteSteps = 0
        }
        return true
    }
}

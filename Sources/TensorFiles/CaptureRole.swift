//===--- CaptureRole.swift ------------------------------------------------===//
//
// The roles of a captured layer's tensors (`<layer>/<role>` in a capture step file).
//
//===----------------------------------------------------------------------===//

/// What a captured tensor is to its layer (docs/capture-format.md), in forward-to-backward
/// order. The raw values are the names step files use.
public enum CaptureRole: String, Sendable, CaseIterable, Codable {
    case input
    case weight
    case bias
    case forwardOutput = "forward_output"
    case output
    case outputGradient = "output_gradient"
    case preActivationGradient = "pre_activation_gradient"
    case weightGradient = "weight_gradient"
    case biasGradient = "bias_gradient"
    case inputGradient = "input_gradient"
    case weightUpdate = "weight_update"
    case biasUpdate = "bias_update"

    /// `<layer>/<role>` split at its last `/`; nil when there is no `/` or the role is unknown.
    public static func split(_ name: String) -> (layer: String, role: CaptureRole)? {
        guard let slash = name.lastIndex(of: "/"),
            let role = CaptureRole(rawValue: String(name[name.index(after: slash)...]))
        else { return nil }
        return (String(name[..<slash]), role)
    }
}

//===--- ScalingCounterfactual.swift --------------------------------------===//
//
// The other scaling a recipe's operand is compared with, to explain what its own did.
//
//===----------------------------------------------------------------------===//

/// The scaling an operand is also quantised with, for the statistics only (training uses the
/// recipe's own): what a recipe's choice of scaling bought or cost on the same tensor.
///
/// - ``perTensor``: the block recipes (MX, NVFP4) against one per-tensor scale of the same
///   element format, from the tensor's own amax (s = max_elem / amax, as current scaling):
///   the elements a single scale flushes that the blocks keep.
/// - ``current``: delayed scaling against current scaling: what the lag of the history's
///   scale cost (saturation after a jump, flushing after a drop).
/// - ``perBlock``: current scaling against MX blocks of 32 with the same element format
///   (E8M0 scales along the GEMM's reduction axis): what per-block scales would add.
public enum ScalingCounterfactual: String, Sendable, CaseIterable, Codable {
    case perTensor = "per_tensor"
    case current
    case perBlock = "per_block"

    /// A few words for tables: "per-tensor scale", "current scale", "MX blocks of 32".
    public var phrase: String {
        switch self {
        case .perTensor: "one per-tensor scale"
        case .current: "current scaling"
        case .perBlock: "MX blocks of 32"
        }
    }
}

extension Recipe {
    /// The counterfactual of this recipe's operands.
    public var counterfactual: ScalingCounterfactual {
        switch kind {
        case .fp8Delayed: .current
        case .fp8Current: .perBlock
        case .mxfp8, .mxfp6, .mxfp4, .nvfp4: .perTensor
        }
    }

    /// The counterfactual scheme of `operand` for a tensor whose largest magnitude is `amax`:
    /// nil when a per-tensor counterfactual has no scale (amax zero or not finite).
    public func counterfactualScheme(of operand: GEMMOperand, amax: Float) -> BlockScaling? {
        let element = element(of: operand)
        switch counterfactual {
        case .perTensor, .current:
            return tensorScale(amax: amax, element: element).map { .tensor(element: element, scale: $0) }
        case .perBlock:
            return .mx(element: element, blockSize: Self.mxBlockSize)
        }
    }
}

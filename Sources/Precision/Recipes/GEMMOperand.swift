//===--- GEMMOperand.swift ------------------------------------------------===//
//
// The operands of a Dense layer's three GEMMs, and the axis each is quantised along.
//
//===----------------------------------------------------------------------===//

/// One operand of one of a Dense layer's GEMMs (X `[batch, in]`, W `[in, units]`,
/// dZ `[batch, units]`): forward Z = X·W, weight gradient dW = Xᵀ·dZ, input gradient
/// dX = dZ·Wᵀ. A block-scaled operand has its blocks along the GEMM's reduction dimension.
public enum GEMMOperand: String, Sendable, CaseIterable, Codable {
    /// X in Z = X·W: blocks along the rows of X (reduction over `in`).
    case input
    /// W in Z = X·W: blocks along the columns of W.
    case kernel
    /// X in dW = Xᵀ·dZ: blocks along the columns (reduction over the batch).
    case weightGradientInput = "wgrad_input"
    /// dZ in dW = Xᵀ·dZ: blocks along the columns.
    case weightGradientGradient = "wgrad_gradient"
    /// dZ in dX = dZ·Wᵀ: blocks along the rows (reduction over `units`).
    case inputGradientGradient = "dgrad_gradient"
    /// W in dX = dZ·Wᵀ: blocks along the rows of W.
    case inputGradientKernel = "dgrad_kernel"

    /// Which way the blocks run in the row-major matrix.
    public var axis: BlockAxis {
        switch self {
        case .input, .inputGradientGradient, .inputGradientKernel: .rows
        case .kernel, .weightGradientInput, .weightGradientGradient: .columns
        }
    }

    /// An operand of the forward GEMM.
    public var isForward: Bool { self == .input || self == .kernel }

    /// dZ, the gradient (E5M2 under HYBRID).
    public var isGradient: Bool { self == .weightGradientGradient || self == .inputGradientGradient }

    /// The per-tensor role whose single cast serves this operand under per-tensor scaling
    /// (``Recipe/scalesPerTensor``): the forward casts of X and W are reused by the backward
    /// GEMMs, and dZ is cast once for both.
    public var perTensorRole: GEMMOperand {
        switch self {
        case .input, .weightGradientInput: .input
        case .kernel, .inputGradientKernel: .kernel
        case .weightGradientGradient, .inputGradientGradient: .weightGradientGradient
        }
    }
}

//===--- RecipeOperands.swift ---------------------------------------------===//
//
// The quantised copies of a Dense layer's GEMM operands under a low-precision recipe.
//
//===----------------------------------------------------------------------===//

/// A Dense layer's GEMM operands as the recipe's GEMMs take them (dequantised float32), one
/// buffer per operand (``GEMMOperand``). Under per-tensor scaling the backward GEMMs reuse the
/// forward casts of X and W and one cast of dZ, so the block-only buffers stay nil.
final class RecipeOperands {
    /// X along its rows (forward).
    let input: Tensor
    /// W along its columns (forward).
    let kernel: Tensor
    /// dZ: along its rows for dX = dZ·Wᵀ (block schemes), the one cast of dZ (per tensor).
    let gradient: Tensor
    /// Block schemes: X and dZ along their columns for dW = Xᵀ·dZ, W along its rows for dX.
    let weightGradientInput: Tensor?
    let weightGradientGradient: Tensor?
    let inputGradientKernel: Tensor?

    init(inputSize: Int, units: Int, batchCapacity: Int, perTensor: Bool) {
        input = Tensor(shape: [0, inputSize], capacityRows: batchCapacity)
        kernel = Tensor(shape: [inputSize, units])
        gradient = Tensor(shape: [0, units], capacityRows: batchCapacity)
        weightGradientInput = perTensor ? nil : Tensor(shape: [0, inputSize], capacityRows: batchCapacity)
        weightGradientGradient = perTensor ? nil : Tensor(shape: [0, units], capacityRows: batchCapacity)
        inputGradientKernel = perTensor ? nil : Tensor(shape: [inputSize, units])
    }
}

//===--- Dense+Recipe.swift -----------------------------------------------===//
//
// The backward GEMMs of a Dense layer under a low-precision recipe.
//
//===----------------------------------------------------------------------===//

import Precision

extension Dense {
    /// dW = Xᵀ·dZ with both operands quantised along the batch (block schemes) or from the
    /// one cast of each (per tensor: the forward cast of X, the cast of dZ made here), and the
    /// cast of dZ for dX = dZ·Wᵀ along its rows (with W along its rows for block schemes),
    /// which ``backward(input:outputGradient:context:)`` multiplies next (when the layer computes dX).
    func multiplyQuantized(
        input: Tensor, gradient: Tensor, operands q: RecipeOperands, recipe: Recipe, context: ExecutionContext
    ) {
        q.gradient.setRows(gradient.rows)
        if recipe.scalesPerTensor {
            context.quantize(gradient, into: q.gradient, operand: .weightGradientGradient, layer: name)
            context.multiply(q.input, q.gradient, into: kernelGradient, transposeA: .transposed)
            return
        }
        let x = q.weightGradientInput!
        let g = q.weightGradientGradient!
        x.setRows(input.rows)
        g.setRows(gradient.rows)
        context.quantize(input, into: x, operand: .weightGradientInput, layer: name)
        context.quantize(gradient, into: g, operand: .weightGradientGradient, layer: name)
        context.multiply(x, g, into: kernelGradient, transposeA: .transposed)
        if inputGradient != nil {
            context.quantize(gradient, into: q.gradient, operand: .inputGradientGradient, layer: name)
            context.quantize(kernel, into: q.inputGradientKernel!, operand: .inputGradientKernel, layer: name)
        }
    }
}

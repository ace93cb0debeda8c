//===--- ExecutionContext+Recipe.swift ------------------------------------===//
//
// The one way layers quantise a GEMM operand under a low-precision recipe.
//
//===----------------------------------------------------------------------===//

import Precision

extension ExecutionContext {
    /// The policy's recipe, if any: layers then quantise their GEMM operands
    /// (``quantize(_:into:operand:layer:)``) and compute everything else in float32.
    public var recipe: Recipe? { policy.recipe }

    /// Quantises `source` (a matrix) as `operand` of `layer`'s GEMMs under the policy's recipe
    /// into `destination` (same shape; may be `source`): the scheme and element format of
    /// the operand, the per-tensor scale of the recipe (delayed: from the history, the
    /// step's amax noted in training; current: from this tensor's amax). The probe receives a
    /// ``QuantizationEvent`` when it wants the layer.
    public func quantize(_ source: Tensor, into destination: Tensor, operand: GEMMOperand, layer: String) {
        guard let recipe else { preconditionFailure("quantize(_:into:operand:layer:) without a recipe") }
        precondition(source.count == destination.count && source.shape.count == 2)
        let rows = source.shape[0]
        let columns = source.shape[1]
        let element = recipe.element(of: operand)
        var scale: Float = 1
        var amax: Float = 0
        var scaleAmax: Float?
        var statistics = ScaledStatistics()
        let probe = precisionProbe.flatMap { $0.wantsQuantization(layer: layer, phase: phase) ? $0 : nil }
        let amaxKnown = recipe.scalesPerTensor || probe != nil
        let scheme: BlockScaling = profiler.measure(.rounding) {
            // A pass over the tensor only where its amax is used: a per-tensor scale, or the event.
            if amaxKnown {
                amax = TensorAmax.amax(source.baseAddress, count: source.count, parallelism: parallelism)
            }
            switch recipe.kind {
            case .fp8Delayed:
                let role = operand.perTensorRole
                (scale, scaleAmax) = recipeScales!.scale(layer: layer, role: role)
                if phase == .training { recipeScales!.note(amax: amax, layer: layer, role: role) }
            case .fp8Current:
                if let current = recipe.tensorScale(amax: amax, element: element) {
                    scale = current
                    scaleAmax = amax
                }
            default:
                break
            }
            let scheme = recipe.scheme(of: operand, tensorScale: scale)
            if recipe.roundsStochastically(operand) {
                let seed = StochasticNVFP4.seed(
                    roundingSeed, UInt64(step), StochasticNVFP4.hash(layer), StochasticNVFP4.hash(operand.rawValue))
                StochasticNVFP4(parallelism: parallelism).quantize(
                    source.baseAddress, rows: rows, columns: columns, axis: operand.axis, seed: seed,
                    into: destination.baseAddress, statistics: &statistics)
                return scheme
            }
            do {
                // The amax pass above already found NVFP4's tensor amax when it was finite.
                try operandQuantizer.quantize(
                    source.baseAddress, rows: rows, columns: columns, axis: operand.axis, scheme: scheme,
                    into: destination.baseAddress, statistics: &statistics,
                    finiteAmax: amaxKnown && amax.isFinite ? amax : nil)
            } catch {
                // The scale is positive and finite and every block scheme takes any shape.
                preconditionFailure("\(layer) \(operand.rawValue): \(error)")
            }
            return scheme
        }
        guard let probe else { return }
        // The other scaling on the checked steps only (those of the error budget and the
        // shadow pass): a few steps tell what it would change, every step would cost a cast more.
        let counterfactual = profiler.measure(.counterfactual) {
            (measuresErrorBudget ? recipe.counterfactualScheme(of: operand, amax: amax) : nil).map { other in
                QuantizationCounterfactual(
                    kind: recipe.counterfactual, scheme: other,
                    statistics: counterfactualStatistics(of: source, quantizedAs: other, axis: operand.axis))
            }
        }
        profiler.measure(.probe) {
            probe.observeQuantization(
                QuantizationEvent(
                    layer: layer, operand: operand, position: position,
                    scheme: scheme, shape: source.shape, amax: amax,
                    scaleAmax: scaleAmax, statistics: statistics, counterfactual: counterfactual))
        }
    }

    /// The statistics of `source` quantised under `scheme` into a scratch matrix (the values
    /// are dropped: a counterfactual only reports what the scheme would have done).
    private func counterfactualStatistics(of source: Tensor, quantizedAs scheme: BlockScaling, axis: BlockAxis)
        -> ScaledStatistics
    {
        var statistics = ScaledStatistics()
        guard source.count > 0 else { return statistics }
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: source.count)
        defer { scratch.deallocate() }
        do {
            try operandQuantizer.quantize(
                source.baseAddress, rows: source.shape[0], columns: source.shape[1], axis: axis, scheme: scheme,
                into: scratch, statistics: &statistics)
        } catch {
            // Counterfactual schemes have a positive finite scale or blocks, valid for any shape.
            preconditionFailure("counterfactual \(scheme): \(error)")
        }
        return statistics
    }

    /// Ends a training step of a delayed-scaling recipe: the step's amaxes join the histories
    /// and set the next step's scales. Nothing otherwise.
    public func endRecipeStep() {
        recipeScales?.endStep()
    }
}

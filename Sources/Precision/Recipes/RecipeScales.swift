//===--- RecipeScales.swift -----------------------------------------------===//
//
// The per-tensor scales a run keeps between steps under delayed scaling.
//
//===----------------------------------------------------------------------===//

/// One ``AmaxHistory`` per layer and per-tensor role (input, kernel, gradient), created on
/// first use: the state ``Recipe/Kind/fp8Delayed`` carries from step to step. Casts during a
/// training step note their tensor's amax; ``endStep()`` adds them to the histories, which
/// sets the scales of the next step. Evaluation casts use the scales without noting anything.
public struct RecipeScales: Sendable {
    public let recipe: Recipe
    private var histories: [Key: AmaxHistory] = [:]
    private var pending: [Key: Float] = [:]

    struct Key: Hashable, Sendable {
        let layer: String
        let role: GEMMOperand
    }

    public init(recipe: Recipe) { self.recipe = recipe }

    /// The scale `role` of `layer` uses now, and the reduced amax it came from (nil while it
    /// is the initial 1).
    public func scale(layer: String, role: GEMMOperand) -> (scale: Float, amax: Float?) {
        guard let history = histories[Key(layer: layer, role: role)] else { return (1, nil) }
        return (history.scale, history.scaleAmax)
    }

    /// Notes this step's amax of `role` in `layer` (the largest when cast more than once).
    public mutating func note(amax: Float, layer: String, role: GEMMOperand) {
        let key = Key(layer: layer, role: role)
        pending[key] = max(pending[key] ?? 0, amax)
    }

    /// Adds the step's amaxes to the histories, updating the scales of the next step.
    public mutating func endStep() {
        for (key, amax) in pending {
            var history = histories[key] ?? AmaxHistory(length: recipe.amaxHistoryLength, rule: recipe.amaxRule)
            history.record(amax, recipe: recipe, element: recipe.element(of: key.role))
            histories[key] = history
        }
        pending.removeAll(keepingCapacity: true)
    }
}

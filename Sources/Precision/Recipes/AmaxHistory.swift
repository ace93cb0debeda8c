//===--- AmaxHistory.swift ------------------------------------------------===//
//
// Delayed scaling's memory of past amaxes (Transformer Engine's amax_history).
//
//===----------------------------------------------------------------------===//

/// The amaxes of the last `length` training steps of one tensor role, and the scale delayed
/// scaling derives from them (TE `DelayedScaling`).
///
/// The scale a step uses comes from the steps before it: ``scale`` starts at 1; after each
/// step, ``record(_:)`` adds the step's amax, reduces the history (``Rule/max``: the largest
/// amax of the last `length` steps; ``Rule/mostRecent``: this step's) and sets
/// scale = max_elem / amax / 2^margin, keeping the previous scale when that amax is zero or
/// not finite (TE's `_default_sf_compute`). So a jump in amax is seen one step late: the step
/// of the jump still uses the old scale and saturates.
public struct AmaxHistory: Sendable, Equatable {
    /// TE's `amax_compute_algo`.
    public enum Rule: String, Sendable, CaseIterable, Codable {
        case max
        case mostRecent = "most_recent"
    }

    public let length: Int
    public let rule: Rule
    /// The amaxes recorded, newest last, at most `length`.
    public private(set) var amaxes: [Float] = []
    /// The scale the next step uses.
    public private(set) var scale: Float = 1
    /// The reduced amax the current scale came from (nil while the scale is the initial 1).
    public private(set) var scaleAmax: Float?

    public init(length: Int, rule: Rule) {
        precondition(length >= 1)
        self.length = length
        self.rule = rule
    }

    /// The reduced amax of the history (0 when empty).
    public var reducedAmax: Float {
        switch rule {
        case .max: amaxes.reduce(0) { Swift.max($0, $1) }
        case .mostRecent: amaxes.last ?? 0
        }
    }

    /// Adds a step's amax and updates the scale from the history.
    public mutating func record(_ amax: Float, recipe: Recipe, element: ElementFormat) {
        if amaxes.count == length { amaxes.removeFirst() }
        amaxes.append(amax)
        let reduced = reducedAmax
        if let next = recipe.tensorScale(amax: reduced, element: element) {
            scale = next
            scaleAmax = reduced
        }
    }
}

//===--- QuantizationEvent.swift ------------------------------------------===//
//
// What a GEMM operand's quantisation under a recipe tells the probe.
//
//===----------------------------------------------------------------------===//

import Precision

/// One GEMM operand of one layer quantised under the policy's ``Recipe``: the scheme (with the
/// per-tensor scale used), the amax it came from, and the kernels' statistics.
public struct QuantizationEvent: Sendable {
    public let layer: String
    public let operand: GEMMOperand
    public let position: ProbePosition
    /// The scheme as applied (a per-tensor scheme carries the scale used).
    public let scheme: BlockScaling
    public let shape: [Int]
    /// The largest magnitude of the tensor cast (infinities counted, NaN ignored).
    public let amax: Float
    /// For delayed scaling, the history's reduced amax the scale came from (nil while the
    /// scale is the initial 1); for current scaling, ``amax`` itself; nil for block schemes.
    public let scaleAmax: Float?
    public let statistics: ScaledStatistics
    /// The same tensor under the recipe's ``ScalingCounterfactual`` (statistics only), when
    /// that scaling exists for it.
    public let counterfactual: QuantizationCounterfactual?
}

/// An operand quantised under the other scaling (``Recipe/counterfactual``), for its
/// statistics: training never sees these values.
public struct QuantizationCounterfactual: Sendable {
    public let kind: ScalingCounterfactual
    public let scheme: BlockScaling
    public let statistics: ScaledStatistics
}

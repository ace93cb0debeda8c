//===--- QuantizationRecord.swift -----------------------------------------===//
//
// What quantising one GEMM operand of one layer did in one training step, under a recipe.
//
//===----------------------------------------------------------------------===//

import NeuralNet
import Precision

/// One GEMM operand (``GEMMOperand``) of one layer in one training step under a low-precision
/// recipe: the scheme, the scale and the amax it came from, and the kernels' statistics
/// (saturated, flushed, subnormal, error in units of the element's u, histogram of x/scale,
/// and per block: clamped scales, elements flushed inside their block, exponent spread).
public struct QuantizationRecord: Sendable, Equatable, Codable {
    public var layer: String
    public var operand: GEMMOperand
    public var element: ElementFormat
    /// `tensor`, `mx32` or `nvfp4`.
    public var scheme: String
    public var shape: [Int]
    /// The largest magnitude of the tensor cast (infinities counted, NaN ignored).
    public var amax: Float
    /// The per-tensor scale used (FP8 recipes), nil for block schemes.
    public var scale: Float?
    /// The amax the scale came from: delayed scaling's reduced history (lagging a jump by a
    /// step), current scaling's own amax; nil while the scale is the initial 1 and for blocks.
    public var scaleAmax: Float?
    public var statistics: ScaledStatistics
    /// The same tensor under the recipe's other scaling (``ScalingCounterfactual``); nil when
    /// it had none (a zero tensor) and in records written before counterfactuals existed.
    public var counterfactual: CounterfactualRecord?

    public init(_ event: QuantizationEvent) {
        layer = event.layer
        operand = event.operand
        element = event.scheme.element
        shape = event.shape
        amax = event.amax
        scaleAmax = event.scaleAmax
        statistics = event.statistics
        (scheme, scale) = Self.describe(event.scheme)
        counterfactual = event.counterfactual.map { c in
            let (scheme, scale) = Self.describe(c.scheme)
            return CounterfactualRecord(
                kind: c.kind, scheme: scheme, scale: scale, outcome: ScaledOutcome(c.statistics))
        }
    }

    /// A scheme's name in records (`tensor`, `mx32`, `nvfp4`) and its per-tensor scale.
    static func describe(_ scheme: BlockScaling) -> (String, Float?) {
        switch scheme {
        case .tensor(_, let s): ("tensor", s)
        case .mx(_, let size): ("mx\(size)", nil)
        case .nvfp4: ("nvfp4", nil)
        }
    }

    /// Fraction of the elements that saturated, flushed to zero, became subnormal.
    public var saturatedFraction: Double { fraction(statistics.saturated) }
    public var flushedFraction: Double { fraction(statistics.flushed) }
    public var subnormalFraction: Double { fraction(statistics.subnormal) }
    /// Fraction of the elements flushed inside a block whose scale was not clamped.
    public var flushedInBlockFraction: Double { fraction(statistics.flushedInBlock) }

    private func fraction(_ n: UInt64) -> Double {
        statistics.count == 0 ? 0 : Double(n) / Double(statistics.count)
    }
}

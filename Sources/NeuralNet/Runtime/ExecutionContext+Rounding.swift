//===--- ExecutionContext+Rounding.swift ----------------------------------===//
//
// The one way layers round a tensor to the compute format.
//
//===----------------------------------------------------------------------===//

import Precision

extension ExecutionContext {
    /// Rounds the `count` values at `source` to the policy's compute format into `destination`
    /// (which may be `source`). When the precision probe wants this rounding site, the kernel
    /// counts in the same pass and the probe receives a ``RoundingEvent`` (and first, if it
    /// wants them, the values about to be rounded: a ``RoundingInput``); a `scaled` tensor
    /// (one carrying the loss scale) also gets the counterfactual of rounding it unscaled.
    public func roundToCompute(
        _ source: UnsafePointer<Float>, count: Int, shape: [Int],
        into destination: UnsafeMutablePointer<Float>,
        kind: TensorKind, layer: String, scaled: Bool = false
    ) {
        let format = policy.compute
        guard let probe = precisionProbe, probe.wantsRounding(kind, layer: layer, phase: phase) else {
            profiler.measure(.rounding) { rounder.round(source, count: count, to: format, into: destination) }
            return
        }
        let scale: Float = scaled ? lossScale : 1
        if probe.wantsRoundingInput(kind, layer: layer, position: position) {
            profiler.measure(.probe) {
                probe.observeRoundingInput(
                    RoundingInput(
                        layer: layer, kind: kind, position: position, format: format, shape: shape,
                        lossScale: scale, values: UnsafeBufferPointer(start: source, count: count)))
            }
        }
        var record = RoundingRecord(lossScale: scale)
        profiler.measure(.roundingStatistics) {
            rounder.round(source, count: count, to: format, into: destination, recording: &record)
        }
        profiler.measure(.probe) {
            probe.observeRounding(
                RoundingEvent(
                    layer: layer, kind: kind, position: position, format: format,
                    shape: shape, lossScale: scale, record: record))
        }
    }

    /// `roundToCompute` of a whole tensor, in place.
    public func roundInPlace(_ tensor: Tensor, kind: TensorKind, layer: String, scaled: Bool = false) {
        roundToCompute(
            tensor.baseAddress, count: tensor.count, shape: tensor.shape, into: tensor.baseAddress,
            kind: kind, layer: layer, scaled: scaled)
    }

    /// `roundToCompute` of `source` into `destination` (same element count).
    public func round(_ source: Tensor, into destination: Tensor, kind: TensorKind, layer: String) {
        precondition(source.count == destination.count)
        roundToCompute(
            source.baseAddress, count: source.count, shape: source.shape, into: destination.baseAddress,
            kind: kind, layer: layer)
    }
}

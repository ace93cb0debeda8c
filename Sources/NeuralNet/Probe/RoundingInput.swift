//===--- RoundingInput.swift ----------------------------------------------===//
//
// The float32 values a rounding site is about to round, for probes that keep them.
//
//===----------------------------------------------------------------------===//

import Precision

/// The tensor x that a rounding site rounds to the compute format, before rounding: exactly
/// the values whose ``RoundingEvent`` statistics the kernels count (`analyze --dump-tensors`
/// writes them, so that `inspect --run` can recount them). `values` points into NeuralNet's
/// buffers and is valid only during ``PrecisionProbe/observeRoundingInput(_:)``: copy what
/// you keep.
public struct RoundingInput {
    public let layer: String
    public let kind: TensorKind
    public let position: ProbePosition
    /// The format x is about to be rounded to.
    public let format: ComputeFormat
    /// Row-major shape.
    public let shape: [Int]
    /// The loss scale x carries (1 for forward tensors), as in the rounding's event.
    public let lossScale: Float
    public let values: UnsafeBufferPointer<Float>
}

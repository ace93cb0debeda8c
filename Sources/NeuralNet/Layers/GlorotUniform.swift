//===--- GlorotUniform.swift ----------------------------------------------===//
//
// The Keras default kernel initialiser.
//
//===----------------------------------------------------------------------===//

import _MPStudySupport

/// Keras's `GlorotUniform`: values uniform in `[-limit, limit)` with
/// `limit = sqrt(6 / (fan_in + fan_out))` (Glorot and Bengio, AISTATS 2010). For a Dense kernel
/// of shape `[fan_in, fan_out]` each element is `Float((2u - 1)·limit)` with `u` from
/// ``RandomStreams/unitInterval(_:)``, computed in Double and rounded once to Float32.
public enum GlorotUniform {
    /// The bound `sqrt(6 / (fanIn + fanOut))`.
    public static func limit(fanIn: Int, fanOut: Int) -> Double { (6.0 / Double(fanIn + fanOut)).squareRoot() }

    /// Fills the `[fanIn, fanOut]` `kernel` in row-major order.
    public static func fill(_ kernel: Tensor, generator: inout SeededGenerator) {
        let limit = limit(fanIn: kernel.rows, fanOut: kernel.columns)
        let buffer = kernel.buffer
        for i in buffer.indices {
            buffer[i] = Float((2 * RandomStreams.unitInterval(&generator) - 1) * limit)
        }
    }
}

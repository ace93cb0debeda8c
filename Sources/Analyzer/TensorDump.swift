//===--- TensorDump.swift -------------------------------------------------===//
//
// Where `analyze --dump-tensors` sends the values the analyzer measures.
//
//===----------------------------------------------------------------------===//

import NeuralNet

/// Receives, for the training steps it wants, every tensor x that a rounding site rounds
/// (before it is rounded): the very values behind the analyzer's rounding statistics of that
/// layer and kind. ``PrecisionAnalyzer`` forwards them; a writer of capture folders
/// implements it (Reporter's `CaptureDump`).
public protocol TensorDump: AnyObject {
    /// Whether training step `step`'s tensors are wanted (1-based, as ``StepRecord/step``).
    func wants(step: Int) -> Bool
    /// One tensor, valid only during the call.
    func record(_ input: RoundingInput)
    /// A training step has finished (sent for every step, wanted or not).
    func stepFinished(_ event: StepEvent)
}

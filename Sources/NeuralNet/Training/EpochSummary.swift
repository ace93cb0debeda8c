//===--- EpochSummary.swift -----------------------------------------------===//
//
// What one epoch measured, and its Keras-style line.
//
//===----------------------------------------------------------------------===//

import _MPStudySupport

/// The results of one epoch of ``Trainer/fit(observer:)``.
public struct EpochSummary: Sendable {
    /// 1-based epoch.
    public let epoch: Int
    public let epochs: Int
    public let steps: Int
    /// Running means over the epoch's training batches, weighted by batch size (Keras's
    /// `loss` tracker is a `Mean` updated with `sample_weight = batch size`; accuracy is a
    /// `MeanMetricWrapper` over samples): the same as the per-sample means over the epoch.
    public let training: BatchMetrics
    /// Inference-mode loss and accuracy on the validation split after the epoch (nil without one).
    public let validation: BatchMetrics?
    /// Wall time of the training steps.
    public let trainingSeconds: Double
    /// Wall time of the whole epoch, validation included (what Keras prints).
    public let seconds: Double
    /// Work done during the training steps of this epoch.
    public let profile: ProfileSnapshot

    /// Milliseconds per training step.
    public var millisecondsPerStep: Double { steps == 0 ? 0 : trainingSeconds * 1000 / Double(steps) }

    /// The Keras 2 progress-bar line, e.g.
    /// `6/6 [==============================] - 52s 8612ms/step - loss: 1.2345 - accuracy: 0.6789 - val_loss: 0.3456 - val_accuracy: 0.9012`.
    /// (Keras switches to `s/step` above one second per step; this always prints ms/step.)
    public var kerasLine: String {
        var line =
            "\(steps)/\(steps) [\(String(repeating: "=", count: 30))] - \(Int(seconds.rounded()))s \(Int(millisecondsPerStep.rounded()))ms/step"
        line += " - loss: \(KerasFormat.metric(training.meanLoss)) - accuracy: \(KerasFormat.metric(training.accuracy))"
        if let validation {
            line +=
                " - val_loss: \(KerasFormat.metric(validation.meanLoss)) - val_accuracy: \(KerasFormat.metric(validation.accuracy))"
        }
        return line
    }
}

/// Number formatting as Keras prints metrics.
public enum KerasFormat {
    /// Four decimals (`%.4f`), as Keras's progress bar prints values >= 1e-3.
    public static func metric(_ value: Double) -> String { fixed(value, decimals: 4) }

    /// `value` with `decimals` digits after the point: its shortest decimal rounded once,
    /// ties away from zero (0.37625 gives `0.3763`), never trapping; `nan`, `inf`, `-inf`
    /// for the non-finite (`DecimalText` in `_MPStudySupport`).
    public static func fixed(_ value: Double, decimals: Int) -> String {
        DecimalText.fixed(value, decimals: decimals)
    }

    /// A duration as `1h02m`, `3m07s` or `42s`.
    public static func duration(_ seconds: Double) -> String {
        let s = Int(max(0, seconds).rounded())
        if s >= 3600 { return "\(s / 3600)h" + pad2((s % 3600) / 60) + "m" }
        if s >= 60 { return "\(s / 60)m" + pad2(s % 60) + "s" }
        return "\(s)s"
    }

    private static func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}

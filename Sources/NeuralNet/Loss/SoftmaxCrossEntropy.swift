//===--- SoftmaxCrossEntropy.swift ----------------------------------------===//
//
// Softmax (always float32) fused with sparse categorical cross-entropy.
//
//===----------------------------------------------------------------------===//

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Loss, accuracy and sample count of one batch, or of several batches added up.
public struct BatchMetrics: Sendable, Equatable {
    /// Σ over samples of the per-sample cross-entropy (accumulated in Double).
    public var lossSum: Double
    /// Samples whose predicted class (first argmax of the probabilities) is the label.
    public var correct: Int
    /// Samples.
    public var count: Int

    public init(lossSum: Double = 0, correct: Int = 0, count: Int = 0) {
        self.lossSum = lossSum
        self.correct = correct
        self.count = count
    }

    /// Mean loss (0 when empty).
    public var meanLoss: Double { count == 0 ? 0 : lossSum / Double(count) }
    /// Fraction correct (0 when empty).
    public var accuracy: Double { count == 0 ? 0 : Double(correct) / Double(count) }

    public static func += (lhs: inout BatchMetrics, rhs: BatchMetrics) {
        lhs.lossSum += rhs.lossSum
        lhs.correct += rhs.correct
        lhs.count += rhs.count
    }
}

/// The `predictions` layer of the case study, Keras
/// `Activation("softmax", dtype="float32")` followed by `SparseCategoricalCrossentropy()`,
/// computed together from the logits in one pass per row.
///
/// For logits `z` of one sample with label `y`, in float32:
/// `m = max z`, `e_j = exp(z_j - m)`, `s = Σ e_j`, `p_j = e_j / s` (the probabilities),
/// `loss = log(s) - (z_y - m)` (that is `-log p_y` without ever taking the log of a rounded
/// or underflowed probability: stable for any logits), and the batch loss is the mean over the
/// batch (Keras `sum_over_batch_size`).
///
/// Keras on TensorFlow does the same: the softmax output remembers its logits
/// (`_keras_logits`) and the cross-entropy is then computed from them, not by clipping the
/// probabilities to [1e-7, 1 - 1e-7] and taking the log.
///
/// Gradient with respect to the logits, closed form: `dL/dz_j = (p_j - [j == y]) · (1/n)`
/// with `n` the batch size; `1/n` is rounded to float32 first, as TensorFlow's mean does.
/// Under loss scaling the gradient is that of the scaled loss, times the context's
/// ``ExecutionContext/lossScale``.
///
/// Accuracy is Keras `sparse_categorical_accuracy`: the first index of the largest
/// probability equals the label.
public final class SoftmaxCrossEntropy {
    /// Keras layer name.
    public let name: String
    /// Number of classes (columns of the logits).
    public let classes: Int
    /// `p`, the softmax of the last logits, `[batch, classes]`.
    public private(set) var probabilities: Tensor
    /// `dL/dlogits` of the last training batch, `[batch, classes]`.
    public private(set) var logitsGradient: Tensor

    public init(name: String = "predictions", classes: Int) {
        precondition(classes >= 1)
        self.name = name
        self.classes = classes
        probabilities = Tensor(shape: [0, classes])
        logitsGradient = Tensor(shape: [0, classes])
    }

    /// Allocates the per-batch buffers for up to `batchCapacity` rows.
    public func reserve(batchCapacity: Int) {
        if probabilities.capacity < batchCapacity * classes {
            probabilities = Tensor(shape: [0, classes], capacityRows: batchCapacity)
            logitsGradient = Tensor(shape: [0, classes], capacityRows: batchCapacity)
        }
    }

    /// Computes ``probabilities``, the loss and the accuracy of `logits` against `labels`,
    /// and, when `computeGradient` is true, ``logitsGradient``.
    ///
    /// - Parameter labels: one class index in `0..<classes` per row of `logits`.
    @discardableResult
    public func forward(
        logits: Tensor, labels: UnsafeBufferPointer<Int32>, computeGradient: Bool,
        context: ExecutionContext
    ) -> BatchMetrics {
        let rows = logits.rows
        let k = classes
        precondition(
            logits.columns == k && labels.count == rows,
            "\(name): logits \(logits.shape) with \(labels.count) labels")
        context.report(logits, .forwardOutput, layer: name)
        probabilities.setRows(rows)
        logitsGradient.setRows(rows)
        let metrics = context.profiler.measure(.softmaxLoss) { () -> BatchMetrics in
            let z = UnsafePointer(logits.baseAddress)
            let p = probabilities.baseAddress
            let g = logitsGradient.baseAddress
            // d(mean loss)/dz carries the loss scale S (Keras scales the loss, so the gradient
            // starts at S): (1/n)·S, exact since S is a power of two.
            let scale = Float(1) / Float(max(rows, 1)) * context.lossScale
            var lossSum = 0.0
            var correct = 0
            for r in 0..<rows {
                let zr = z + r * k
                let pr = p + r * k
                let label = Int(labels[r])
                precondition(label >= 0 && label < k, "\(name): label \(label) outside 0..<\(k)")
                var m = zr[0]
                for j in 1..<k where zr[j] > m || m.isNaN { m = zr[j] }
                var s: Float = 0
                for j in 0..<k {
                    let e = expf(zr[j] - m)
                    pr[j] = e
                    s += e
                }
                var best = 0
                for j in 0..<k {
                    pr[j] = pr[j] / s
                    if pr[j] > pr[best] { best = j }
                }
                let loss = logf(s) - (zr[label] - m)
                lossSum += Double(loss)
                if best == label { correct += 1 }
                if computeGradient {
                    let gr = g + r * k
                    for j in 0..<k { gr[j] = (j == label ? pr[j] - 1 : pr[j]) * scale }
                }
            }
            return BatchMetrics(lossSum: lossSum, correct: correct, count: rows)
        }
        context.report(probabilities, .activation, layer: name)
        if computeGradient { context.report(logitsGradient, .gradient, layer: name) }
        return metrics
    }
}

import NeuralNet
import Testing
import _MPStudySupport

/// NeuralNet against real Keras 3: the same model shape (64 hidden units), the same initial
/// weights (one formula, computed bit for bit alike on both sides), the first 6,000 MNIST
/// training images in batches of 1,000 taken in order, 12 RMSprop steps. The oracle is
/// `scripts/keras-reference/step_losses.py`, run with TensorFlow 2.20.0 / Keras 3.15.1; its
/// printed batch losses are `kerasLosses`. (At full size, 4096 units and batches of 8,192
/// from Keras's own initial weights, the same comparison agreed to 4 digits over 30 steps and
/// to the test accuracy, 0.9267 against Keras's 0.9266.)
@Suite struct KerasReferenceTests {
    static let kerasLosses: [Double] = [
        2.298101, 2.250851, 2.207712, 2.155073, 2.079608, 1.981895,
        1.949954, 1.90616, 1.812353, 1.763246, 1.668374, 1.59215,
    ]

    /// w[i][j] = ((k / 100)·2 − 1)·limit, k = (31i + 17j + 7·layer) mod 101, in binary64 and
    /// rounded once to float32 (what the script's numpy expression computes).
    static func fill(_ kernel: Tensor, layer: Int) {
        let fanIn = kernel.rows
        let fanOut = kernel.columns
        let limit = (6.0 / Double(fanIn + fanOut)).squareRoot()
        for i in 0..<fanIn {
            for j in 0..<fanOut {
                let k = (31 * i + 17 * j + 7 * layer) % 101
                kernel.baseAddress[i * fanOut + j] = Float((Double(k) / 100.0 * 2 - 1) * limit)
            }
        }
    }

    @Test func stepLossesMatchKeras() throws {
        let root = String(#filePath.split(separator: "/").dropLast(3).joined(separator: "/"))
        let mnist = try MNIST.load(from: "/" + root + "/Data/mnist")
        var generator = SeededGenerator(seed: 0)
        let model = SequentialModel(inputSize: 784, hiddenUnits: [64, 64], classes: 10, generator: &generator)
        for (index, layer) in model.denseLayers.enumerated() {
            Self.fill(layer.kernel, layer: index)
            layer.bias.baseAddress.update(repeating: 0, count: layer.bias.count)
        }
        let context = TestSupport.context()
        let optimizer = RMSprop()
        model.reserve(batchCapacity: 1000)
        model.reservePrecision(.float32, shadow: false)
        let gatherer = BatchGatherer(batchCapacity: 1000, features: 784)
        var losses: [Double] = []
        for step in 0..<Self.kerasLosses.count {
            let batch = step % 6
            gatherer.gather(mnist.train, range: batch * 1000..<(batch + 1) * 1000, context: context)
            context.step = step + 1
            let metrics = model.trainStep(
                gatherer.input, labels: gatherer.labels, optimizer: optimizer, context: context)
            losses.append(metrics.lossSum / Double(metrics.count))
        }
        // Keras prints 7 significant digits; float32 arithmetic in a different order (oneDNN
        // against OpenBLAS, other reduction orders) leaves differences of a few float32 ulps
        // per step, which 12 steps do not grow past 1e-5 relative.
        for (step, (ours, keras)) in zip(losses, Self.kerasLosses).enumerated() {
            #expect(abs(ours - keras) <= 1e-5 * keras, "step \(step + 1): mpstudy \(ours), Keras \(keras)")
        }
    }
}

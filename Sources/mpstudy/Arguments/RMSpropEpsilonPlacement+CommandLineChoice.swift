import NeuralNet

/// `train --rmsprop-epsilon`: `inside` (Keras 3) or `outside` (tf.keras 2.0-2.10).
extension RMSprop.EpsilonPlacement: CommandLineChoice {
    static var choiceKind: String { "epsilon placement" }
    var name: String { rawValue }
}

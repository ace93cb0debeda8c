//===--- AnalysisSettings+TrainingConfiguration.swift ---------------------===//
//
// An analysis run's settings from the training configuration it runs.
//
//===----------------------------------------------------------------------===//

import NeuralNet
import Precision

extension AnalysisSettings {
    /// The settings of an analysis that trains with `configuration` (checked by its
    /// `validate()` beforehand): the policy's names and formats, the loss scaling in effect
    /// (the policy's Keras default when the configuration leaves it nil, recorded as not
    /// explicit), the training numbers, and what the analysis adds: the data folder as given,
    /// the shadow-pass interval and what the summary shows. ``AnalysisSession`` maps them back
    /// to the same configuration. The RMSprop epsilon placement is not part of the settings:
    /// analyses train with Keras 3's (inside the square root). Nor is the thread count: it
    /// does not change the results (``AnalysisSession`` takes it, the environment records it).
    public init(
        _ configuration: TrainingConfiguration, data: String, shadowEvery: Int, layers: LayerSelection,
        tensors: TensorSelection
    ) {
        let policy = configuration.policy
        self.init(
            policy: policy.name, computeFormat: policy.compute, variableFormat: policy.variable,
            lossScaling: configuration.lossScaling ?? policy.defaultLossScaling,
            lossScalingExplicit: configuration.lossScaling != nil, epochs: configuration.epochs,
            batchSize: configuration.batchSize, units: configuration.units, seed: configuration.seed,
            validationSplit: configuration.validationSplit, learningRate: configuration.learningRate,
            threads: nil, data: data, shadowEvery: shadowEvery, layers: layers, tensors: tensors,
            recipe: policy.recipe)
    }
}

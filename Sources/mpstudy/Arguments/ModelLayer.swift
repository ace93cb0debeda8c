import Analyzer

/// A layer of the case-study model as `analyze --layer` names it (`dense_1`, `dense_2`,
/// `dense_logits`, `predictions`): the names are read off the model, never typed here.
struct ModelLayer: CommandLineChoice {
    let name: String

    static var choiceKind: String { "layer" }
    static var choices: [ModelLayer] { AnalysisSession.layerNames.map(ModelLayer.init) }
}

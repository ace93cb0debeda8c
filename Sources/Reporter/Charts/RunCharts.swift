//===--- RunCharts.swift --------------------------------------------------===//
//
// Which charts a run gets, their file names under charts/, and their SVG text.
//
//===----------------------------------------------------------------------===//

import Analyzer

/// One chart of a run folder.
public struct RunChart: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Batch loss per step (one line per compared policy).
        case loss
        /// Batch accuracy per step.
        case accuracy
        /// Loss scale per step.
        case lossScale
        /// Fraction flushed to zero, per layer tensor and step.
        case flushHeatMap
        /// Fraction overflowed, per layer tensor and step.
        case overflowHeatMap
        /// Exponent histogram of one layer's tensor (report name) against its format's range.
        case histogram(layer: String, tensor: String)
        /// Under a recipe: one layer's amax and per-tensor scales per step.
        case recipeScales(layer: String)
        /// Under a block recipe: blocks by exponent spread.
        case blockSpread
        /// The GEMM error budget per layer and GEMM.
        case errorBudget
    }

    public let kind: Kind
    /// Path relative to the run folder, e.g. `charts/loss.svg`: the link summary.md uses.
    public let path: String
    /// What the chart shows, in a few words (the Markdown alt text).
    public let title: String
}

/// The charts of a run, each a pure function of its ``RunRecord`` (the same record gives the
/// same bytes, so `mpstudy report` regenerates them exactly):
///
/// - `charts/loss.svg`, `charts/accuracy.svg`, `charts/loss-scale.svg` when a step was recorded;
/// - `charts/heatmap-flush.svg`, `charts/heatmap-overflow.svg` when some tensor was rounded;
/// - `charts/histogram-<layer>-<tensor>.svg` for every layer tensor that was rounded (none
///   under the float32 policy, which rounds nothing);
/// - under a recipe, `charts/recipe-scales-<layer>.svg` per layer, and `charts/block-spread.svg`
///   for block scaling;
/// - `charts/error-budget.svg` when the GEMM error budget was checked.
public enum RunCharts {
    /// The subfolder of the run folder the charts go to.
    public static let folder = "charts"

    /// The charts `run` gets, in writing order: curves, heat maps, histograms (layers in model
    /// order, tensors in ``TensorKind`` order).
    public static func list(_ run: RunRecord) -> [RunChart] { list(RunDigest(run)) }

    /// The charts of the digested run.
    static func list(_ digest: RunDigest) -> [RunChart] {
        var charts: [RunChart] = []
        if TrainingCurves(digest.outline).hasSteps {
            charts += [
                RunChart(kind: .loss, path: path("loss"), title: "Loss per training step"),
                RunChart(kind: .accuracy, path: path("accuracy"), title: "Accuracy per training step"),
                RunChart(kind: .lossScale, path: path("loss-scale"), title: "Loss scale per training step"),
            ]
        }
        let rounded = digest.roundedTensors
        if !rounded.isEmpty {
            charts += [
                RunChart(
                    kind: .flushHeatMap, path: path("heatmap-flush"),
                    title: "Fraction flushed to zero per tensor and step"),
                RunChart(
                    kind: .overflowHeatMap, path: path("heatmap-overflow"),
                    title: "Fraction overflowed per tensor and step"),
            ]
        }
        charts += rounded.map { layer, tensor in
            RunChart(
                kind: .histogram(layer: layer, tensor: tensor), path: histogramPath(layer: layer, tensor: tensor),
                title: "\(layer) \(tensor): exponent histogram")
        }
        let quantized = digest.outline.layers.filter { layer in digest.quantizations.contains { $0.layer == layer } }
        charts += quantized.map { layer in
            RunChart(
                kind: .recipeScales(layer: layer), path: path("recipe-scales-" + fileSafe(layer)),
                title: "\(layer): amax and scale per step")
        }
        if digest.quantizations.contains(where: { $0.statistics.blocks > 0 }) {
            charts.append(RunChart(kind: .blockSpread, path: path("block-spread"), title: "Blocks by exponent spread"))
        }
        if !digest.errorBudgets.isEmpty {
            charts.append(RunChart(kind: .errorBudget, path: path("error-budget"), title: "GEMM error budget"))
        }
        return charts
    }

    /// The SVG text of `chart`.
    public static func svg(_ chart: RunChart, run: RunRecord) -> String { svg(chart, digest: RunDigest(run)) }

    /// The SVG text of `chart` of the digested run.
    static func svg(_ chart: RunChart, digest: RunDigest) -> String {
        switch chart.kind {
        case .loss: TrainingCurves(digest.outline).lossChart()
        case .accuracy: TrainingCurves(digest.outline).accuracyChart()
        case .lossScale: TrainingCurves(digest.outline).lossScaleChart()
        case .flushHeatMap: HeatMapChart(digest, quantity: .flush).svg()
        case .overflowHeatMap: HeatMapChart(digest, quantity: .overflow).svg()
        case .histogram(let layer, let tensor):
            digest.histogram(layer: layer, tensor: tensor).map { ExponentHistogramChart(counts: $0).svg() }
                ?? SVGDocument(width: 800, height: 450, title: "\(layer) \(tensor): not rounded").text
        case .recipeScales(let layer):
            RecipeScaleChart(layer: layer, operands: digest.quantizations.filter { $0.layer == layer }).svg()
        case .blockSpread: BlockSpreadChart(operands: digest.quantizations).svg()
        case .errorBudget: ErrorBudgetChart(budgets: digest.errorBudgets).svg()
        }
    }

    /// `charts/histogram-<layer>-<tensor>.svg`, names reduced to letters, digits, `_` and `-`.
    public static func histogramPath(layer: String, tensor: String) -> String {
        path("histogram-" + fileSafe(layer) + "-" + fileSafe(tensor))
    }

    static func path(_ name: String) -> String { folder + "/" + name + ".svg" }

    /// `name` with every character other than ASCII letters, digits, `_` and `-` replaced by `-`.
    static func fileSafe(_ name: String) -> String {
        String(name.map { c in c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-") ? c : "-" })
    }
}

//===--- RecipeScaleChart.swift -------------------------------------------===//
//
// A layer's amax and per-tensor scale per training step, per tensor role, on a log axis.
//
//===----------------------------------------------------------------------===//

import Precision

/// The amax of each tensor a layer's GEMMs quantise (X, W, dZ: the roles of
/// ``GEMMOperand/perTensorRole``) per training step, and under per-tensor recipes the scale
/// used (dashed) and the amax it came from (dotted: delayed scaling's history, which lags a
/// jump by a step). Log₂ axis: amax and scale span many binades.
struct RecipeScaleChart: Sendable {
    let layer: String
    /// The layer's operands, in the order first seen.
    let operands: [QuantizationTotals]

    func svg() -> String {
        var series: [LineChart.Series] = []
        var legend: [LegendItem] = []
        // One operand per role: X and W are the same tensor in every GEMM that takes them.
        var roles: [GEMMOperand] = []
        for o in operands where !roles.contains(o.operand.perTensorRole) { roles.append(o.operand.perTensorRole) }
        for (i, role) in roles.enumerated() {
            guard let o = operands.first(where: { $0.operand.perTensorRole == role }) else { continue }
            let color = ChartPalette.series(i)
            let name = Self.roleName(role)
            series.append(
                LineChart.Series(color: color, points: o.series.map { (Double($0.step), Double($0.amax)) }))
            legend.append(LegendItem(symbol: .line(color: color, width: 2, dash: nil), label: "\(name) amax"))
            if o.series.contains(where: { $0.scale != nil }) {
                series.append(
                    LineChart.Series(
                        color: color, dash: "6 4",
                        points: o.series.map { (Double($0.step), $0.scale.map(Double.init) ?? .nan) }, stepped: true))
                legend.append(LegendItem(symbol: .line(color: color, width: 2, dash: "6 4"), label: "\(name) scale"))
            }
            if o.series.contains(where: { $0.scaleAmax != nil && $0.scaleAmax != $0.amax }) {
                series.append(
                    LineChart.Series(
                        color: color, width: 1.5, dash: "2 3",
                        points: o.series.map { (Double($0.step), $0.scaleAmax.map(Double.init) ?? .nan) },
                        stepped: true))
                legend.append(
                    LegendItem(
                        symbol: .line(color: color, width: 1.5, dash: "2 3"), label: "\(name): amax the scale came from"
                    ))
            }
        }
        let scheme = operands.first.map { "\($0.scheme) scaling" } ?? ""
        let frame = ChartFrame(
            title: "\(layer): amax and scale per training step",
            subtitle:
                "largest magnitude of each quantised tensor (\(scheme)); scales multiply the tensor before the cast",
            legend: legend,
            notes: operands.contains { $0.series.contains { $0.scale != nil } }
                ? [
                    "A scale s maps amax to s·amax: at most the element's largest value when the scale is current; a delayed scale from a smaller history saturates the tensor."
                ] : ["Block scaling: each block has its own scale, so only the tensors' amax is drawn."])
        return LineChart(
            frame: frame, xTitle: "training step", yTitle: "magnitude (log₂ axis)", yAxis: .log2, series: series
        ).svg()
    }

    /// X, W or dZ, as the GEMM operand roles read.
    static func roleName(_ role: GEMMOperand) -> String {
        switch role {
        case .input, .weightGradientInput: "input X"
        case .kernel, .inputGradientKernel: "kernel W"
        case .weightGradientGradient, .inputGradientGradient: "gradient dZ"
        }
    }
}

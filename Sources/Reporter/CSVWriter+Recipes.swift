//===--- CSVWriter+Recipes.swift ------------------------------------------===//
//
// The rows of layers.csv for a recipe's GEMM operands and for the GEMM error budgets.
//
//===----------------------------------------------------------------------===//

import Analyzer
import Precision

extension CSVWriter {
    /// The columns layers.csv has for recipes and error budgets, after the tensor columns
    /// (empty in tensor rows). Operand rows name the operand in `tensor` (`input`, `kernel`,
    /// `wgrad_input`, ...) and its element format in `format`, and fill `count`, `subnormal`,
    /// the `error_*_u` columns (relative error in units of the element's u), and these;
    /// error-budget rows name the GEMM in `tensor` (`gemm_forward`, `gemm_wgrad`,
    /// `gemm_dgrad`) and fill the `budget_*` columns (relative errors, not in units of u).
    public static let recipeColumns = [
        "scheme", "amax", "scale", "scale_amax", "saturated", "flushed", "saturated_fraction", "flushed_fraction",
        "flushed_in_block_fraction", "blocks", "clamped_scales", "spread_max",
        "counterfactual", "counterfactual_scale", "counterfactual_saturated_fraction",
        "counterfactual_flushed_fraction", "counterfactual_error_mean_u",
        "budget_entries", "budget_operands_median", "budget_operands_p99", "budget_accumulation_median",
        "budget_accumulation_p99",
    ]

    /// The leading columns of layers.csv up to `loss_scale`.
    private static let leadingColumns = 9

    /// The row of one quantised GEMM operand.
    static func quantizationRow(_ policy: String, _ step: StepRecord, _ q: QuantizationRecord) -> [CSVField] {
        let s = q.statistics
        let fraction = { (k: UInt64, n: UInt64) -> CSVField in n == 0 ? .empty : .double(Double(k) / Double(n)) }
        let u = Double(sign: .plus, exponent: -q.element.precision, significand: 1)
        var row: [CSVField] = [
            .text(policy), .int(step.step), .int(step.epoch), .int(step.batch), .text(q.layer),
            .text(q.operand.rawValue), .text(q.element.rawValue),
            .text(q.shape.map(String.init).joined(separator: "x")),
            .empty,
        ]
        assert(row.count == leadingColumns)
        // count, overflow, underflow, subnormal, nan_input, inf_input, zeros, 3 fractions.
        row += [
            .count(s.count), .empty, .empty, .count(s.subnormal), .count(s.nan), .count(s.infinite),
            .count(s.histogram[ExponentHistogram.zeroBin]), .empty, .empty, fraction(s.subnormal, s.count),
        ]
        // error_count, error_mean, error_rms, error_max, then the same in units of u.
        let mean = s.meanError
        let rms = s.errorCount == 0 ? 0 : (s.errorSquares / Double(s.errorCount)).squareRoot()
        row += [
            .count(s.errorCount), .double(mean * u), .double(rms * u), .double(s.errorMax * u), .double(mean),
            .double(rms), .double(s.errorMax),
        ]
        row += Array(repeating: .empty, count: layersHeader.count - recipeColumns.count - row.count)
        let spread = s.spread.lastIndex { $0 != 0 }
        row += [
            .text(q.scheme), .float(q.amax), q.scale.map(CSVField.float) ?? .empty,
            q.scaleAmax.map(CSVField.float) ?? .empty, .count(s.saturated), .count(s.flushed),
            fraction(s.saturated, s.count), fraction(s.flushed, s.count), fraction(s.flushedInBlock, s.count),
            s.blocks == 0 ? .empty : .count(s.blocks), s.blocks == 0 ? .empty : .count(s.clampedScales),
            s.blocks == 0 ? .empty : .optional(spread),
        ]
        if let c = q.counterfactual {
            let o = c.outcome
            row += [
                .text(c.kind.rawValue), c.scale.map(CSVField.float) ?? .empty, fraction(o.saturated, o.count),
                fraction(o.flushed, o.count), .double(o.meanError),
            ]
        } else {
            row += Array(repeating: .empty, count: 5)
        }
        return row + Array(repeating: .empty, count: 5)
    }

    /// The row of one GEMM's error budget on a checked step.
    static func errorBudgetRow(_ policy: String, _ step: StepRecord, _ b: ErrorBudgetRecord) -> [CSVField] {
        var row: [CSVField] = [
            .text(policy), .int(step.step), .int(step.epoch), .int(step.batch), .text(b.layer),
            .text("gemm_" + b.gemm.rawValue),
        ]
        row += Array(repeating: .empty, count: layersHeader.count - 5 - row.count)
        let s = b.summary
        return row + [
            .int(s.samples), .double(s.quantizationMedian), .double(s.quantizationP99), .double(s.accumulationMedian),
            .double(s.accumulationP99),
        ]
    }
}

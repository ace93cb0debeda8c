import FloatTeaching
import SoftFloat

/// `mpstudy calc`: every rounded step (exact result, rounded result, flags), then the final
/// result against the exact value of the expression.
public func renderCalc(_ e: CalcEvaluation, style: TeachingStyle) -> String {
    var lines = [style.label("\(e.expression) in \(e.formatName), rounding \(e.rounding.name)")]
    var rows: [[String]] = [["step", "exact", "rounded", "bits", "flags"]]
    for (i, step) in e.steps.enumerated() {
        let exact = (step.exactResultIsExact ? "= " : "≈ ") + step.exactResult
        rows.append(["\(i + 1). \(step.text)", exact, step.resultExact, step.resultHex, step.flags.description])
    }
    lines.append(renderColumns(rows, leftColumns: 3))
    lines.append("")
    lines.append(style.label("result") + "     \(e.resultHex) = \(e.resultExact)   (shortest \(e.resultShortest))")
    lines.append(style.label("exact") + "      ≈ \(e.reference)   (MPFR, literals unrounded)")
    lines.append(style.label("error") + "      absolute \(e.absoluteError), relative \(e.relativeError), \(e.ulpError) ulps")
    lines.append(style.label("flags") + "      \(e.flags)")
    return lines.joined(separator: "\n")
}

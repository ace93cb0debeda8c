import FloatTeaching
import SoftFloat

/// `mpstudy calc`: every rounded step (exact result, rounded result, flags), then the final
/// result against the exact value of the expression. A rounded number is written after "≈ ",
/// an exact one after "= " or alone (``ShownDecimal``).
public func renderCalc(_ e: CalcEvaluation, style: TeachingStyle) -> String {
    var lines = [style.label("\(e.expression) in \(e.formatName), rounding \(e.rounding.name)")]
    var rows: [[String]] = [["step", "exact", "rounded", "bits", "flags"]]
    var previous = 0
    for step in e.steps {
        if step.number != previous + 1 {
            rows.append([
                "... steps \(previous + 1) to \(step.number - 1) not shown (\(step.number - previous - 1) of \(e.stepCount))",
                "", "", "", "",
            ])
        }
        let exact = (step.exactResult.isExact ? "= " : "≈ ") + step.exactResult.text
        rows.append(["\(step.number). \(step.text)", exact, step.resultExact, step.resultHex, step.flags.description])
        previous = step.number
    }
    lines.append(renderColumns(rows, leftColumns: 3))
    if e.steps.contains(where: { $0.text.contains("#") }) {
        lines.append("(#n: the result of step n, whose rounded value has too many digits to write out)")
    }
    lines.append("")
    lines.append(
        style.label("result")
            + "     \(e.resultHex) = \(e.resultExact)   (shortest that reads back: \(e.resultShortest))")
    lines.append(style.label("exact") + "      " + referenceText(e))
    lines.append(style.label("error") + "      " + errorText(e))
    lines.append(style.label("flags") + "      \(e.flags)")
    return lines.joined(separator: "\n")
}

/// The reference line: the value and how it was obtained.
func referenceText(_ e: CalcEvaluation) -> String {
    guard let reference = e.reference else {
        switch e.referenceMethod {
        case .unknown: return "not computed (interval arithmetic cannot follow this expression)"
        case .exact, .intervals, .bounds:
            return "undefined (0/0, inf - inf, 0 * inf, a division by zero or the square root of a negative number)"
        }
    }
    switch e.referenceMethod {
    case .exact:
        return
            (reference.isExact
            ? "= \(reference.text)   (rational arithmetic on the literals as written)"
            : "≈ \(reference.text)   (the exact rational, correctly rounded)")
    case .intervals: return "≈ \(reference.text)   (MPFR interval arithmetic: every digit proven)"
    case .bounds: return "in \(reference.text)   (MPFR interval arithmetic: its digits could not be settled)"
    case .unknown: return reference.description
    }
}

/// The error line: absolute, relative and in ulps, or why they are undefined.
func errorText(_ e: CalcEvaluation) -> String {
    guard let absolute = e.absoluteError else {
        return e.reference == nil ? "undefined (no exact value)" : "undefined (NaN or infinite result or exact value)"
    }
    let zero = e.referenceMethod == .bounds ? "may be 0" : "is 0"
    let relative = e.relativeError.map { "relative \($0)" } ?? "relative undefined (the exact value \(zero))"
    let ulps = e.ulpError.map { "\($0) ulps" } ?? "ulps -"
    return "absolute \(absolute), \(relative), \(ulps)"
}

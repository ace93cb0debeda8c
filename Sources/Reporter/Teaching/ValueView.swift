import FloatTeaching
import SoftFloat

/// `mpstudy explain` / `mpstudy decode`: the fields, the exact value, the error against the
/// input, the neighbours, the class and the flags of one value. A rounded number is written
/// after "≈ " (``ShownDecimal``); every other number is exact.
public func renderExplanation(_ v: ValueExplanation, style: TeachingStyle) -> String {
    var lines: [String] = []
    let heading: String
    if let input = v.input {
        heading = "\(input) in \(v.formatName), rounding \(v.rounding?.name ?? "nearestEven")"
    } else {
        heading = "\(v.hex) in \(v.formatName)"
    }
    lines.append(style.label(heading))
    var rows: [[String]] = []
    let fields = style.sign(v.signField) + " " + style.exponent(v.exponentField) + " " + style.fraction(v.fractionField)
    rows.append(["bits", "\(v.hex) = \(fields)"])
    let exponentNote =
        v.exponent.map { e in
            v.biasedExponent != 0
                ? "2^\(e)"
                : v.floatClass == .positiveZero || v.floatClass == .negativeZero ? "zero" : "subnormal: 2^\(e)"
        } ?? (v.floatClass == .quietNaN || v.floatClass == .signalingNaN ? "NaN" : "all ones: infinity")
    rows.append([
        "",
        "sign \(style.sign(v.signField)) | exponent \(style.exponent(v.exponentField)) = \(v.biasedExponent) (\(exponentNote)) | fraction \(style.fraction(v.fractionField))",
    ])
    rows.append(["value", v.formula])
    rows.append([
        "stored",
        v.exactValue + (v.exactValue == v.shortestValue ? "" : "   (shortest that reads back: \(v.shortestValue))"),
    ])
    if let absolute = v.absoluteError {
        rows.append(["error", "absolute \(absolute)"])
        rows.append(["", "relative \(v.relativeError?.description ?? "undefined (the input is 0)")"])
        rows.append(["", "ulps     \(v.ulpError?.description ?? "-")   (1 ulp = \(v.ulp ?? "-"))"])
    } else if let note = v.errorNote {
        rows.append(["error", note])
    } else if v.input != nil {
        rows.append(["error", "undefined (\(v.floatClass.rawValue) result or input)"])
    } else if let ulp = v.ulp {
        rows.append(["ulp", ulp])
    }
    rows.append(["below", "\(v.below.hex) = \(v.below.exact)"])
    rows.append(["above", "\(v.above.hex) = \(v.above.exact)"])
    rows.append(["class", v.floatClass.rawValue])
    if let flags = v.flags { rows.append(["flags", flags.description]) }
    lines += rows.map { row in
        "  " + style.label((row[0] + String(repeating: " ", count: max(0, 7 - row[0].count)))) + " " + row[1]
    }
    return lines.joined(separator: "\n")
}

/// `mpstudy explain --all-formats`: one line per format.
public func renderExplanationRows(_ views: [ValueExplanation], style: TeachingStyle) -> String {
    let header = ["format", "bits", "stored (exact)", "abs error", "rel error", "ulps", "flags"]
    let rows = views.map { v -> [String] in
        [
            v.formatName, v.hex, v.exactValue, v.absoluteError?.description ?? "-", v.relativeError?.description ?? "-",
            v.ulpError?.description ?? "-",
            v.flags?.description ?? "-",
        ]
    }
    let title =
        views.first.map { "\($0.input ?? "") in every format, rounding \($0.rounding?.name ?? "nearestEven")" } ?? ""
    return style.label(title) + "\n" + renderColumns([header] + rows, leftColumns: 3)
}

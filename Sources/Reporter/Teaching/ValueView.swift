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
    // E8M0 has neither a sign nor a fraction field: only the parts a format has are shown.
    let fields = [
        v.signField.isEmpty ? nil : style.sign(v.signField), style.exponent(v.exponentField),
        v.fractionField.isEmpty ? nil : style.fraction(v.fractionField),
    ].compactMap { $0 }.joined(separator: " ")
    rows.append(["bits", "\(v.hex) = \(fields)"])
    let exponentNote =
        v.exponent.map { e in
            switch v.floatClass {
            case .positiveNormal, .negativeNormal: "2^\(e)"
            case .positiveZero, .negativeZero: "zero"
            default: "subnormal: 2^\(e)"
            }
        } ?? (v.floatClass == .quietNaN || v.floatClass == .signalingNaN ? "NaN" : "all ones: infinity")
    let fieldParts = [
        v.signField.isEmpty ? nil : "sign \(style.sign(v.signField))",
        "exponent \(style.exponent(v.exponentField)) = \(v.biasedExponent) (\(exponentNote))",
        v.fractionField.isEmpty ? nil : "fraction \(style.fraction(v.fractionField))",
    ].compactMap { $0 }
    rows.append(["", fieldParts.joined(separator: " | ")])
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

import FloatTeaching
import SoftFloat

// `--json` of `mpstudy formats`, `explain`, `decode` and `calc`: the same models as the text
// views, machine-readable, so that notebooks and scripts read mpstudy's numbers instead of
// recomputing them. Decimal values are JSON strings (every digit where the text view shows every
// digit, the same rounded digits where it rounds), because a JSON number would be read as a
// binary64 and lose digits; integers and booleans are JSON values. Keys are sorted and the
// output pretty-printed, so the bytes are stable. A key whose value is undefined (the error of
// an infinite result, the exponent of a NaN) is absent. (Text by ``TeachingJSONValue``.)

/// `mpstudy formats --json`: an array, one object per format.
public func formatsJSON(_ formats: [FormatParameters]) -> String {
    TeachingJSONValue.array(formats.map(formatJSON)).text
}

/// `mpstudy explain --json` and `mpstudy decode --json`: one object.
public func explanationJSON(_ view: ValueExplanation) -> String {
    valueJSON(view).text
}

/// `mpstudy explain --all-formats --json`: an array, one object per format.
public func explanationsJSON(_ views: [ValueExplanation]) -> String {
    TeachingJSONValue.array(views.map(valueJSON)).text
}

/// `mpstudy calc --json`: the steps, the result, the reference and the errors.
public func calcJSON(_ evaluation: CalcEvaluation) -> String {
    calcJSONValue(evaluation).text
}

/// Flag names in IEEE order (`["underflow", "inexact"]`; empty when none was raised).
func flagNames(_ flags: ExceptionFlags) -> [String] {
    ExceptionFlags.named.filter { flags.contains($0.0) }.map(\.1)
}

private func string(_ text: String?) -> TeachingJSONValue? { text.map(TeachingJSONValue.string) }
private func bool(_ value: Bool?) -> TeachingJSONValue? { value.map(TeachingJSONValue.bool) }
private func strings(_ texts: [String]) -> TeachingJSONValue { .array(texts.map(TeachingJSONValue.string)) }

/// One format's parameters; the five values with every digit.
func formatJSON(_ f: FormatParameters) -> TeachingJSONValue {
    .object([
        "name": .string(f.name), "aliases": strings(f.aliases),
        "storageBits": .int(f.storageBits), "exponentBits": .int(f.exponentBits), "fractionBits": .int(f.fractionBits),
        "bias": .int(f.bias), "precision": .int(f.precision), "minExponent": .int(f.minExponent),
        "maxExponent": .int(f.maxExponent), "hasInfinities": .bool(f.hasInfinities),
        "largestFinite": .string(f.exact.largestFinite), "smallestNormal": .string(f.exact.smallestNormal),
        "smallestSubnormal": .string(f.exact.smallestSubnormal), "machineEpsilon": .string(f.exact.machineEpsilon),
        "unitRoundoff": .string(f.exact.unitRoundoff), "decimalDigits": .double(f.decimalDigits),
    ])
}

/// One value of `explain` or `decode`. `input`, `rounding`, `flags` and the errors come with
/// explain only; the errors are absent when undefined (NaN or infinite input or result; the
/// relative error of a zero input), each with `...IsExact` (false: correctly rounded, see
/// FloatTeaching's `ShownDecimal`); `errorNote` says why they are absent for finite values.
func valueJSON(_ v: ValueExplanation) -> TeachingJSONValue {
    .object([
        "format": .string(v.formatName), "bitWidth": .int(v.bitWidth), "bits": .string(v.hex),
        "signField": .string(v.signField), "exponentField": .string(v.exponentField),
        "fractionField": .string(v.fractionField),
        "biasedExponent": .int(v.biasedExponent), "exponent": v.exponent.map(TeachingJSONValue.int),
        "formula": .string(v.formula), "class": .string(v.floatClass.rawValue),
        "exact": .string(v.exactValue), "shortest": .string(v.shortestValue),
        "below": .object(["bits": .string(v.below.hex), "exact": .string(v.below.exact)]),
        "above": .object(["bits": .string(v.above.hex), "exact": .string(v.above.exact)]),
        "ulp": string(v.ulp), "input": string(v.input), "rounding": string(v.rounding?.name),
        "flags": v.flags.map { strings(flagNames($0)) },
        "absoluteError": string(v.absoluteError?.text), "relativeError": string(v.relativeError?.text),
        "ulpError": string(v.ulpError?.text), "absoluteErrorIsExact": bool(v.absoluteError?.isExact),
        "relativeErrorIsExact": bool(v.relativeError?.isExact), "ulpErrorIsExact": bool(v.ulpError?.isExact),
        "errorIsApproximate": v.input == nil ? nil : .bool(v.errorIsApproximate), "errorNote": string(v.errorNote),
    ])
}

/// One rounded step of `calc` (`step`: its number; a long evaluation shows its first and last
/// steps only, and says how many there are in `stepCount`): `operands` are the exact values of the rounded operands and
/// `operandSteps` the (1-based) steps that produced them; `exact` is the exact result on them
/// (`exactIsExact` false when it is rounded: quotients and square roots without a short
/// expansion, 25 digits).
func calcStepJSON(_ s: CalcStep) -> TeachingJSONValue {
    let operation: String
    switch s.kind {
    case .literal: operation = "literal"
    case let .operation(calcOperation): operation = calcOperation.name
    }
    return .object([
        "step": .int(s.number), "operation": .string(operation), "text": .string(s.text),
        "operands": strings(s.operands),
        "operandSteps": .array(s.operandSteps.map { .int($0 + 1) }),
        "exact": .string(s.exactResult.text), "exactIsExact": .bool(s.exactResult.isExact),
        "bits": .string(s.resultHex), "rounded": .string(s.resultExact), "shortest": .string(s.resultShortest),
        "flags": strings(flagNames(s.flags)),
    ])
}

/// A whole `calc` evaluation: `reference` is the expression's value with its literals as
/// written (`referenceIsExact`, and `referenceMethod`: `exact` rational arithmetic, `intervals`
/// (MPFR, digits proven), `bounds` (the reference is `[lo, hi]`) or `unknown`); the errors are
/// the result's against it. Undefined values are absent (the reference of 0/0, the errors of
/// an infinite result, the relative error of a zero reference).
func calcJSONValue(_ e: CalcEvaluation) -> TeachingJSONValue {
    .object([
        "expression": .string(e.expression), "format": .string(e.formatName), "rounding": .string(e.rounding.name),
        "steps": .array(e.steps.map(calcStepJSON)), "stepCount": .int(e.stepCount),
        "result": .object([
            "bits": .string(e.resultHex), "exact": .string(e.resultExact), "shortest": .string(e.resultShortest),
        ]),
        "reference": string(e.reference?.text), "referenceIsExact": bool(e.reference?.isExact),
        "referenceMethod": .string(e.referenceMethod.rawValue),
        "absoluteError": string(e.absoluteError?.text), "relativeError": string(e.relativeError?.text),
        "ulpError": string(e.ulpError?.text), "absoluteErrorIsExact": bool(e.absoluteError?.isExact),
        "relativeErrorIsExact": bool(e.relativeError?.isExact), "ulpErrorIsExact": bool(e.ulpError?.isExact),
        "flags": strings(flagNames(e.flags)),
    ])
}

import FloatTeaching
import Foundation
import SoftFloat

// `--json` of `mpstudy formats`, `explain`, `decode` and `calc`: the same models as the text
// views, machine-readable, so that notebooks and scripts read mpstudy's numbers instead of
// recomputing them. Decimal values are JSON strings (every digit where the text view shows every
// digit, the same rounded digits where it rounds), because a JSON number would be read as a
// binary64 and lose digits; integers and booleans are JSON values. Keys are sorted and the
// output pretty-printed, so the bytes are stable. A key whose value is undefined (the error of
// an infinite result, the exponent of a NaN) is absent.

/// `mpstudy formats --json`: an array, one object per format.
public func formatsJSON(_ formats: [FormatParameters]) -> String {
    teachingJSONText(formats.map(FormatJSON.init))
}

/// `mpstudy explain --json` and `mpstudy decode --json`: one object.
public func explanationJSON(_ view: ValueExplanation) -> String {
    teachingJSONText(ValueJSON(view))
}

/// `mpstudy explain --all-formats --json`: an array, one object per format.
public func explanationsJSON(_ views: [ValueExplanation]) -> String {
    teachingJSONText(views.map(ValueJSON.init))
}

/// `mpstudy calc --json`: the steps, the result, the MPFR reference and the errors.
public func calcJSON(_ evaluation: CalcEvaluation) -> String {
    teachingJSONText(CalcJSON(evaluation))
}

/// Sorted keys, pretty-printed, no escaped slashes; one trailing newline is left to `print`.
func teachingJSONText<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // The models hold only strings, integers, booleans and finite doubles: encoding cannot fail.
    return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
}

/// Flag names in IEEE order (`["underflow", "inexact"]`; empty when none was raised).
func flagNames(_ flags: ExceptionFlags) -> [String] {
    ExceptionFlags.named.filter { flags.contains($0.0) }.map(\.1)
}

/// One format's parameters; the five values with every digit.
struct FormatJSON: Encodable {
    var name: String, aliases: [String]
    var storageBits: Int, exponentBits: Int, fractionBits: Int, bias: Int, precision: Int
    var minExponent: Int, maxExponent: Int, hasInfinities: Bool
    var largestFinite: String, smallestNormal: String, smallestSubnormal: String
    var machineEpsilon: String, unitRoundoff: String
    var decimalDigits: Double

    init(_ f: FormatParameters) {
        name = f.name; aliases = f.aliases
        storageBits = f.storageBits; exponentBits = f.exponentBits; fractionBits = f.fractionBits
        bias = f.bias; precision = f.precision; minExponent = f.minExponent; maxExponent = f.maxExponent
        hasInfinities = f.hasInfinities
        largestFinite = f.exact.largestFinite; smallestNormal = f.exact.smallestNormal
        smallestSubnormal = f.exact.smallestSubnormal; machineEpsilon = f.exact.machineEpsilon
        unitRoundoff = f.exact.unitRoundoff
        decimalDigits = f.decimalDigits
    }
}

/// A neighbour: encoding and exact value.
struct NeighbourJSON: Encodable {
    var bits: String, exact: String
}

/// One value of `explain` or `decode`. `input`, `rounding`, `flags` and the errors come with
/// explain only; the errors are absent when undefined (NaN or infinite input or result; the
/// relative error of a zero input), each with `...IsExact` (false: correctly rounded, see
/// FloatTeaching's `ShownDecimal`); `errorNote` says why they are absent for finite values.
struct ValueJSON: Encodable {
    var format: String, bitWidth: Int, bits: String
    var signField: String, exponentField: String, fractionField: String
    var biasedExponent: Int, exponent: Int?
    var formula: String
    var `class`: String
    var exact: String, shortest: String
    var below: NeighbourJSON, above: NeighbourJSON
    var ulp: String?
    var input: String?, rounding: String?, flags: [String]?
    var absoluteError: String?, relativeError: String?, ulpError: String?
    var absoluteErrorIsExact: Bool?, relativeErrorIsExact: Bool?, ulpErrorIsExact: Bool?
    var errorIsApproximate: Bool?, errorNote: String?

    init(_ v: ValueExplanation) {
        format = v.formatName; bitWidth = v.bitWidth; bits = v.hex
        signField = v.signField; exponentField = v.exponentField; fractionField = v.fractionField
        biasedExponent = v.biasedExponent; exponent = v.exponent
        formula = v.formula
        `class` = v.floatClass.rawValue
        exact = v.exactValue; shortest = v.shortestValue
        below = NeighbourJSON(bits: v.below.hex, exact: v.below.exact)
        above = NeighbourJSON(bits: v.above.hex, exact: v.above.exact)
        ulp = v.ulp
        input = v.input; rounding = v.rounding?.name; flags = v.flags.map(flagNames)
        absoluteError = v.absoluteError?.text; relativeError = v.relativeError?.text; ulpError = v.ulpError?.text
        absoluteErrorIsExact = v.absoluteError?.isExact; relativeErrorIsExact = v.relativeError?.isExact
        ulpErrorIsExact = v.ulpError?.isExact
        errorIsApproximate = v.input == nil ? nil : v.errorIsApproximate
        errorNote = v.errorNote
    }
}

/// One rounded step of `calc`: `operands` are the exact values of the rounded operands and
/// `operandSteps` the (1-based) steps that produced them; `exact` is the exact result on them
/// (`exactIsExact` false when it is rounded: quotients and square roots without a short
/// expansion, 25 digits).
struct CalcStepJSON: Encodable {
    var operation: String, text: String, operands: [String], operandSteps: [Int]
    var exact: String, exactIsExact: Bool
    var bits: String, rounded: String, shortest: String
    var flags: [String]

    init(_ s: CalcStep) {
        switch s.kind {
        case .literal: operation = "literal"
        case let .operation(calcOperation): operation = calcOperation.name
        }
        text = s.text; operands = s.operands; operandSteps = s.operandSteps.map { $0 + 1 }
        exact = s.exactResult.text; exactIsExact = s.exactResult.isExact
        bits = s.resultHex; rounded = s.resultExact; shortest = s.resultShortest
        flags = flagNames(s.flags)
    }
}

/// A whole `calc` evaluation: `reference` is the expression's value with its literals as
/// written (`referenceIsExact`, and `referenceMethod`: `exact` rational arithmetic, `intervals`
/// (MPFR, digits proven), `bounds` (the reference is `[lo, hi]`) or `unknown`); the errors are
/// the result's against it. Undefined values are absent (the reference of 0/0, the errors of
/// an infinite result, the relative error of a zero reference).
struct CalcJSON: Encodable {
    struct Result: Encodable { var bits: String, exact: String, shortest: String }
    var expression: String, format: String, rounding: String
    var steps: [CalcStepJSON]
    var result: Result
    var reference: String?, referenceIsExact: Bool?, referenceMethod: String
    var absoluteError: String?, relativeError: String?, ulpError: String?
    var absoluteErrorIsExact: Bool?, relativeErrorIsExact: Bool?, ulpErrorIsExact: Bool?
    var flags: [String]

    init(_ e: CalcEvaluation) {
        expression = e.expression; format = e.formatName; rounding = e.rounding.name
        steps = e.steps.map(CalcStepJSON.init)
        result = Result(bits: e.resultHex, exact: e.resultExact, shortest: e.resultShortest)
        reference = e.reference?.text; referenceIsExact = e.reference?.isExact; referenceMethod = e.referenceMethod.rawValue
        absoluteError = e.absoluteError?.text; relativeError = e.relativeError?.text; ulpError = e.ulpError?.text
        absoluteErrorIsExact = e.absoluteError?.isExact; relativeErrorIsExact = e.relativeError?.isExact
        ulpErrorIsExact = e.ulpError?.isExact
        flags = flagNames(e.flags)
    }
}

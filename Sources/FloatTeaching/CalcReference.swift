import Reference
import SoftFloat

/// The exact side of `mpstudy calc`: the exact result of every step on its rounded operands,
/// the exact value of the whole expression with its literals as written (the reference), and
/// the final result's errors against it.
///
/// Exact means exact: + - * / and fma on decimal and hexadecimal literals are rational
/// arithmetic (``ExactRational``), so fma(0.1, 3, -0.3) is exactly 0, 1/3 is the fraction
/// 1/3 (shown to 40 correctly rounded digits), and a square root is exact when it is rational
/// (sqrt(2.25) = 1.5). An irrational square root, or numbers beyond the exact arithmetic's
/// budget, are computed with MPFR interval arithmetic (``Enclosure``) at increasing
/// precisions until every digit shown is proven; if none suffices (a value exactly on a
/// rounding boundary, such as the 0 of sqrt(2) · sqrt(2) - 2), the reference is shown as the
/// bounds that hold it (``CalcEvaluation/ReferenceMethod``).
///
/// Errors: absolute = result - reference, relative = |result - reference| / |reference|
/// (undefined for a zero reference: there is no relative size to compare with, only the
/// absolute error), and (result - reference) / ulp(result) — all as ``ShownDecimal`` says,
/// the same way explain shows them, so calc and explain agree on the same case.
public struct CalcReference {
    public init() {}

    /// Fills `evaluation`'s exact step results, reference and errors (a built-in format).
    public func complete(_ evaluation: inout CalcEvaluation, expression: CalcExpression, format: FormatKind) {
        complete(&evaluation, expression: expression, format: .builtIn(format))
    }

    /// Fills `evaluation`'s exact step results, reference and errors.
    public func complete(_ evaluation: inout CalcEvaluation, expression: CalcExpression, format: FormatChoice) {
        struct Completion: FormatVisitor {
            let evaluation: CalcEvaluation, expression: CalcExpression
            func visit<F: BinaryFormat>(_: F.Type) -> CalcEvaluation {
                var completed = evaluation
                CalcReference.complete(&completed, expression, F.self)
                return completed
            }
        }
        evaluation = format.visit(Completion(evaluation: evaluation, expression: expression))
    }

    /// ``complete(_:expression:format:)`` in format F.
    static func complete<F: BinaryFormat>(_ evaluation: inout CalcEvaluation, _ expression: CalcExpression, _: F.Type) {
        for i in evaluation.steps.indices {
            evaluation.steps[i].exactResult = exactStep(evaluation.steps[i], F.self)
        }
        guard evaluation.stepCount > 0 else { return }
        let result = BinaryFloat<F>(bits: F.Bits(truncatingIfNeeded: evaluation.resultBits))
        var arithmetic = ExactArithmetic()
        if let reference = arithmetic.evaluate(expression) {
            evaluation.reference = reference.shown(style: .value)
            evaluation.referenceMethod = .exact
            guard case let .finite(exact) = reference, result.isFinite else { return }
            let (_, q) = result.integerSignificandAndExponent!
            if let error = ExactRational(result).subtracting(exact), let inUlps = error.scaled(byPowerOfTwo: -q) {
                evaluation.absoluteError = ShownDecimal(error, style: .value)
                evaluation.relativeError =
                    exact.isZero
                    ? nil
                    : error.magnitude.divided(by: exact.magnitude).map { ShownDecimal($0, style: .ratio) }
                evaluation.ulpError = ShownDecimal(inUlps, style: .ratio)
                return
            }
            // The error is beyond the budget (a result 10^5000 away from its reference): the
            // intervals below measure it; the reference stays the exact one.
            let shownReference = evaluation.reference
            intervalReference(&evaluation, expression, result)
            evaluation.reference = shownReference
            evaluation.referenceMethod = .exact
            return
        }
        intervalReference(&evaluation, expression, result)
    }

    /// The exact result of one step on its rounded operands (of format F).
    static func exactStep<F: BinaryFormat>(_ step: CalcStep, _: F.Type) -> ShownDecimal {
        let operation: CalcOperation
        switch step.kind {
        case let .literal(text):
            // A literal is its own exact value (0.1 is exactly one tenth, whatever binary
            // approximation the format holds): its exact decimal when that is short (0x1p57 is
            // 144115188075855872), else the literal as written.
            var scanner = NumberScanner(text)
            if let number = try? scanner.scan(), let r = ExactRational(number), !r.isZero,
                let (digits, exponent) = r.terminatingDigits(maxDigits: DecimalStyle.step.exactDigits)
            {
                return ShownDecimal(negative: r.negative, exactDigits: digits, exponent: exponent, style: .step)
            }
            return ShownDecimal(text: text, isExact: true)
        case let .operation(o):
            operation = o
        }
        let values = step.operandBits.map { BinaryFloat<F>(bits: F.Bits(truncatingIfNeeded: $0)) }
        let result = BinaryFloat<F>(bits: F.Bits(truncatingIfNeeded: step.resultBits))
        // NaN and infinite operands, divisions by zero and square roots of negative numbers
        // have exact IEEE results (NaN, or an exact infinity): the step's own result.
        let special =
            values.contains { !$0.isFinite }
            || (operation == .divide && values[1].isZero)
            || (operation == .squareRoot && values[0].sign && !values[0].isZero)
        if special { return ShownDecimal(text: result.exactDecimal, isExact: true) }
        var arithmetic = ExactArithmetic()
        if let exact = arithmetic.apply(operation, values.map(ExactValue.init)), let shown = exact.shown(style: .step) {
            return shown
        }
        // An irrational square root: its digits from MPFR intervals (it never settles on a
        // boundary, being irrational).
        var shown: ShownDecimal?
        _ = Enclosure.withWidestRange {
            for precision in Enclosure.precisions where shown == nil {
                shown = Enclosure.squareRoot(Enclosure.point(values[0], precision: precision))?.shown(style: .step)
            }
        }
        return shown ?? ShownDecimal(text: "?", isExact: false)
    }
}

import Reference
import SoftFloat

/// MPFR's side of `mpstudy calc`: the exact result of every step on its rounded operands,
/// and the value of the whole expression with unrounded literals at high precision, from
/// which the final error is measured.
///
/// 4,400 bits hold every sum, product and fused multiply-add of binary64 values exactly (their
/// exponents span at most 2^1024 .. 2^-1074 times 2^-1074, under 4,300 bits), so those steps
/// are exact; quotients, square roots and decimal literals such as 0.1 are rounded to 4,400
/// bits (relative error below 10^-1300) and shown with an "≈".
public struct CalcReference {
    /// Working precision in bits.
    public static let precision = 4_400
    /// Significant digits shown for values that are not exact or not short.
    public static let shownDigits = 40

    public init() {}

    /// Fills `evaluation`'s exact step results, reference value and errors.
    public func complete(_ evaluation: inout CalcEvaluation, expression: CalcExpression, format: FormatKind) {
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

    /// ``complete(_:expression:format:)`` in format F, in MPFR's widest exponent range.
    static func complete<F: BinaryFormat>(_ evaluation: inout CalcEvaluation, _ expression: CalcExpression, _: F.Type) {
        ExponentRange.widest.installed {
            for i in evaluation.steps.indices {
                let (text, exact) = exactStep(evaluation.steps[i], F.self)
                evaluation.steps[i].exactResult = text
                evaluation.steps[i].exactResultIsExact = exact
            }
            let reference = MPFRValue(precision: precision)
            evaluate(expression, into: reference)
            evaluation.reference = decimal(reference, digits: shownDigits).text
            // The final result against the reference.
            guard let last = evaluation.steps.last else { return }
            let result = BinaryFloat<F>(bits: F.Bits(truncatingIfNeeded: last.resultBits))
            let stored = MPFRValue(precision: 64)
            stored.set(result)
            let error = MPFRValue(precision: precision + 2_200)
            error.subtract(stored, reference)
            evaluation.absoluteError = decimal(error, digits: 6).text
            let relative = MPFRValue(precision: 64)
            relative.divide(error, reference)
            relative.absoluteValue(relative)
            evaluation.relativeError = decimal(relative, digits: 5).text
            // ulp(stored) = 2^e, e the exponent of the last significand bit: max(E, emin) - f,
            // for zeros emin - f. None for infinities and NaN.
            if let (_, e) = result.integerSignificandAndExponent {
                let inUlps = MPFRValue(precision: 64)
                inUlps.scale(error, byPowerOfTwo: -e)
                evaluation.ulpError = decimal(inUlps, digits: 5).text
            } else {
                evaluation.ulpError = "-"
            }
        }
    }

    /// The exact result of one step on its rounded operands (of format F), and whether it is exact.
    static func exactStep<F: BinaryFormat>(_ step: CalcStep, _: F.Type) -> (String, Bool) {
        let r = MPFRValue(precision: precision)
        let ternary: Int32
        switch step.kind {
        case let .literal(text):
            ternary = r.set(parsing: text)
            // A decimal literal is its own exact value (0.1 is exactly one tenth, whatever
            // binary approximation MPFR holds).
            if ternary != 0 { return (text, true) }
        case let .operation(operation):
            let operands = step.operandBits.map { bits in
                let operand = MPFRValue(precision: 64)
                operand.set(BinaryFloat<F>(bits: F.Bits(truncatingIfNeeded: bits)))
                return operand
            }
            ternary = apply(operation, operands, into: r)
        }
        let (text, complete) = decimal(r, digits: ternary == 0 ? 60 : 25, exactIfPossible: ternary == 0)
        return (text, ternary == 0 && complete)
    }

    /// The expression with exact (high-precision) literals and operations, into `r`.
    static func evaluate(_ e: CalcExpression, into r: MPFRValue) {
        switch e {
        case let .literal(text):
            r.set(parsing: text)
        case let .operation(operation, operandExpressions):
            // The first operand is computed in `r` itself, the others in temporaries.
            var operands = [r]
            for _ in operandExpressions.dropFirst() { operands.append(MPFRValue(precision: precision)) }
            for (expression, value) in zip(operandExpressions, operands) { evaluate(expression, into: value) }
            apply(operation, operands, into: r)
        }
    }

    /// `operation` on `operands` (as many as its arity; `r` may be one of them) rounded to
    /// nearest at r's precision, into `r`; the ternary value (0 when exact).
    @discardableResult
    static func apply(_ operation: CalcOperation, _ operands: [MPFRValue], into r: MPFRValue) -> Int32 {
        precondition(operands.count == operation.arity, "\(operation.name) needs \(operation.arity) operands")
        switch operation {
        case .negate: return r.negate(operands[0])
        case .add: return r.add(operands[0], operands[1])
        case .subtract: return r.subtract(operands[0], operands[1])
        case .multiply: return r.multiply(operands[0], operands[1])
        case .divide: return r.divide(operands[0], operands[1])
        case .squareRoot: return r.squareRoot(operands[0])
        case .fusedMultiplyAdd: return r.fusedMultiplyAdd(operands[0], operands[1], operands[2])
        }
    }

    /// `value` in decimal: every digit when `exactIfPossible` and it has at most `digits`
    /// significant digits (then `complete` is true), else `digits` significant digits in
    /// scientific notation.
    static func decimal(_ value: MPFRValue, digits: Int, exactIfPossible: Bool = false) -> (text: String, complete: Bool) {
        if value.isNaN { return ("nan", true) }
        if value.isInfinite { return (value.isNegative ? "-inf" : "inf", true) }
        if value.isZero { return (value.isNegative ? "-0" : "0", true) }
        guard let (digitText, e10) = value.significantDigits(exactIfPossible ? digits + 1 : digits) else { return ("?", false) }
        var text = digitText
        let sign = value.isNegative ? "-" : ""
        // Exact with at most `digits` digits: the (digits + 1)-digit string ends in zero and,
        // trailing zeros removed, reads back exactly to the value.
        var candidate = text
        while candidate.count > 1 && candidate.hasSuffix("0") { candidate.removeLast() }
        if exactIfPossible && text.hasSuffix("0") && Self.readsBackExactly(sign + "0." + candidate + "e" + String(e10), value) {
            text = candidate
            if e10 <= 0 { return (sign + "0." + String(repeating: "0", count: -e10) + text, true) }
            if text.count <= e10 { return (sign + text + String(repeating: "0", count: e10 - text.count), true) }
            let split = text.index(text.startIndex, offsetBy: e10)
            return (sign + text[..<split] + "." + text[split...], true)
        }
        if exactIfPossible { text.removeLast() }
        while text.count > 1 && text.hasSuffix("0") { text.removeLast() }
        // Plain notation for moderate exponents (0.9, 123.45), scientific otherwise.
        if e10 > -5 && e10 <= 21 {
            if e10 <= 0 { return (sign + "0." + String(repeating: "0", count: -e10) + text, false) }
            if text.count <= e10 { return (sign + text + String(repeating: "0", count: e10 - text.count), false) }
            let split = text.index(text.startIndex, offsetBy: e10)
            return (sign + text[..<split] + "." + text[split...], false)
        }
        let mantissa = text.count > 1 ? String(text.prefix(1)) + "." + text.dropFirst() : text
        let exponent = e10 - 1
        return (sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (abs(exponent) < 10 ? "0" : "") + String(abs(exponent)), false)
    }

    /// True if the decimal `text` is exactly `value` (no rounding on reading it back).
    static func readsBackExactly(_ text: String, _ value: MPFRValue) -> Bool {
        let back = MPFRValue(precision: precision + 64)
        let ternary = back.set(parsing: text, base: 10)
        return ternary == 0 && back.compare(to: value) == 0
    }
}

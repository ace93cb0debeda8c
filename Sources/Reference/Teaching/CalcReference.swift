import CMPFR
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
        struct LayoutOf: FormatVisitor { func visit<F: BinaryFormat>(_: F.Type) -> FormatLayout { FormatLayout(F.self) } }
        let layout = format.visit(LayoutOf())
        ExponentRange.widest.installed {
            for i in evaluation.steps.indices {
                let (text, exact) = exactStep(evaluation.steps[i], layout)
                evaluation.steps[i].exactResult = text
                evaluation.steps[i].exactResultIsExact = exact
            }
            let reference = MPFRValue(precision: Self.precision)
            evaluate(expression, into: reference)
            evaluation.reference = Self.decimal(reference, digits: Self.shownDigits).text
            // The final result against the reference.
            guard let last = evaluation.steps.last else { return }
            let stored = MPFRValue(precision: 64)
            load(last.resultBits, layout, into: stored)
            let error = MPFRValue(precision: Self.precision + 2_200)
            mpfr_sub(error.pointer, stored.pointer, reference.pointer, MPFR_RNDN)
            evaluation.absoluteError = Self.decimal(error, digits: 6).text
            let relative = MPFRValue(precision: 64)
            // The values own their mpfr_t: keep them alive across every call given their
            // pointers (an optimised build may otherwise free one right after reading it).
            defer { withExtendedLifetime((reference, stored, error, relative)) {} }
            mpfr_div(relative.pointer, error.pointer, reference.pointer, MPFR_RNDN)
            mpfr_abs(relative.pointer, relative.pointer, MPFR_RNDN)
            evaluation.relativeError = Self.decimal(relative, digits: 5).text
            let x = layout.decode(last.resultBits)
            if case let .finite(_, exponent) = x.kind {
                // ulp(stored) = 2^(max(E, emin) - f): the decoded exponent of the last bit.
                let inUlps = MPFRValue(precision: 64)
                withExtendedLifetime(inUlps) {
                    mpfr_mul_2si(inUlps.pointer, error.pointer, -exponent, MPFR_RNDN)
                    evaluation.ulpError = Self.decimal(inUlps, digits: 5).text
                }
            } else if x.isZero {
                let inUlps = MPFRValue(precision: 64)
                withExtendedLifetime(inUlps) {
                    mpfr_mul_2si(inUlps.pointer, error.pointer, layout.fractionBitCount - layout.minExponent, MPFR_RNDN)
                    evaluation.ulpError = Self.decimal(inUlps, digits: 5).text
                }
            } else {
                evaluation.ulpError = "-"
            }
        }
    }

    /// The exact result of one step on its rounded operands, and whether it is exact.
    func exactStep(_ step: CalcStep, _ layout: FormatLayout) -> (String, Bool) {
        let r = MPFRValue(precision: Self.precision)
        let operands = step.operandBits.map { bits -> MPFRValue in
            let v = MPFRValue(precision: 64)
            load(bits, layout, into: v)
            return v
        }
        defer { withExtendedLifetime((r, operands)) {} }
        let ternary: Int32
        switch step.operation {
        case "literal":
            let text = Array((step.literal ?? "nan").utf8CString)
            ternary = text.withUnsafeBufferPointer { mpfr_strtofr(r.pointer, $0.baseAddress!, nil, 0, MPFR_RNDN) }
        case "neg": ternary = mpfr_neg(r.pointer, operands[0].pointer, MPFR_RNDN)
        case "+": ternary = mpfr_add(r.pointer, operands[0].pointer, operands[1].pointer, MPFR_RNDN)
        case "-": ternary = mpfr_sub(r.pointer, operands[0].pointer, operands[1].pointer, MPFR_RNDN)
        case "*": ternary = mpfr_mul(r.pointer, operands[0].pointer, operands[1].pointer, MPFR_RNDN)
        case "/": ternary = mpfr_div(r.pointer, operands[0].pointer, operands[1].pointer, MPFR_RNDN)
        case "sqrt": ternary = mpfr_sqrt(r.pointer, operands[0].pointer, MPFR_RNDN)
        default: ternary = mpfr_fma(r.pointer, operands[0].pointer, operands[1].pointer, operands[2].pointer, MPFR_RNDN)
        }
        // A decimal literal is its own exact value (0.1 is exactly one tenth, whatever binary
        // approximation MPFR holds).
        if step.operation == "literal" && ternary != 0, let literal = step.literal { return (literal, true) }
        let (text, complete) = Self.decimal(r, digits: ternary == 0 ? 60 : 25, exactIfPossible: ternary == 0)
        return (text, ternary == 0 && complete)
    }

    /// The expression with exact (high-precision) literals and operations.
    func evaluate(_ e: CalcExpression, into r: MPFRValue) {
        switch e {
        case let .literal(text):
            let chars = Array(text.utf8CString)
            _ = chars.withUnsafeBufferPointer { mpfr_strtofr(r.pointer, $0.baseAddress!, nil, 0, MPFR_RNDN) }
        case let .negate(inner):
            evaluate(inner, into: r)
            mpfr_neg(r.pointer, r.pointer, MPFR_RNDN)
        case let .binary(op, left, right):
            let b = MPFRValue(precision: Self.precision)
            defer { withExtendedLifetime(b) {} }
            evaluate(left, into: r)
            evaluate(right, into: b)
            switch op {
            case .add: mpfr_add(r.pointer, r.pointer, b.pointer, MPFR_RNDN)
            case .subtract: mpfr_sub(r.pointer, r.pointer, b.pointer, MPFR_RNDN)
            case .multiply: mpfr_mul(r.pointer, r.pointer, b.pointer, MPFR_RNDN)
            case .divide: mpfr_div(r.pointer, r.pointer, b.pointer, MPFR_RNDN)
            }
        case let .squareRoot(inner):
            evaluate(inner, into: r)
            mpfr_sqrt(r.pointer, r.pointer, MPFR_RNDN)
        case let .fusedMultiplyAdd(x, y, z):
            let b = MPFRValue(precision: Self.precision), c = MPFRValue(precision: Self.precision)
            defer { withExtendedLifetime((b, c)) {} }
            evaluate(x, into: r)
            evaluate(y, into: b)
            evaluate(z, into: c)
            mpfr_fma(r.pointer, r.pointer, b.pointer, c.pointer, MPFR_RNDN)
        }
    }

    /// Sets `value` to the encoding `bits` of `layout` (NaN for NaNs).
    func load(_ bits: UInt64, _ layout: FormatLayout, into value: MPFRValue) {
        let x = layout.decode(bits)
        let sign: Int32 = x.negative ? -1 : 1
        switch x.kind {
        case .zero: mpfr_set_zero(value.pointer, sign)
        case .infinity: mpfr_set_inf(value.pointer, sign)
        case .quietNaN, .signalingNaN: mpfr_set_nan(value.pointer)
        case let .finite(significand, exponent):
            mpfr_set_ui_2exp(value.pointer, UInt(significand), exponent, MPFR_RNDN)
            if x.negative { mpfr_neg(value.pointer, value.pointer, MPFR_RNDN) }
        }
    }

    /// `value` in decimal: every digit when `exactIfPossible` and it has at most `digits`
    /// significant digits (then `complete` is true), else `digits` significant digits in
    /// scientific notation.
    static func decimal(_ value: MPFRValue, digits: Int, exactIfPossible: Bool = false) -> (text: String, complete: Bool) {
        if value.isNaN { return ("nan", true) }
        if value.isInfinite { return (value.isNegative ? "-inf" : "inf", true) }
        if value.isZero { return (value.isNegative ? "-0" : "0", true) }
        var e10 = 0
        guard let raw = mpfr_get_str(nil, &e10, 10, exactIfPossible ? digits + 1 : digits, value.pointer, MPFR_RNDN) else {
            return ("?", false)
        }
        defer { mpfr_free_str(raw) }
        var text = String(cString: raw)
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        let sign = negative ? "-" : ""
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
        defer { withExtendedLifetime(back) {} }
        let chars = Array(text.utf8CString)
        let ternary = chars.withUnsafeBufferPointer { mpfr_strtofr(back.pointer, $0.baseAddress!, nil, 10, MPFR_RNDN) }
        return ternary == 0 && mpfr_cmp(back.pointer, value.pointer) == 0
    }
}

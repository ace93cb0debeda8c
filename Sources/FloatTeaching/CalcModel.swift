import SoftFloat

/// One rounded operation of a `calc` evaluation, as plain values.
public struct CalcStep: Sendable {
    /// What a step rounds: a literal as written, or an operation on earlier steps' results.
    public enum Kind: Sendable, Equatable {
        case literal(String)
        case operation(CalcOperation)
    }

    /// The step's number (1-based) among all steps of the evaluation.
    public var number: Int
    /// What this step rounded.
    public var kind: Kind
    /// The operands' encodings (none for a literal), for the reference to recompute exactly.
    public var operandBits: [UInt64]
    /// The operands' exact values (every digit), and the steps (0-based) that produced them.
    public var operands: [String]
    public var operandSteps: [Int]
    /// The step written out with the operands' exact values, so that the arithmetic shown is
    /// true: `448 + 16` in E4M3 (whose shortest decimals, 450 and 16, would add up to a false
    /// 466). An operand whose exact value is longer than ``shortOperandLength`` characters is
    /// written as the number of the step that produced it (`#1 + #2`); that step's `rounded`
    /// column shows it. Negative operands of + - * / are parenthesised: `1 - (-0.5)`.
    public var text: String
    /// The rounded result: encoding, every digit, shortest decimal that reads back
    /// (``BinaryFloat/teachingShortest``).
    public var resultBits: UInt64
    public var resultHex: String
    public var resultExact: String
    public var resultShortest: String
    public var flags: ExceptionFlags
    /// The exact result of the operation on the rounded operands, before rounding (filled by
    /// ``CalcReference``); for a literal, the literal as written.
    public var exactResult = ShownDecimal(text: "", isExact: true)

    /// The longest exact operand written out in ``text`` (every value of E4M3, E5M2 and most
    /// of binary16 and bfloat16 fits).
    public static let shortOperandLength = 20
}

/// A whole `calc` evaluation in one format.
public struct CalcEvaluation: Sendable {
    public var expression: String
    public var formatName: String
    public var rounding: RoundingRule
    /// The steps shown: all of them up to ``shownSteps``; beyond, the first and the last
    /// ``shownSteps``/2 (the others are computed, and count in the flags, but are not written
    /// out: a table of 20,000 exact binary64 values would take seconds and megabytes, and
    /// nobody reads it). ``stepCount`` is the total.
    public var steps: [CalcStep]
    public var stepCount: Int
    /// The final result and the union of all flags.
    public var resultBits: UInt64
    public var resultHex: String
    public var resultExact: String
    public var resultShortest: String
    public var flags: ExceptionFlags
    /// The exact value of the expression with its literals unrounded, and the final result's
    /// errors against it (filled by ``CalcReference``). nil when undefined: the reference of
    /// an invalid expression (0/0, sqrt(-1), inf - inf), the errors of a NaN or infinite
    /// result or reference, the relative error of a zero reference.
    public var reference: ShownDecimal?
    public var absoluteError: ShownDecimal?
    public var relativeError: ShownDecimal?
    public var ulpError: ShownDecimal?
    /// How the reference was obtained.
    public var referenceMethod: ReferenceMethod = .exact

    /// How ``reference`` was computed.
    public enum ReferenceMethod: String, Sendable {
        /// Exactly: rational arithmetic on the literals as written (+ - * / fma, and square
        /// roots that are rational).
        case exact
        /// MPFR interval arithmetic (an irrational square root, or numbers too far apart for
        /// the exact arithmetic's budget): every digit shown is proven.
        case intervals
        /// MPFR interval arithmetic could not prove the digits (the value is exactly on a
        /// rounding boundary, such as a zero reached through square roots): the reference is
        /// shown as bounds `[lo, hi]` holding it.
        case bounds
        /// Not even bounds: interval arithmetic cannot follow the expression (a division by
        /// an interval holding zero, numbers beyond MPFR's exponent range); no reference and
        /// no errors are shown.
        case unknown
    }

    /// The most steps written out (see ``steps``).
    public static let shownSteps = 1_000

    /// Evaluates `expression` in a built-in format (``evaluate(_:text:format:rounding:tininess:saturating:)``
    /// of `.builtIn(kind)`).
    public static func evaluate(
        _ expression: CalcExpression, text: String, format kind: FormatKind,
        rounding: RoundingRule, tininess: Tininess = .afterRounding,
        saturating: Bool = false
    ) -> CalcEvaluation {
        evaluate(
            expression, text: text, format: .builtIn(kind), rounding: rounding, tininess: tininess,
            saturating: saturating)
    }

    /// Evaluates `expression` in `kind` (built-in or runtime), every literal and operation
    /// rounded by `rounding`.
    public static func evaluate(
        _ expression: CalcExpression, text: String, format kind: FormatChoice,
        rounding: RoundingRule, tininess: Tininess = .afterRounding,
        saturating: Bool = false
    ) -> CalcEvaluation {
        struct Visitor: FormatVisitor {
            let expression: CalcExpression, text: String, env: FloatEnvironment
            func visit<F: BinaryFormat>(_: F.Type) -> CalcEvaluation {
                var calculator = Calculator<F>(env: env)
                let result = calculator.evaluate(expression).value
                return CalcEvaluation(
                    expression: text, formatName: F.name, rounding: env.rounding,
                    steps: calculator.shownSteps(), stepCount: calculator.steps.count,
                    resultBits: UInt64(result.bits),
                    resultHex: ValueExplanation.hex(UInt64(result.bits), width: F.bitWidth),
                    resultExact: result.exactDecimal, resultShortest: result.teachingShortest,
                    flags: calculator.allFlags)
            }
        }
        let env = FloatEnvironment(rounding: rounding, tininess: tininess, saturatesOverflow: saturating)
        return kind.visit(Visitor(expression: expression, text: text, env: env))
    }
}

/// Evaluates an expression in format F, one recorded step per rounding: the bits and flags
/// of every step, written out (``shownSteps()``) only for the steps shown.
struct Calculator<F: BinaryFormat> {
    typealias Value = BinaryFloat<F>
    /// One rounding, as bits.
    struct Step {
        var kind: CalcStep.Kind
        var operands: [(value: Value, step: Int)]
        var result: Value
        var flags: ExceptionFlags
    }

    let env: FloatEnvironment
    var steps: [Step] = []
    var allFlags: ExceptionFlags = []

    init(env: FloatEnvironment) { self.env = env }

    /// Appends a step; returns its index.
    mutating func record(
        _ kind: CalcStep.Kind, _ operands: [(value: Value, step: Int)], _ result: Value,
        _ flags: ExceptionFlags
    ) -> Int {
        allFlags.formUnion(flags)
        steps.append(Step(kind: kind, operands: operands, result: result, flags: flags))
        return steps.count - 1
    }

    /// The steps shown (see ``CalcEvaluation/steps``), written out.
    func shownSteps() -> [CalcStep] {
        let limit = CalcEvaluation.shownSteps
        let shown =
            steps.count <= limit
            ? Array(steps.indices)
            : Array(0..<(limit / 2)) + Array((steps.count - limit / 2)..<steps.count)
        return shown.map { written($0) }
    }

    /// Step `i` written out.
    func written(_ i: Int) -> CalcStep {
        let step = steps[i]
        let exact = step.operands.map { $0.value.exactDecimal }
        let text: String
        switch step.kind {
        case let .literal(literal):
            text = literal
        case let .operation(operation):
            let written = zip(exact, step.operands).map { value, operand in
                let shown = value.utf8.count <= CalcStep.shortOperandLength ? value : "#\(operand.step + 1)"
                return operation.infixSymbol != nil && shown.hasPrefix("-") ? "(\(shown))" : shown
            }
            text = operation.text(written)
        }
        let bits = UInt64(step.result.bits)
        return CalcStep(
            number: i + 1, kind: step.kind, operandBits: step.operands.map { UInt64($0.value.bits) },
            operands: exact, operandSteps: step.operands.map { $0.step }, text: text, resultBits: bits,
            resultHex: ValueExplanation.hex(bits, width: F.bitWidth), resultExact: step.result.exactDecimal,
            resultShortest: step.result.teachingShortest, flags: step.flags)
    }

    /// The value of `e` and the index of the step that produced it.
    mutating func evaluate(_ e: CalcExpression) -> (value: Value, step: Int) {
        var local = env
        local.flags = []
        switch e {
        case let .literal(text):
            // The parser validated every literal.
            let x = (try? Value(parsing: text, in: &local)) ?? .defaultNaN
            return (x, record(.literal(text), [], x, local.flags))
        case let .operation(operation, operandExpressions):
            precondition(
                operandExpressions.count == operation.arity, "\(operation.name) needs \(operation.arity) operands")
            var operands: [(value: Value, step: Int)] = []
            for operand in operandExpressions { operands.append(evaluate(operand)) }
            let r = Self.apply(operation, operands.map { $0.value }, &local)
            return (r, record(.operation(operation), operands, r, local.flags))
        }
    }

    /// `operation` on `operands` (as many as its arity), rounded by `env`, flags raised in it.
    static func apply(_ operation: CalcOperation, _ operands: [Value], _ env: inout FloatEnvironment) -> Value {
        let a = operands[0]
        switch operation {
        // An exact sign flip: the sign bit is the bit pattern of -0. No flags, even for NaN.
        case .negate: return Value(bits: a.bits ^ Value.zero(negative: true).bits)
        case .add: return a.adding(operands[1], in: &env)
        case .subtract: return a.subtracting(operands[1], in: &env)
        case .multiply: return a.multiplied(by: operands[1], in: &env)
        case .divide: return a.divided(by: operands[1], in: &env)
        case .squareRoot: return a.squareRoot(in: &env)
        case .fusedMultiplyAdd: return a.fusedMultiplyAdd(operands[1], operands[2], in: &env)
        }
    }
}

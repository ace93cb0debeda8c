import SoftFloat

/// One rounded operation of a `calc` evaluation, as plain values.
public struct CalcStep: Sendable {
    /// What a step rounds: a literal as written, or an operation on earlier steps' results.
    public enum Kind: Sendable, Equatable {
        case literal(String)
        case operation(CalcOperation)
    }

    /// What this step rounded.
    public var kind: Kind
    /// The operands' encodings (none for a literal), for the Reference to recompute exactly.
    public var operandBits: [UInt64]
    /// The operands as shortest decimals, and the step written out: `0.1 + 0.2`.
    public var operands: [String]
    public var text: String
    /// The rounded result: encoding, every digit, shortest decimal.
    public var resultBits: UInt64
    public var resultHex: String
    public var resultExact: String
    public var resultShortest: String
    public var flags: ExceptionFlags
    /// The exact result of the operation on the rounded operands (filled by the Reference,
    /// which computes it with MPFR): digits, and whether they are exact or a high-precision
    /// approximation (division, square root).
    public var exactResult: String = ""
    public var exactResultIsExact = true
}

/// A whole `calc` evaluation in one format.
public struct CalcEvaluation: Sendable {
    public var expression: String
    public var formatName: String
    public var rounding: RoundingRule
    public var steps: [CalcStep]
    /// The final result and the union of all flags.
    public var resultHex: String
    public var resultExact: String
    public var resultShortest: String
    public var flags: ExceptionFlags
    /// The exact value of the expression (literals unrounded), at high precision (filled by
    /// the Reference with MPFR), and the final result's errors against it.
    public var reference: String = ""
    public var absoluteError: String = ""
    public var relativeError: String = ""
    public var ulpError: String = ""

    /// Evaluates `expression` in `kind`, every literal and operation rounded by `rounding`.
    public static func evaluate(_ expression: CalcExpression, text: String, format kind: FormatKind,
                                rounding: RoundingRule, tininess: Tininess = .afterRounding,
                                saturating: Bool = false) -> CalcEvaluation {
        struct Visitor: FormatVisitor {
            let expression: CalcExpression, text: String, env: FloatEnvironment
            func visit<F: BinaryFormat>(_: F.Type) -> CalcEvaluation {
                var calculator = Calculator<F>(env: env)
                let result = calculator.evaluate(expression)
                return CalcEvaluation(expression: text, formatName: F.name, rounding: env.rounding, steps: calculator.steps,
                                      resultHex: ValueExplanation.hex(UInt64(result.bits), width: F.bitWidth),
                                      resultExact: result.exactDecimal, resultShortest: result.shortestDescription,
                                      flags: calculator.allFlags)
            }
        }
        let env = FloatEnvironment(rounding: rounding, tininess: tininess, saturatesOverflow: saturating)
        return kind.visit(Visitor(expression: expression, text: text, env: env))
    }
}

/// Evaluates an expression in format F, one recorded step per rounding.
struct Calculator<F: BinaryFormat> {
    typealias Value = BinaryFloat<F>
    let env: FloatEnvironment
    var steps: [CalcStep] = []
    var allFlags: ExceptionFlags = []

    init(env: FloatEnvironment) { self.env = env }

    mutating func record(_ kind: CalcStep.Kind, _ operands: [Value], _ text: String,
                         _ result: Value, _ flags: ExceptionFlags) {
        allFlags.formUnion(flags)
        steps.append(CalcStep(kind: kind, operandBits: operands.map { UInt64($0.bits) },
                              operands: operands.map(\.shortestDescription), text: text, resultBits: UInt64(result.bits),
                              resultHex: ValueExplanation.hex(UInt64(result.bits), width: F.bitWidth),
                              resultExact: result.exactDecimal, resultShortest: result.shortestDescription, flags: flags))
    }

    mutating func evaluate(_ e: CalcExpression) -> Value {
        var local = env
        local.flags = []
        switch e {
        case let .literal(text):
            // The parser validated every literal.
            let x = (try? Value(parsing: text, in: &local)) ?? .defaultNaN
            record(.literal(text), [], text, x, local.flags)
            return x
        case let .operation(operation, operandExpressions):
            precondition(operandExpressions.count == operation.arity, "\(operation.name) needs \(operation.arity) operands")
            var operands: [Value] = []
            for operand in operandExpressions { operands.append(evaluate(operand)) }
            let r = Self.apply(operation, operands, &local)
            record(.operation(operation), operands, operation.text(operands.map(\.shortestDescription)), r, local.flags)
            return r
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

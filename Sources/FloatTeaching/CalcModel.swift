import SoftFloat

/// One rounded operation of a `calc` evaluation, as plain values.
public struct CalcStep: Sendable {
    /// `literal`, `+`, `-`, `*`, `/`, `sqrt`, `fma`, `neg`.
    public var operation: String
    /// The literal text, or the operands' encodings (for the Reference to recompute exactly).
    public var literal: String?
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

    mutating func record(_ operation: String, literal: String? = nil, _ operands: [Value], _ text: String,
                         _ result: Value, _ flags: ExceptionFlags) {
        allFlags.formUnion(flags)
        steps.append(CalcStep(operation: operation, literal: literal, operandBits: operands.map { UInt64($0.bits) },
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
            record("literal", literal: text, [], text, x, local.flags)
            return x
        case let .negate(inner):
            let a = evaluate(inner)
            let r = Value(bits: a.bits ^ (Value(bits: 0).negatedZero.bits))
            record("neg", [a], "-(\(a.shortestDescription))", r, [])
            return r
        case let .binary(op, left, right):
            let a = evaluate(left), b = evaluate(right)
            let r: Value
            switch op {
            case .add: r = a.adding(b, in: &local)
            case .subtract: r = a.subtracting(b, in: &local)
            case .multiply: r = a.multiplied(by: b, in: &local)
            case .divide: r = a.divided(by: b, in: &local)
            }
            record(op.rawValue, [a, b], "\(a.shortestDescription) \(op.rawValue) \(b.shortestDescription)", r, local.flags)
            return r
        case let .squareRoot(inner):
            let a = evaluate(inner)
            let r = a.squareRoot(in: &local)
            record("sqrt", [a], "sqrt(\(a.shortestDescription))", r, local.flags)
            return r
        case let .fusedMultiplyAdd(x, y, z):
            let a = evaluate(x), b = evaluate(y), c = evaluate(z)
            let r = a.fusedMultiplyAdd(b, c, in: &local)
            record("fma", [a, b, c], "fma(\(a.shortestDescription), \(b.shortestDescription), \(c.shortestDescription))",
                   r, local.flags)
            return r
        }
    }
}

extension BinaryFloat {
    /// -0: its bits are the sign mask.
    var negatedZero: Self { .zero(negative: true) }
}

import SoftFloat

/// The exact value of a calc expression or step: a rational number, an infinity (written as
/// a literal `inf`, or an IEEE exact infinite result), or undefined (NaN: 0/0, inf - inf,
/// sqrt(-1), a `nan` literal).
enum ExactValue {
    case finite(ExactRational)
    case infinity(negative: Bool)
    case undefined

    /// The exact value of a binary value (NaN undefined).
    init<F: BinaryFormat>(_ x: BinaryFloat<F>) {
        if x.isNaN {
            self = .undefined
        } else if x.isInfinite {
            self = .infinity(negative: x.sign)
        } else {
            self = .finite(ExactRational(x))
        }
    }

    /// The value as shown: digits per `style`, `inf`, `-inf`; nil when undefined.
    func shown(style: DecimalStyle) -> ShownDecimal? {
        switch self {
        case let .finite(r): ShownDecimal(r, style: style)
        case let .infinity(negative): ShownDecimal(text: negative ? "-inf" : "inf", isExact: true)
        case .undefined: nil
        }
    }
}

/// Exact arithmetic on ``ExactValue``s for calc's reference, with a bound on the total work.
///
/// Rules for the specials are those of the exact operations IEEE 754 defines on the
/// extended reals (inf + x = inf, inf · x = ±inf for x ≠ 0, x / inf = 0, sqrt(inf) = inf),
/// with inf - inf, 0 · inf, inf / inf and the square root of a negative number undefined; a
/// division by an exact zero is undefined too (the limit has no sign: calc's reference is a
/// real number, not an IEEE result).
///
/// An operation returns nil when the exact arithmetic gives up: a square root that is not
/// rational, a number beyond ``ExactRational/bitBudget``, or more work in total than
/// ``workLimit`` (a sum of 100,000 products of long numbers). The caller then uses MPFR
/// interval arithmetic.
struct ExactArithmetic {
    /// Limb operations allowed per evaluation: about a tenth of a second.
    static let workLimit = 40_000_000
    private(set) var work = 0

    /// Counts the cost of an operation on numbers of `bits` and `otherBits` bits (schoolbook:
    /// their product in limbs), and whether the budget still allows it.
    private mutating func charge(_ bits: Int, _ otherBits: Int) -> Bool {
        work += (bits / 64 + 1) * (otherBits / 64 + 1)
        return work <= Self.workLimit
    }

    private mutating func charge(_ a: ExactRational, _ b: ExactRational) -> Bool {
        // Sums align exponents: the larger numerator grows by the exponent gap.
        let gap = min(abs(a.exponent - b.exponent), ExactRational.bitBudget)
        let bits = max(a.numerator.bitWidth, b.numerator.bitWidth) + gap * 10 / 3
        let denominators = max(a.denominator.bitWidth, b.denominator.bitWidth)
        return charge(bits + denominators, gap / 27 + denominators + 64)
    }

    mutating func negate(_ a: ExactValue) -> ExactValue? {
        switch a {
        case let .finite(r): .finite(r.negated)
        case let .infinity(negative): .infinity(negative: !negative)
        case .undefined: .undefined
        }
    }

    mutating func add(_ a: ExactValue, _ b: ExactValue) -> ExactValue? {
        switch (a, b) {
        case (.undefined, _), (_, .undefined): return .undefined
        case let (.infinity(x), .infinity(y)): return x == y ? a : .undefined
        case (.infinity, .finite): return a
        case (.finite, .infinity): return b
        case let (.finite(x), .finite(y)):
            guard charge(x, y) else { return nil }
            return x.adding(y).map(ExactValue.finite)
        }
    }

    mutating func subtract(_ a: ExactValue, _ b: ExactValue) -> ExactValue? {
        guard let negated = negate(b) else { return nil }
        return add(a, negated)
    }

    mutating func multiply(_ a: ExactValue, _ b: ExactValue) -> ExactValue? {
        switch (a, b) {
        case (.undefined, _), (_, .undefined): return .undefined
        case let (.infinity(x), .infinity(y)): return .infinity(negative: x != y)
        case let (.infinity(x), .finite(r)), let (.finite(r), .infinity(x)):
            return r.isZero ? .undefined : .infinity(negative: x != r.negative)
        case let (.finite(x), .finite(y)):
            guard charge(x.numerator.bitWidth + x.denominator.bitWidth, y.numerator.bitWidth + y.denominator.bitWidth)
            else { return nil }
            return x.multiplied(by: y).map(ExactValue.finite)
        }
    }

    mutating func divide(_ a: ExactValue, _ b: ExactValue) -> ExactValue? {
        switch (a, b) {
        case (.undefined, _), (_, .undefined), (.infinity, .infinity): return .undefined
        case let (.infinity(x), .finite(r)): return r.isZero ? .undefined : .infinity(negative: x != r.negative)
        case (.finite, .infinity): return .finite(.zero)
        case let (.finite(x), .finite(y)):
            if y.isZero { return .undefined }
            guard charge(x.numerator.bitWidth + y.denominator.bitWidth, x.denominator.bitWidth + y.numerator.bitWidth)
            else { return nil }
            return x.divided(by: y).map(ExactValue.finite)
        }
    }

    mutating func squareRoot(_ a: ExactValue) -> ExactValue? {
        switch a {
        case .undefined: return .undefined
        case let .infinity(negative): return negative ? .undefined : a
        case let .finite(r):
            if r.negative { return .undefined }
            // Newton's iteration: a few dozen divisions of the number's size.
            let bits = r.numerator.bitWidth + r.denominator.bitWidth
            guard charge(bits * 8, bits) else { return nil }
            return r.squareRoot().map(ExactValue.finite)
        }
    }

    mutating func fusedMultiplyAdd(_ a: ExactValue, _ b: ExactValue, _ c: ExactValue) -> ExactValue? {
        guard let product = multiply(a, b) else { return nil }
        return add(product, c)
    }

    /// `operation` on `operands` (as many as its arity).
    mutating func apply(_ operation: CalcOperation, _ operands: [ExactValue]) -> ExactValue? {
        switch operation {
        case .negate: negate(operands[0])
        case .add: add(operands[0], operands[1])
        case .subtract: subtract(operands[0], operands[1])
        case .multiply: multiply(operands[0], operands[1])
        case .divide: divide(operands[0], operands[1])
        case .squareRoot: squareRoot(operands[0])
        case .fusedMultiplyAdd: fusedMultiplyAdd(operands[0], operands[1], operands[2])
        }
    }

    /// The exact value of `e` with its literals as written; nil if the exact arithmetic gives up.
    mutating func evaluate(_ e: CalcExpression) -> ExactValue? {
        switch e {
        case let .literal(text):
            var scanner = NumberScanner(text)
            guard let number = try? scanner.scan() else { return .undefined }  // validated by the parser
            switch number.kind {
            case .nan: return .undefined
            case .infinity: return .infinity(negative: number.negative)
            case let .decimal(_, _, _, sticky), let .hex(_, _, sticky):
                // A literal cut to its first 800 digits has no exact value here.
                guard !sticky, let r = ExactRational(number) else { return nil }
                return .finite(r)
            }
        case let .operation(operation, operandExpressions):
            var operands: [ExactValue] = []
            for operand in operandExpressions {
                guard let value = evaluate(operand) else { return nil }
                operands.append(value)
            }
            return apply(operation, operands)
        }
    }
}
